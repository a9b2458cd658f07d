// `npm run bench:store`: a full county sync from the demo hub into an empty cache (rows/s), then the
// p50/p95 of the cache queries the console leans on. Prints a table, then one `BENCH {json}` line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startHub } from '../hub/server.js';
import type { BBox } from '../native/api/contract.js';
import { openStore } from '../native/store/store.js';
import { HubClient } from '../native/sync/hub-client.js';
import { PULL_ORDER, Puller } from '../native/sync/puller.js';
import { mulberry32, percentile } from './measure.js';

const RUNS = 200;

interface QueryFigures {
  p50_ms: number;
  p95_ms: number;
  mean_rows: number;
}

function measure(run: (i: number) => number): QueryFigures {
  for (let i = 0; i < 10; i++) run(i); // warm the statement cache and pages
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    rows += run(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { p50_ms: round(percentile(times, 50)), p95_ms: round(percentile(times, 95)), mean_rows: Math.round(rows / RUNS) };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'watchfloor-bench-'));
  // Long simulator intervals: the bench measures the pull, not live traffic.
  const hub = await startHub({ port: 0, dataDir: null, positionIntervalMs: 60_000, eventIntervalMs: 60_000 });
  const store = openStore(join(dir, 'station.sqlite'));
  try {
    // Time spent writing pages into SQLite, apart from HTTP and validation.
    let applyMs = 0;
    const apply = store.applyPage.bind(store);
    store.applyPage = ((...args: Parameters<typeof apply>) => {
      const t0 = performance.now();
      apply(...args);
      applyMs += performance.now() - t0;
    }) as typeof store.applyPage;

    const perCollection: Record<string, { rows: number; ms: number }> = {};
    const puller = new Puller(store, new HubClient(hub.url, { timeoutMs: 60_000 }));
    const t0 = performance.now();
    for (const c of PULL_ORDER) {
      const c0 = performance.now();
      const rows = await puller.pull(c);
      perCollection[c] = { rows, ms: Math.round(performance.now() - c0) };
    }
    const syncMs = performance.now() - t0;
    const rows = Object.values(perCollection).reduce((n, c) => n + c.rows, 0);

    const rand = mulberry32(321023);
    const towns = store.grids.byLevel('town').map((g) => g.code);
    const villages = store.grids.byLevel('village').map((g) => g.code);
    const county = store.grids.byLevel('county')[0]!;
    const cb = county.boundary.reduce(
      (b, [lon, lat]) => ({ west: Math.min(b.west, lon), south: Math.min(b.south, lat), east: Math.max(b.east, lon), north: Math.max(b.north, lat) }),
      { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity },
    );
    const kmPerDegLat = 111.32;
    const kmPerDegLon = 111.32 * Math.cos((county.center[1] * Math.PI) / 180);
    // Square-ish boxes of 1–10 km², centred anywhere in the county's bounding box.
    const boxes: BBox[] = Array.from({ length: RUNS + 10 }, () => {
      const areaKm2 = 1 + 9 * rand();
      const aspect = 0.5 + rand();
      const wKm = Math.sqrt(areaKm2 * aspect);
      const hKm = areaKm2 / wKm;
      const lon = cb.west + (cb.east - cb.west) * rand();
      const lat = cb.south + (cb.north - cb.south) * rand();
      return { west: lon - wKm / kmPerDegLon / 2, east: lon + wKm / kmPerDegLon / 2, south: lat - hKm / kmPerDegLat / 2, north: lat + hKm / kmPerDegLat / 2 };
    });
    const pick = <T>(list: readonly T[], i: number): T => list[Math.floor(mulberry32(i + 7)() * list.length)]!;

    const queries = {
      grid_subtree_town: measure((i) => store.grids.subtree(pick(towns, i)).length),
      cameras_in_view_1_10km2: measure((i) => store.cameras.inView(boxes[i]!).length),
      workers_in_village: measure((i) => store.workers.inSubtree(pick(villages, i)).length),
      grid_detail_town: measure((i) => {
        const code = pick(towns, i);
        return store.grids.path(code).length + store.workers.inSubtree(code, 200).length + store.cameras.inSubtree(code, 200).length
          + store.buildings.countInSubtree(code) + store.events.openInSubtree(code, 200).length;
      }),
    };
    const worst = Math.max(queries.grid_subtree_town.p95_ms, queries.cameras_in_view_1_10km2.p95_ms, queries.workers_in_village.p95_ms);

    const lines = [
      `Full county sync from the demo hub into an empty cache`,
      ...Object.entries(perCollection).map(([c, f]) => `  ${c.padEnd(10)} ${String(f.rows).padStart(7)} rows  ${String(f.ms).padStart(6)} ms`),
      `  total      ${String(rows).padStart(7)} rows  ${String(Math.round(syncMs)).padStart(6)} ms  → ${Math.round(rows / (syncMs / 1000))} rows/s (SQLite writes alone: ${Math.round(rows / (applyMs / 1000))} rows/s)`,
      ``,
      `Cache queries, ${RUNS} runs each        p50 ms    p95 ms   mean rows`,
      ...Object.entries(queries).map(([name, q]) => `  ${name.padEnd(30)} ${q.p50_ms.toFixed(3).padStart(8)}  ${q.p95_ms.toFixed(3).padStart(8)}  ${String(q.mean_rows).padStart(9)}`),
    ];
    console.log(lines.join('\n'));
    const result = {
      sync_rows: rows,
      sync_ms: Math.round(syncMs),
      sync_rows_per_s: Math.round(rows / (syncMs / 1000)),
      sync_apply_rows_per_s: Math.round(rows / (applyMs / 1000)),
      query_p95_ms: worst,
      queries,
    };
    console.log(`BENCH ${JSON.stringify(result)}`);
  } finally {
    store.close();
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
