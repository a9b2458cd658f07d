// Dashboard figures on a real SQLite file: windows cut at midnight in UTC+8 whatever the machine's time
// zone, closure and level shares, handling time, and overdue work by department and town.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { windowStart } from '../api/stats-window.js';
import type { GridEvent } from '../api/model.js';
import { openStore, type Store } from './store.js';
import { fixtureDepartments, fixtureEvent, tempDir, tinyCounty } from './test-fixtures.js';

const H = 3_600_000;
// 2026-11-22 00:30 in Shanghai = 2026-11-21 16:30 UTC: "today" began 30 minutes ago.
const NOW = Date.UTC(2026, 10, 21, 16, 30);
const TODAY = Date.UTC(2026, 10, 21, 16, 0);

let tmp: ReturnType<typeof tempDir>;
let store: Store;

function ev(id: string, over: Partial<GridEvent>): GridEvent {
  return fixtureEvent({ id, gridCode: '321023100001001', position: [119.2, 33.2], ...over });
}

beforeEach(() => {
  tmp = tempDir();
  store = openStore(join(tmp.dir, 'cache.sqlite'));
  store.applyPage('grids', tinyCounty().grids.map((data, i) => ({ seq: i + 1, data })), 100);
  store.applyPage('departments', fixtureDepartments.map((data, i) => ({ seq: 101 + i, data })), 200);
  const events = [
    // Today (UTC+8): three in, two closed (village, town), one overdue with the urban management department.
    ev('t1', { reportedAt: TODAY + 1_000, state: 'archived', level: 'village', closedAt: TODAY + 10 * 60_000 }),
    ev('t2', { reportedAt: TODAY + 2_000, state: 'verified', level: 'town', closedAt: TODAY + 20 * 60_000 }),
    ev('t3', { reportedAt: TODAY + 3_000, state: 'dispatched', department: 'urban_mgmt', deadlineAt: NOW - 1, gridCode: '321023101001001' }),
    // One minute before midnight in Shanghai (15:59 UTC): yesterday, although it is the same UTC date.
    ev('y1', { reportedAt: TODAY - 60_000, state: 'in_progress', department: 'town_office', deadlineAt: NOW + H }),
    // Earlier this month, closed at county level; a merged duplicate that is neither open nor closed.
    ev('m1', { reportedAt: TODAY - 5 * 24 * H, state: 'evaluated', level: 'county', closedAt: TODAY - 4 * 24 * H }),
    ev('m2', { reportedAt: TODAY - 5 * 24 * H, state: 'merged' }),
  ];
  store.applyPage('events', events.map((data, i) => ({ seq: 201 + i, data })), 300);
});
afterEach(() => {
  store.close();
  tmp.remove();
});

describe('stats.dashboard', () => {
  it('cuts today at midnight Shanghai time', () => {
    expect(windowStart('today', NOW)).toBe(TODAY);
    const d = store.stats.dashboard('today', TODAY, NOW, NOW);
    expect(d).toMatchObject({ intake: 3, closed: 2, resolvedByLevel: { village: 0.5, town: 0.5, county: 0 } });
    expect(d.closureRate).toBeCloseTo(2 / 3);
    // Handling time of the two closed today: 10 and 20 minutes (less the seconds they came in after midnight).
    expect(d.avgHandlingMs).toBe(Math.round((10 * 60_000 - 1_000 + 20 * 60_000 - 2_000) / 2));
  });

  it('counts the month, open work by state and overdue work by department and town', () => {
    const d = store.stats.dashboard('month', windowStart('month', NOW), NOW, NOW);
    expect(windowStart('month', NOW)).toBe(Date.UTC(2026, 10, 1) - 8 * H);
    expect(d).toMatchObject({ intake: 6, closed: 3 });
    expect(d.resolvedByLevel.county).toBeCloseTo(1 / 3);
    expect(d.openByState).toEqual({ dispatched: 1, in_progress: 1, verified: 1, evaluated: 1 });
    expect(d.overdueByDepartment).toEqual([{ department: 'urban_mgmt', name: '城市管理局', count: 1 }]);
    expect(d.overdueByTown).toEqual([{ townCode: '321023101', name: '氾水镇', count: 1 }]);
  });

  it('says null, not NaN, for an empty window', () => {
    const d = store.stats.dashboard('today', TODAY + 24 * H, TODAY + 25 * H, NOW);
    expect(d).toMatchObject({ intake: 0, closed: 0, closureRate: null, avgHandlingMs: null, resolvedByLevel: { village: 0, town: 0, county: 0 } });
  });
});
