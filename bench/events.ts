// `npm run bench:events`: a year of a county's work orders (175,000 events) in a temporary cache, then the
// event list's p95 under several filter combinations, the dashboard's aggregates for each range, and the
// time to apply one sync page of 1,000 event changes. Prints a table, then one `BENCH {json}` line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EventListParams, type StatsRange } from '../native/api/contract.js';
import type { EventSource, EventState, GridEvent, HandlingLevel } from '../native/api/model.js';
import { windowStart } from '../native/api/stats-window.js';
import { openStore } from '../native/store/store.js';
import { mulberry32, percentile } from './measure.js';

const EVENTS = 175_000;
const RUNS = 200;
const H = 3_600_000;
const DAY = 24 * H;

/** Every timed list run across all combinations, for the pooled p95. */
const allListTimes: number[] = [];

function timeRuns(runs: number, run: (i: number) => void, pool?: number[]): { p50: number; p95: number; max: number } {
  for (let i = 0; i < 10; i++) run(i);
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    run(i);
    t.push(performance.now() - s);
  }
  pool?.push(...t);
  t.sort((a, b) => a - b);
  return { p50: percentile(t, 50), p95: percentile(t, 95), max: t.at(-1)! };
}

const r = mulberry32(2026);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
// 14 towns of Baoying, 12 villages each, 8 unit grids each.
const TOWNS = Array.from({ length: 14 }, (_, i) => `321023${100 + i}`);
const DEPARTMENTS = ['urban_mgmt', 'housing', 'environment', 'market_supervision', 'transport', 'water', 'public_security',
  'emergency', 'civil_affairs', 'town_office', 'village_committee', 'agriculture'];
const CATEGORIES = Array.from({ length: 40 }, (_, i) => `category_${i}`);
const SOURCES: { s: EventSource; w: number }[] = [
  { s: 'grid_worker', w: 0.55 }, { s: 'hotline_12345', w: 0.25 }, { s: 'ai_video', w: 0.12 }, { s: 'public_tip', w: 0.06 }, { s: 'manual', w: 0.02 },
];
const OPEN_STATES: EventState[] = ['reported', 'accepted', 'dispatched', 'in_progress', 'handled', 'verified', 'evaluated', 'returned', 'escalated', 'reopened'];

function source(): EventSource {
  let x = r();
  for (const { s, w } of SOURCES) if ((x -= w) < 0) return s;
  return 'grid_worker';
}

function level(): HandlingLevel {
  const x = r();
  return x < 0.6 ? 'village' : x < 0.93 ? 'town' : 'county';
}

const NOW = Date.now();

function makeEvent(i: number): GridEvent {
  // Recent events are more likely open; 99.7 % of the year's work is closed.
  const ageDays = r() * 365;
  const reportedAt = Math.round(NOW - ageDays * DAY - r() * H);
  const open = ageDays < 10 ? r() < 0.25 : r() < 0.0015;
  const state: EventState = open ? pick(OPEN_STATES) : r() < 0.01 ? 'merged' : 'archived';
  const dispatched = !['reported', 'accepted', 'merged'].includes(state);
  const limitH = pick([4, 8, 24, 48, 72, 120]);
  const handlingMs = Math.round((0.2 + r() * 1.2) * limitH * H);
  const deadlineAt = dispatched ? reportedAt + H + limitH * H : null;
  const closed = state === 'archived' || state === 'verified' || state === 'evaluated';
  const town = pick(TOWNS);
  const gridCode = `${town}${String(1 + Math.floor(r() * 12)).padStart(3, '0')}${String(1 + Math.floor(r() * 8)).padStart(3, '0')}`;
  const src = source();
  return {
    id: `ev-${String(i).padStart(7, '0')}`, title: pick(['占道经营', '垃圾堆放', '井盖缺失', '违章搭建', '噪音扰民', '道路破损', '河道漂浮物', '路灯不亮']),
    category: pick(CATEGORIES), source: src, severity: 1 + Math.floor(r() ** 2 * 5), state, gridCode,
    position: [119.1 + r() * 0.5, 33.0 + r() * 0.5], address: `宝应县${town.slice(-3)}路${i % 500}号`, reportedAt,
    updatedAt: closed ? reportedAt + handlingMs + H : reportedAt + H, department: dispatched ? pick(DEPARTMENTS) : null, level: level(),
    deadlineAt, supervised: open && r() < 0.05, mergedInto: state === 'merged' ? 'ev-0000001' : null,
    cameraId: src === 'ai_video' ? '32102300001320000001' : null, snapshot: null, detection: src === 'ai_video' ? 'street_vending' : null,
    reporter: null, description: '现场核实后处置', rating: state === 'archived' || state === 'evaluated' ? 1 + Math.floor(r() * 5) : null,
    closedAt: closed ? reportedAt + handlingMs : null, version: closed ? 8 : 3,
  };
}

