import { describe, expect, it } from 'vitest';
import { CatchUpProgress } from './catch-up-progress.js';

describe('CatchUpProgress', () => {
  it('measures the distance the cursors covered towards the hub sequence at the start', () => {
    const p = new CatchUpProgress();
    // events must go 100 → 1100, grids 1000 → 1100: 1100 seq values to cover in all.
    expect(p.start([['events', 100], ['grids', 1000]], 1100, 600, 5)).toMatchObject({ running: true, rows: 0, fraction: 0, behind: 500, startedAt: 5 });
    const cases: [Parameters<CatchUpProgress['page']>, number, number][] = [
      [['events', 375, 200], 275 / 1100, 200],
      [['events', 650, 300], 550 / 1100, 500],
      // A cursor never moves back; a stale page report leaves the fraction alone.
      [['events', 600, 0], 550 / 1100, 500],
    ];
    for (const [args, fraction, rows] of cases) {
      const s = p.page(...args);
      expect(s.fraction).toBeCloseTo(fraction, 6);
      expect(s.rows).toBe(rows);
      expect(s.collection).toBe('events');
    }
    // Finished below the hub's sequence: the rest of the span belonged to other collections' rows.
    expect(p.finished('events').fraction).toBeCloseTo(1000 / 1100, 6);
    expect(p.end(true, 9)).toEqual({ running: false, collection: null, rows: 500, fraction: 1, behind: 500, startedAt: 5, finishedAt: 9 });
  });

  it('keeps where it got when a catch-up breaks off, and knows no backlog on a cache never synced', () => {
    const p = new CatchUpProgress();
    p.start([['events', 0]], 400, null, 1);
    expect(p.status.behind).toBeNull();
    p.page('events', 100, 100);
    const broken = p.end(false, 2);
    expect(broken).toMatchObject({ running: false, fraction: 0.25, finishedAt: null, rows: 100 });
    // The next catch-up starts from zero rows again and keeps the last finish time.
    expect(p.start([['events', 100]], 400, 0, 3)).toMatchObject({ rows: 0, fraction: 0, behind: 400, finishedAt: null });
  });

  it('is complete at once when nothing changed at the hub', () => {
    const p = new CatchUpProgress();
    p.start([['grids', 50], ['events', 50]], 50, 50, 1);
    expect(p.finished('grids')).toMatchObject({ fraction: 1, behind: 0 });
  });
});
