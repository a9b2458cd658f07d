// `npm run bench:calls`: video dispatch through the real SFU. A demo hub with mediasoup, a real browser seat
// (the commander's console) and grid workers' field pages in Debian's Chromium with fake cameras.
// Measures dial → first remote frame at the seat over repeated 1:1 calls (the worker's page answers as soon
// as it rings), and the SFU worker's CPU per consumer in group calls of 1, 5 and 10 workers.
// Prints a table and ends with one line `BENCH {json}`.
import { loadavg } from 'node:os';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { CountyData } from '../hub/county/types.js';
import { startHub, type Hub } from '../hub/server.js';
import { fixtureCounty } from '../hub/test-fixture.js';
import { SeatClient } from '../tests/integration/api-client.js';
import { CHROMIUM, chromiumArgs, waitForMap } from '../tests/e2e/browser.js';
import { startSeat, waitForCounty, type RunningSeat } from '../tests/e2e/seat.js';
import { percentile } from './measure.js';

const DIALS = 12;
const GROUPS = [1, 5, 10] as const;
const CPU_WINDOW_MS = 10_000;
const SETTLE_MS = 3_000;
const CALL_ARGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'];

/** Runs in the seat page: the epoch ms of the first video frame each call participant's tile presents. */
const FIRST_FRAME_SCRIPT = `
  window.__firstFrame = {};
  const seen = new WeakSet();
  const watch = () => {
    for (const tile of document.querySelectorAll('[data-test=call-participant]')) {
      const video = tile.querySelector('video');
      const key = tile.getAttribute('data-key');
      if (!video || !key || seen.has(video)) continue;
      seen.add(video);
      video.requestVideoFrameCallback(() => { if (!(key in window.__firstFrame)) window.__firstFrame[key] = Date.now(); });
    }
  };
  new MutationObserver(watch).observe(document, { subtree: true, childList: true });
`;

/** The seat page's global object as FIRST_FRAME_SCRIPT leaves it (this project compiles without the DOM library). */
type FrameGlobals = typeof globalThis & { __firstFrame?: Record<string, number> };

interface Field {
  workerId: string;
  page: Page;
}

async function signIn(browser: Browser, hub: Hub, county: CountyData, index: number): Promise<Field> {
  const worker = county.workers[index]!;
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  await page.goto(`${hub.url}/field/`);
  await page.locator('[data-test=worker-id]').fill(worker.id);
  await page.locator('[data-test=pin]').fill(worker.phone.slice(-4));
  await page.locator('[data-test=sign-in-submit]').click();
  await page.locator('[data-test=idle]').waitFor({ timeout: 30_000 });
  return { workerId: worker.id, page };
}

/** Each field page answers its ring at once. */
async function answer(fields: readonly Field[]): Promise<void> {
  await Promise.all(fields.map(async (f) => {
    await f.page.locator('[data-test=answer]').click({ timeout: 30_000 });
    await f.page.locator('[data-test=in-call]').waitFor({ timeout: 30_000 });
  }));
}

async function hangUp(api: SeatClient, hub: Hub, callId: string, fields: readonly Field[]): Promise<void> {
  await api.call('calls.leave', { callId });
  await Promise.all(fields.map(async (f) => {
    await f.page.locator('[data-test=ended-back]').click({ timeout: 30_000 });
    await f.page.locator('[data-test=idle]').waitFor({ timeout: 30_000 });
  }));
  await until(() => hub.calls.stats().transports === 0, 'the SFU to close every transport');
}

