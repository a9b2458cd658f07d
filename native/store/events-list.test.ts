// The event list on a real SQLite file against a plain in-memory reference: every filter, both sorts,
// overdue and supervised work floating to the top, and pages that add up to the whole list.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventListParams } from '../api/contract.js';
import type { EventSource, EventState, GridEvent } from '../api/model.js';
import { isOverdue } from '../api/deadlines.js';
import { openStore, type Store } from './store.js';
import { fixtureEvent, tempDir } from './test-fixtures.js';

const NOW = 1_800_000_000_000;
const H = 3_600_000;
const STATES: EventState[] = ['reported', 'accepted', 'dispatched', 'in_progress', 'handled', 'verified', 'archived', 'archived', 'merged', 'returned'];
const SOURCES: EventSource[] = ['grid_worker', 'hotline_12345', 'ai_video', 'public_tip', 'manual'];
const TOWNS = ['321023100', '321023101', '321023102'];
const DEPTS = ['urban_mgmt', 'town_office', null];

function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

const events: GridEvent[] = [];
const r = rng(7);
for (let i = 0; i < 300; i++) {
  const state = STATES[Math.floor(r() * STATES.length)]!;
  const hasDeadline = state !== 'reported' && state !== 'accepted';
  events.push(fixtureEvent({
    id: `e-${String(i).padStart(3, '0')}`,
    gridCode: `${TOWNS[i % 3]}00${1 + (i % 2)}001`,
    position: [119.2, 33.2],
    state,
    source: SOURCES[i % SOURCES.length]!,
    category: i % 4 === 0 ? 'garbage' : 'street_vending',
    title: i % 10 === 0 ? `井盖 100% 缺失 ${i}` : `占道经营 ${i}`,
    department: hasDeadline ? DEPTS[i % 3]! : null,
    deadlineAt: hasDeadline ? NOW + Math.round((r() - 0.4) * 48) * H : null,
    supervised: r() < 0.1,
    reportedAt: NOW - Math.floor(r() * 1000) * H,
  }));
}

/** The rule, written plainly. */
function reference(q: ReturnType<typeof EventListParams.parse>): GridEvent[] {
  const open = (e: GridEvent): boolean => e.state !== 'archived' && e.state !== 'merged';
  const floating = (e: GridEvent): boolean => open(e) && (isOverdue(e, NOW) || e.supervised);
  const match = events.filter((e) =>
    (!q.states || q.states.includes(e.state)) && (!q.sources || q.sources.includes(e.source))
    && (!q.categories || q.categories.includes(e.category)) && (!q.townCode || e.gridCode.startsWith(q.townCode))
    && (q.department === undefined || e.department === q.department)
    && (q.overdue === undefined || isOverdue(e, NOW) === q.overdue) && (q.supervised === undefined || e.supervised === q.supervised)
    && (!q.text || `${e.title}\n${e.address}\n${e.description}`.includes(q.text)));
  // Ties break by insertion order, newest first (ids were inserted in order).
  const byReported = (a: GridEvent, b: GridEvent): number => b.reportedAt - a.reportedAt || b.id.localeCompare(a.id);
  const byDeadline = (a: GridEvent, b: GridEvent): number =>
    Number(a.deadlineAt === null) - Number(b.deadlineAt === null) || (a.deadlineAt ?? 0) - (b.deadlineAt ?? 0) || byReported(a, b);
  const top = match.filter(floating).sort((a, b) =>
    Number(isOverdue(b, NOW)) - Number(isOverdue(a, NOW)) || Number(b.supervised) - Number(a.supervised)
    || (q.sort === 'deadline' ? byDeadline(a, b) : byReported(a, b)));
  const rest = match.filter((e) => !floating(e));
  if (q.sort === 'reported') return [...top, ...rest.sort(byReported)];
  return [...top, ...rest.filter(open).sort(byDeadline), ...rest.filter((e) => !open(e)).sort(byReported)];
}

let tmp: ReturnType<typeof tempDir>;
let store: Store;
beforeAll(() => {
  tmp = tempDir();
  store = openStore(join(tmp.dir, 'cache.sqlite'));
  store.applyPage('events', events.map((data, i) => ({ seq: i + 1, data })), events.length);
});
afterAll(() => {
  store.close();
  tmp.remove();
});

const combos: Record<string, unknown>[] = [
  {},
  { sort: 'reported' },
  { states: ['dispatched', 'in_progress'] },
  { states: [] },
  { sources: ['ai_video', 'manual'], sort: 'reported' },
  { categories: ['garbage'] },
  { townCode: '321023101' },
  { department: 'urban_mgmt', sort: 'reported' },
  { overdue: true },
  { overdue: false, states: ['dispatched'] },
  { overdue: false },
  { supervised: true },
  { text: '100%' },
  { text: '100_' },
  { townCode: '321023102', categories: ['street_vending'], states: ['archived', 'dispatched'], sort: 'reported' },
];

describe('events.list', () => {
  it.each(combos.map((c) => [JSON.stringify(c), c]))('%s matches the reference, order and total', (_name, combo) => {
    const q = EventListParams.parse({ ...combo, limit: 500 });
    const want = reference(q);
    const got = store.events.list(q, NOW);
    expect(got.total).toBe(want.length);
    expect(got.items.map((e) => e.id)).toEqual(want.map((e) => e.id));
  });

  it('floats overdue work, then supervised work, to the top', () => {
    const { items } = store.events.list(EventListParams.parse({ limit: 500 }), NOW);
    const firstNot = items.findIndex((e) => !isOverdue(e, NOW));
    expect(firstNot).toBeGreaterThan(0);
    expect(items.slice(firstNot).some((e) => isOverdue(e, NOW))).toBe(false);
    expect(items.slice(firstNot).findIndex((e) => !e.supervised)).toBeGreaterThan(0);
  });

  it.each(['deadline', 'reported'])('pages of 7 (sort %s) add up to the whole list across its segments', (sort) => {
    const all = store.events.list(EventListParams.parse({ sort, limit: 500 }), NOW);
    const paged: string[] = [];
    for (let offset = 0; offset < all.total; offset += 7) {
      const page = store.events.list(EventListParams.parse({ sort, limit: 7, offset }), NOW);
      expect(page.total).toBe(all.total);
      paged.push(...page.items.map((e) => e.id));
    }
    expect(paged).toEqual(all.items.map((e) => e.id));
    expect(store.events.list(EventListParams.parse({ sort, limit: 7, offset: all.total }), NOW).items).toEqual([]);
  });
});
