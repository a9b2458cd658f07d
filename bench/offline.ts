// `npm run bench:offline`: a browser seat behind a fault proxy is cut off from its hub for a simulated hour
// while the hub takes 10,000 changes and the operator makes 500 writes; then the link heals. Measures how long
// until seat and hub agree (outbox drained, every cursor at the hub's newest row) and the UI's longest frame
// during that catch-up (Chromium, requestAnimationFrame and long tasks), and counts writes lost or duplicated.
// Prints a table, then one `BENCH {json}` line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { z } from 'zod';
import { fixtureCounty } from '../hub/test-fixture.js';
import { startHub } from '../hub/server.js';
import { eventId } from '../hub/simulator.js';
import type { GridEvent } from '../native/api/model.js';
import { CACHE_FILE } from '../native/station.js';
import { HubClient } from '../native/sync/hub-client.js';
import { PULL_ORDER } from '../native/sync/puller.js';
import { launchChromium, openWatchedPage, waitForMap } from '../tests/e2e/browser.js';
import { startSeat, waitForCounty } from '../tests/e2e/seat.js';
import { SeatClient } from '../tests/integration/api-client.js';
import { FaultProxy } from '../tests/support/fault-proxy.js';
import { mulberry32 } from './measure.js';

const HUB_CHANGES = 10_000;
const LOCAL_WRITES = 500;
const HOUR = 3_600_000;
/** How long the frames are watched before the heal, for a baseline of this machine's software rendering. */
const BASELINE_MS = 5_000;
const TAG = `BENCH-OFFLINE-${Date.now()}-`;

const r = mulberry32(2026);
const county = fixtureCounty({ villages: 4, unitsPerVillage: 4, buildingsPerUnit: 2 });
const units = county.grids.filter((g) => g.level === 'unit');

/** What the page's frame probe measured since it was (re)started. */
interface Frames {
  longestFrameMs: number;
  frames: number;
  longestTaskMs: number;
}

/**
 * A frame probe for the page (plain JS: this project compiles without the DOM library): the gap between
 * animation frames and the longest task the browser reports. Evaluating it again restarts it.
 */
const FRAME_PROBE = `(() => {
  window.__frames?.stop();
  const probe = { longestFrameMs: 0, frames: 0, longestTaskMs: 0, stop: () => undefined };
  let last = performance.now();
  let running = true;
  const tick = (t) => {
    if (!running) return;
    probe.longestFrameMs = Math.max(probe.longestFrameMs, t - last);
    probe.frames++;
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.longestTaskMs = Math.max(probe.longestTaskMs, e.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  probe.stop = () => { running = false; observer.disconnect(); };
  window.__frames = probe;
})()`;

const Frames = z.object({ longestFrameMs: z.number(), frames: z.number(), longestTaskMs: z.number() });

async function readFrames(page: Page): Promise<z.infer<typeof Frames>> {
  return Frames.parse(await page.evaluate('({ longestFrameMs: window.__frames.longestFrameMs, frames: window.__frames.frames, longestTaskMs: window.__frames.longestTaskMs })'));
}

/** The hub's side of the hour: new reports spread over it, written as the hub writes its own. */
async function hubChanges(hub: Awaited<ReturnType<typeof startHub>>, since: number): Promise<string[]> {
  const ids: string[] = [];
  const template = (await new HubClient(hub.url).page('events', 0, 1)).rows[0]?.data;
  if (!template) throw new Error('the hub has no event to copy');
  for (let done = 0; done < HUB_CHANGES; done += 1_000) {
    const first = await hub.store.takeEventSerials(1_000);
    const batch: GridEvent[] = [];
    for (let i = 0; i < 1_000; i++) {
      const at = since + Math.floor(((done + i) / HUB_CHANGES) * HOUR);
      const grid = units[Math.floor(r() * units.length)]!;
      const e: GridEvent = {
        ...template, id: eventId(at, first + i), title: `网格上报 ${done + i}`, state: 'reported', gridCode: grid.code, position: grid.center,
        reportedAt: at, updatedAt: at, severity: 1 + Math.floor(r() * 5), department: null, deadlineAt: null, closedAt: null, version: 1,
      };
      batch.push(e);
      ids.push(e.id);
    }
    await hub.store.insertEvents(batch);
  }
  return ids;
}

/** Where seat and hub stand: writes still pending, and the first collection with rows past the seat's cursor. */
async function standing(cache: Database.Database, client: HubClient): Promise<{ pending: number; behind: string | null }> {
  const pending = cache.prepare<[], { n: number }>(`SELECT count(*) AS n FROM outbox WHERE state = 'pending'`).get()?.n ?? 0;
  const cursors = new Map(cache.prepare<[], { collection: string; cursor: number }>('SELECT collection, cursor FROM sync_cursors').all().map((c) => [c.collection, c.cursor]));
  for (const c of PULL_ORDER) {
    const page = await client.page(c, cursors.get(c) ?? 0, 1);
    if (page.rows.length > 0) return { pending, behind: `${c} (cursor ${cursors.get(c) ?? 0})` };
  }
  return { pending, behind: null };
}

