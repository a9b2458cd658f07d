// `npm run bench:map`: the 3D city in Debian's Chromium (SwiftShader) against a real browser seat —
// time to the first frame with the ground drawn, time until every layer is drawn, JS heap, and the cost
// of applying one update of every grid worker's position to the marker collection. Prints a table and
// ends with one line `BENCH {json}`.
import { launchChromium, openWatchedPage, waitForMap, type PageGlobals } from '../tests/e2e/browser.js';
import { startSeat, waitForCounty } from '../tests/e2e/seat.js';

const UPDATES = 50;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
const round = (v: number, digits = 2): number => Math.round(v * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const seat = await startSeat();
  const browser = await launchChromium();
  try {
    const county = await waitForCounty(seat);
    const { page, outside } = await openWatchedPage(browser);
    await page.goto(seat.url);
    await waitForMap(page, 240_000);

    const times = await page.evaluate(() => {
      const p = (globalThis as PageGlobals).__watchfloorMap!;
      return { firstFrame: p.firstFrameMs ?? NaN, globe: p.globeMs ?? NaN, ready: p.readyMs ?? NaN, counts: p.counts() };
    });

    // Heap after a full collection, as Chromium's DevTools reports it.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const metrics = (await cdp.send('Performance.getMetrics')).metrics;
    const heapBytes = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;

    // One update of every worker's position, applied in place; then the frame that shows it.
    const updates: number[] = [];
    const frames: number[] = [];
    for (let i = 0; i < UPDATES; i++) {
      const r = await page.evaluate(async () => {
        const p = (globalThis as PageGlobals).__watchfloorMap!;
        const before = p.counts().frames;
        const applyMs = p.benchWorkerUpdate();
        const deadline = performance.now() + 10_000;
        while (p.counts().frames === before && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
        return { applyMs, frameMs: p.counts().lastFrameMs ?? NaN };
      });
      updates.push(r.applyMs);
      frames.push(r.frameMs);
    }

    const result = {
      first_frame_ms: Math.round(times.firstFrame),
      globe_tiles_ms: Math.round(times.globe),
      all_layers_ms: Math.round(times.ready),
      heap_mb: round(heapBytes / 2 ** 20, 1),
      update_1000_ms: round(median(updates), 3),
      update_p95_ms: round([...updates].sort((a, b) => a - b)[Math.floor(updates.length * 0.95)]!, 3),
      workers: times.counts.workers ?? 0,
      frame_after_update_ms: round(median(frames), 1),
      buildings: county.counts.buildings,
      cameras: county.counts.cameras,
      requests_outside: outside.length,
      viewport: '1280x720',
      renderer: 'Chromium + SwiftShader (no GPU)',
    };
    const rows: Array<[string, string]> = [
      ['first frame (county ground + outlines drawn)', `${result.first_frame_ms} ms`],
      ['globe tiles loaded', `${result.globe_tiles_ms} ms`],
      ['every layer drawn (buildings, markers, all grids)', `${result.all_layers_ms} ms`],
      ['JS heap after GC', `${result.heap_mb} MB`],
      [`apply ${result.workers} worker positions (median of ${UPDATES})`, `${result.update_1000_ms} ms`],
      ['  p95', `${result.update_p95_ms} ms`],
      ['next frame after an update, CPU side (median)', `${result.frame_after_update_ms} ms`],
      ['buildings / cameras in the cache', `${result.buildings} / ${result.cameras}`],
      ['requests beyond 127.0.0.1', String(result.requests_outside)],
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    console.log('\nWatchfloor map bench (1280×720, SwiftShader)');
    for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
    console.log(`BENCH ${JSON.stringify(result)}`);
  } finally {
    await browser.close();
    await seat.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