async function until(ok: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until `count` reaches `target`, or has not grown for 15 s (at most 3 min). */
async function settle(count: () => number, target: number): Promise<void> {
  let last = count();
  let grewAt = Date.now();
  const deadline = Date.now() + 180_000;
  while (count() < target && Date.now() - grewAt < 15_000 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    if (count() > last) {
      last = count();
      grewAt = Date.now();
    }
  }
}

async function dialToFrame(api: SeatClient, hub: Hub, seatPage: Page, field: Field): Promise<{ ringMs: number; frameMs: number }> {
  await seatPage.evaluate('window.__firstFrame = {}');
  const key = `worker:${field.workerId}`;
  const t0 = Date.now();
  const call = await api.call('calls.dial', { targets: [{ kind: 'worker', workerId: field.workerId }], eventId: null, title: '测速 bench' });
  await field.page.locator('[data-test=incoming]').waitFor({ timeout: 30_000 });
  const ringMs = Date.now() - t0;
  await answer([field]);
  const at = await seatPage.waitForFunction((k) => (globalThis as FrameGlobals).__firstFrame?.[k] ?? null, key, { timeout: 60_000, polling: 'raf' });
  const frameMs = Number(await at.jsonValue()) - t0;
  await hangUp(api, hub, call.id, [field]);
  return { ringMs, frameMs };
}

async function groupCpu(api: SeatClient, hub: Hub, fields: readonly Field[]) {
  const n = fields.length;
  const call = await api.call('calls.dial', { targets: fields.map((f) => ({ kind: 'worker' as const, workerId: f.workerId })), eventId: null, title: `群组 ${n}` });
  await answer(fields);
  // Every party sends audio and video. The seat receives both of every worker (2n); a phone hears everyone and
  // sees only the commander (n audio + 1 video).
  const expected = 2 * n + n * (n + 1);
  // On two cores a group of ten phones may not get every consumer set up: measure what is there once the count
  // stops growing (15 s without a new one), and say how many were expected.
  await settle(() => hub.calls.stats().consumers, expected);
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const cpu0 = await hub.calls.cpuMs();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, CPU_WINDOW_MS));
  const cpuPct = ((await hub.calls.cpuMs()) - cpu0) / (performance.now() - t0) * 100;
  const stats = hub.calls.stats();
  const load = loadavg()[0]!;
  await hangUp(api, hub, call.id, fields);
  return { workers: n, consumers: stats.consumers, consumers_expected: expected, producers: stats.producers, sfu_cpu_pct: Number(cpuPct.toFixed(2)), sfu_cpu_pct_per_consumer: Number((cpuPct / stats.consumers).toFixed(4)), load1: Number(load.toFixed(1)) };
}

async function main(): Promise<void> {
  // 12 unit grids, a worker each: enough phones for the group of 10.
  const county = fixtureCounty({ villages: 3, unitsPerVillage: 4, buildingsPerUnit: 1 });
  const hub = await startHub({ port: 0, dataDir: null, county, positionIntervalMs: 600_000, eventIntervalMs: 600_000, fieldIntervalMs: 3_600_000, historyEvents: 3 });
  let seat: RunningSeat | null = null;
  let browser: Browser | null = null;
  try {
    seat = await startSeat({ hubUrl: hub.url });
    await waitForCounty(seat);
    const api = await SeatClient.open(seat.origin, seat.token);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...chromiumArgs, ...CALL_ARGS] });
    const seatContext = await browser.newContext({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN', permissions: ['camera', 'microphone'] });
    const seatPage = await seatContext.newPage();
    await seatPage.addInitScript({ content: FIRST_FRAME_SCRIPT });
    await seatPage.goto(seat.url);
    await waitForMap(seatPage);
    const fields: Field[] = [];
    for (let i = 0; i < Math.max(...GROUPS); i++) fields.push(await signIn(browser, hub, county, i));

    const ring: number[] = [];
    const frame: number[] = [];
    let cold: number | null = null;
    for (let i = 0; i <= DIALS; i++) {
      const r = await dialToFrame(api, hub, seatPage, fields[0]!);
      console.log(`dial ${i === 0 ? 'cold' : String(i).padStart(4)}: rung after ${r.ringMs} ms, first frame at the seat after ${r.frameMs} ms`);
      if (i === 0) cold = r.frameMs; // the SFU worker starts on the first call
      else {
        ring.push(r.ringMs);
        frame.push(r.frameMs);
      }
    }
    ring.sort((a, b) => a - b);
    frame.sort((a, b) => a - b);

    const groups = [];
    for (const n of GROUPS) {
      const g = await groupCpu(api, hub, fields.slice(0, n));
      console.log(`group of ${String(n).padStart(2)} workers: ${g.consumers} of ${g.consumers_expected} consumers, SFU worker ${g.sfu_cpu_pct} % of a core = ${g.sfu_cpu_pct_per_consumer} % per consumer (load ${g.load1})`);
      groups.push(g);
    }
    api.close();

    const result = {
      dial_to_frame_p50_ms: percentile(frame, 50),
      dial_to_frame_p95_ms: percentile(frame, 95),
      dial_to_frame_cold_ms: cold,
      dial_to_ring_p50_ms: percentile(ring, 50),
      dials: frame.length,
      sfu_cpu_pct_per_consumer: groups.at(-1)!.sfu_cpu_pct_per_consumer,
      groups,
    };
    console.log(`BENCH ${JSON.stringify(result)}`);
  } finally {
    await browser?.close();
    await seat?.close();
    await hub.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack ?? err.message : String(err));
  process.exit(1);
});