/** Progress on stderr, so the table and the BENCH line stay alone on stdout. */
const t00 = performance.now();
const stage = (what: string): void => {
  process.stderr.write(`[${((performance.now() - t00) / 1000).toFixed(1)} s] ${what}\n`);
};

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'watchfloor-bench-offline-'));
  const hub = await startHub({
    port: 0, host: '127.0.0.1', dataDir: null, county, historyEvents: 200,
    // The hub writes workers' fixes back silently (positions stream live): an hour apart, so the only changes
    // behind the seat's cursors are the ones this bench makes.
    positionIntervalMs: 1_000, eventIntervalMs: HOUR, fieldIntervalMs: HOUR, workerWriteBackMs: HOUR,
  });
  stage(`hub up (${hub.url})`);
  const proxy = await FaultProxy.start({ port: hub.port });
  const seat = await startSeat({ hubUrl: proxy.url, dataDir });
  const browser = await launchChromium();
  try {
    await waitForCounty(seat);
    stage('seat synced');
    const api = await SeatClient.open(seat.origin, seat.token);
    api.subscribe('link');
    await api.call('seat.setIdentity', { name: '值班长', role: 'duty_commander', seatId: 'bench' });
    const { page } = await openWatchedPage(browser);
    await page.goto(seat.url);
    await waitForMap(page);
    stage('map drawn');
    const category = (await api.call('lists.get', {})).collectionItems[0]!.category;

    // The hour offline: the link is cut, the hub moves on, the operator keeps working from the cache.
    proxy.cut();
    await api.event('link', (l) => l.state === 'offline', 'the link light offline', 60_000);
    const offlineAt = Date.now();
    stage('offline');
    const hubIds = await hubChanges(hub, offlineAt - HOUR);
    const keys: string[] = [];
    for (let i = 0; i < LOCAL_WRITES; i++) {
      const grid = units[Math.floor(r() * units.length)]!;
      keys.push((await api.call('events.create', { title: `${TAG}${i}`, category, severity: 1 + Math.floor(r() * 5), gridCode: grid.code, position: grid.center })).key);
    }

    stage(`${hubIds.length} hub changes, ${keys.length} local writes`);
    await page.evaluate(FRAME_PROBE);
    await new Promise((resolve) => setTimeout(resolve, BASELINE_MS));
    const baseline = await readFrames(page);
    await page.evaluate(FRAME_PROBE);

    const cache = new Database(join(dataDir, CACHE_FILE), { readonly: true, fileMustExist: true });
    const client = new HubClient(hub.url);
    const t0 = performance.now();
    await proxy.heal();
    // Seat and hub agree when the outbox is drained and no collection has a row past the seat's cursor.
    let drainedMs: number | null = null;
    for (;;) {
      const s = await standing(cache, client);
      if (s.pending === 0) drainedMs ??= performance.now() - t0;
      if (s.pending === 0 && s.behind === null) break;
      if (performance.now() - t0 > 240_000) throw new Error(`seat and hub did not agree within 4 minutes: ${s.pending} pending, behind in ${s.behind ?? '-'}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const catchupMs = performance.now() - t0;
    stage('seat and hub agree');
    const during = await readFrames(page);

    // Exactly once: each local write once at the hub, each hub change in the cache.
    const titles = new Map<string, number>();
    let after = 0;
    for (;;) {
      const p = await client.page('events', after, 5_000);
      for (const row of p.rows) if (row.data.title.startsWith(TAG)) titles.set(row.data.title, (titles.get(row.data.title) ?? 0) + 1);
      after = p.cursor;
      if (!p.more) break;
    }
    const sent = cache.prepare<[], { n: number }>(`SELECT count(*) AS n FROM outbox WHERE state = 'sent'`).get()?.n ?? 0;
    const has = cache.prepare<[string], { n: number }>('SELECT count(*) AS n FROM events WHERE id = ?');
    const missingAtSeat = hubIds.filter((id) => (has.get(id)?.n ?? 0) === 0).length;
    const lost = Array.from({ length: LOCAL_WRITES }, (_, i) => titles.get(`${TAG}${i}`) ?? 0).filter((n) => n === 0).length + missingAtSeat;
    const duplicated = [...titles.values()].filter((n) => n > 1).length;
    cache.close();
    api.close();

    const result = {
      catchup_ms: Math.round(catchupMs),
      outbox_drained_ms: Math.round(drainedMs ?? catchupMs),
      longest_frame_ms: Math.round(during.longestFrameMs),
      longest_task_ms: Math.round(during.longestTaskMs),
      frames_during_catchup: during.frames,
      baseline_longest_frame_ms: Math.round(baseline.longestFrameMs),
      baseline_longest_task_ms: Math.round(baseline.longestTaskMs),
      lost,
      duplicated,
      hub_changes: hubIds.length,
      local_writes: keys.length,
      local_sent: sent,
      offline_s: Math.round((Date.now() - offlineAt) / 1000),
    };
    console.log('offline catch-up (simulated hour offline)');
    for (const [k, v] of Object.entries(result)) console.log(`  ${k.padEnd(28)} ${v}`);
    console.log(`BENCH ${JSON.stringify(result)}`);
  } finally {
    await browser.close();
    await seat.close();
    await proxy.close();
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