// BENCH_EVENTS_DB=<file> keeps (and reuses) the filled cache, for looking at query plans between runs.
const keep = process.env.BENCH_EVENTS_DB;
const dir = mkdtempSync(join(tmpdir(), 'watchfloor-bench-events-'));
try {
  const store = openStore(keep ?? join(dir, 'station.sqlite'));
  const fillStart = performance.now();
  const BATCH = 5_000;
  let seq = store.events.count() === EVENTS ? EVENTS : 0;
  for (let i = seq; i < EVENTS; i += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, EVENTS - i) }, (_, k) => ({ seq: ++seq, data: makeEvent(i + k) }));
    store.applyPage('events', rows, seq);
  }
  store.db.exec('ANALYZE');
  const fillMs = performance.now() - fillStart;
  const openCount = store.events.list(EventListParams.parse({ states: OPEN_STATES, limit: 1 }), NOW).total;

  const combos: Record<string, Record<string, unknown>> = {
    'all, by deadline': {},
    'all, by reported, page 5': { sort: 'reported', offset: 200 },
    'open states': { states: OPEN_STATES },
    'overdue': { overdue: true },
    'town + open': { townCode: TOWNS[3], states: OPEN_STATES },
    'department, by reported': { department: 'urban_mgmt', sort: 'reported' },
    'two categories, by reported': { categories: [CATEGORIES[1], CATEGORIES[7]], sort: 'reported' },
    'ai_video archived, page 3': { sources: ['ai_video'], states: ['archived'], sort: 'reported', offset: 100 },
    'supervised': { supervised: true },
    'text + open': { text: '井盖', states: OPEN_STATES },
  };
  const listRows: { combo: string; p50: number; p95: number; total: number }[] = [];
  for (const [name, combo] of Object.entries(combos)) {
    const q = EventListParams.parse({ limit: 50, ...combo });
    const total = store.events.list(q, NOW).total;
    const t = timeRuns(RUNS, () => store.events.list(q, NOW), allListTimes);
    listRows.push({ combo: name, p50: t.p50, p95: t.p95, total });
  }

  const dashRows: { range: StatsRange; p50: number; p95: number; intake: number }[] = [];
  for (const range of ['today', 'week', 'month'] as const) {
    const from = windowStart(range, NOW);
    const intake = store.stats.dashboard(range, from, NOW, NOW).intake;
    const t = timeRuns(50, () => store.stats.dashboard(range, from, NOW, NOW));
    dashRows.push({ range, p50: t.p50, p95: t.p95, intake });
  }

  // One sync page of 1,000 event changes as the loop makes them: 700 new versions of work reported in the
  // last 30 days (archived work of months ago does not move) and 300 new reports. Five pages.
  const syncTimes: number[] = [];
  const recent = store.db.prepare<[number], { data: string }>('SELECT data FROM events WHERE reported_at > ? ORDER BY random() LIMIT 3500')
    .all(NOW - 30 * DAY).map((x) => JSON.parse(x.data) as GridEvent);
  let fresh = EVENTS;
  for (let round = 0; round < 5; round++) {
    const moved = recent.slice(round * 700, round * 700 + 700).map((e) => ({ ...e, version: e.version + 1, updatedAt: NOW }));
    const added = Array.from({ length: 300 }, () => ({ ...makeEvent(fresh++), reportedAt: NOW - Math.round(r() * H), state: 'reported' as const }));
    const rows = [...moved, ...added].map((data) => ({ seq: ++seq, data }));
    const s = performance.now();
    store.applyPage('events', rows, seq);
    syncTimes.push(performance.now() - s);
  }
  syncTimes.sort((a, b) => a - b);
  store.close();

  const f = (x: number): string => x.toFixed(2).padStart(8);
  const pooled = [...allListTimes].sort((a, b) => a - b);
  console.log(`cache: ${EVENTS.toLocaleString('en')} events (${openCount} open) written in ${(fillMs / 1000).toFixed(1)} s`);
  console.log('\nevents.list (limit 50)                     p50 ms   p95 ms    total');
  for (const row of listRows) console.log(`  ${row.combo.padEnd(38)} ${f(row.p50)} ${f(row.p95)} ${String(row.total).padStart(8)}`);
  console.log(`  ${'all combinations (pooled)'.padEnd(38)} ${f(percentile(pooled, 50))} ${f(percentile(pooled, 95))}`);
  console.log('\nstats.dashboard                            p50 ms   p95 ms   intake');
  for (const row of dashRows) console.log(`  ${row.range.padEnd(38)} ${f(row.p50)} ${f(row.p95)} ${String(row.intake).padStart(8)}`);
  console.log(`\nsync page of 1,000 event changes (700 moved, 300 new): median ${syncTimes[2]!.toFixed(1)} ms (min ${syncTimes[0]!.toFixed(1)}, max ${syncTimes[4]!.toFixed(1)})`);

  const result = {
    events: EVENTS,
    open_events: openCount,
    // p95 over all 2,000 list runs (10 combinations × 200); the worst single combination beside it.
    list_p95_ms: Number(percentile(pooled, 95).toFixed(2)),
    list_p95_worst_combo_ms: Number(Math.max(...listRows.map((x) => x.p95)).toFixed(2)),
    list_p95_by_combo_ms: Object.fromEntries(listRows.map((x) => [x.combo, Number(x.p95.toFixed(2))])),
    dashboard_ms: Number(Math.max(...dashRows.map((x) => x.p95)).toFixed(2)),
    dashboard_p95_by_range_ms: Object.fromEntries(dashRows.map((x) => [x.range, Number(x.p95.toFixed(2))])),
    sync_batch_1000_ms: Number(syncTimes[2]!.toFixed(1)),
    fill_ms: Math.round(fillMs),
  };
  console.log(`BENCH ${JSON.stringify(result)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
