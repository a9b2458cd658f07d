// `npm run bench:video`: the live video wall end to end — the RTSP test cameras, a hub whose cameras point at
// them, a real browser seat (station + relay) and Debian's Chromium showing `/wall/1`, driven through the
// Station API. Measures glass-to-glass latency (the barcode in every frame), first frame for a cold and a warm
// camera, ffmpeg's and the relay's CPU per stream, and decoded vs expected frames for walls of 1, 4, 9 and 16
// tiles. Prints a table and ends with one line `BENCH {json}`.
//
// Streams: every camera's main stream is the RTSP server's 1280×720 (one shared encoder: this box has two
// cores); its sub stream is `hub://…/sub`, the demo hub's 640×360 H.264 clip looped by the relay with
// `-c copy` — the RTSP server has no small stream, and a second server would cost another encoder.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startHub } from '../hub/server.js';
import type { LayoutKind, StreamProfile, StreamState } from '../native/api/video.js';
import { standardLayout } from '../native/api/video.js';
import { PlayInfo } from '../native/sync/hub-protocol.js';
import { SeatClient } from '../tests/integration/api-client.js';
import { launchChromium, openWatchedPage } from '../tests/e2e/browser.js';
import { startSeat, waitForCounty } from '../tests/e2e/seat.js';
import { startRtspCameras } from '../tests/support/rtsp-cameras.js';
import { videoCounty } from '../tests/support/video-county.js';
import { percentile } from './measure.js';

const FPS = 25;
/** Key-frame interval of the RTSP cameras, in frames (1 s, like the hub's clips). */
const GOP = 25;
const WINDOW_MS = 10_000;
const LATENCY_SAMPLES = 60;
const FIRST_FRAME_RUNS = 4;
const VIEWPORT = { width: 1920, height: 1080 };
const WALL = 1;

/** What `window.__watchfloorVideo.tiles()` gives (renderer/src/video/probe.ts), without the latency function. */
interface TileSample {
  cameraId: string;
  state: StreamState;
  profile: StreamProfile;
  framesDecoded: number;
  framesDropped: number;
  startedAt: number;
  firstFrameAt: number | null;
}
interface TileProbeInPage extends TileSample {
  latencyMs(): number | null;
}
type VideoGlobals = typeof globalThis & { __watchfloorVideo?: { tiles(): TileProbeInPage[] } };

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** CPU seconds a process has used (user + system), from /proc/<pid>/stat; null once it is gone. */
function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return null;
  }
}

function parentPid(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

const round = (v: number, digits = 1): number => Math.round(v * 10 ** digits) / 10 ** digits;
const median = (values: number[]): number => (values.length ? percentile([...values].sort((a, b) => a - b), 50) : NaN);

async function tiles(page: Page): Promise<TileSample[]> {
  return page.evaluate(() => ((globalThis as VideoGlobals).__watchfloorVideo?.tiles() ?? []).map((t) => ({
    cameraId: t.cameraId, state: t.state, profile: t.profile, framesDecoded: t.framesDecoded, framesDropped: t.framesDropped, startedAt: t.startedAt,
    firstFrameAt: t.firstFrameAt,
  })));
}

/**
 * Waits until the page shows exactly these cameras, each with a picture from a player started at `since` or
 * later (a tile still showing the previous camera does not count); returns the tiles.
 */
async function waitLive(page: Page, cameras: string[], since: number, timeoutMs = 60_000): Promise<TileSample[]> {
  await page.waitForFunction(({ cameras, since }) => {
    const list = (globalThis as VideoGlobals).__watchfloorVideo?.tiles() ?? [];
    return list.length === cameras.length
      && cameras.every((id) => list.some((t) => t.cameraId === id && t.state === 'live' && t.firstFrameAt !== null && t.startedAt >= since));
  }, { cameras, since }, { timeout: timeoutMs, polling: 20 });
  return tiles(page);
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function main(): Promise<void> {
  const rtsp = await startRtspCameras({ mode: 'shared', gop: GOP });
  const county = videoCounty(rtsp.port, { sub: 'none' });
  county.cameras = county.cameras.map((c) => ({ ...c, streams: { main: c.streams.main, sub: `hub://cameras/${c.id}/sub` } }));
  const cameraIds = county.cameras.map((c) => c.id);
  const hubCache = mkdtempSync(join(tmpdir(), 'watchfloor-bench-video-'));
  const hub = await startHub({
    port: 0, dataDir: null, county, cacheDir: hubCache, historyEvents: 5,
    positionIntervalMs: 600_000, eventIntervalMs: 600_000, fieldIntervalMs: 3_600_000,
  });
  const seat = await startSeat({ hubUrl: hub.url });
  // The e2e tests' Chromium (SwiftShader GL compositing). Measured here under load: `--disable-gpu` (the
  // software compositor) gives one tile less latency but decodes half the frames at 16 tiles.
  const browser = await launchChromium();
  let api: SeatClient | null = null;
  try {
    // The hub makes its clips on first need: make the sub clips now, not inside a measured run.
    await Promise.all(cameraIds.slice(0, 16).map(async (id) => {
      const play = PlayInfo.parse(await (await fetch(`${hub.url}/api/v1/cameras/${encodeURIComponent(id)}/play?profile=sub`)).json());
      await fetch(play.url, { method: 'HEAD' });
    }));
    await waitForCounty(seat);
    api = await SeatClient.open(seat.origin, seat.token);
    const call = api.call.bind(api);
    const { page, errors } = await openWatchedPage(browser, VIEWPORT);
    await call('wall.setLayout', { wallId: WALL, layout: standardLayout('1') });
    await call('wall.assign', { wallId: WALL, tile: 0, cameraId: null });
    await page.goto(`${seat.origin}/wall/${WALL}?token=${encodeURIComponent(seat.token)}`);
    await page.waitForSelector('[data-test="video-tile"]', { timeout: 60_000 });

    // The station's pid (ffmpeg's parent) and its CPU while no video plays, to subtract from the runs.
    let stationPid: number | null = null;
    /** The ffmpeg pids of relays with viewers (relays idling towards their stop are not the run's). */
    const relayPids = async (): Promise<number[]> => (await call('video.relays', {})).flatMap((r) => (r.pid === null || r.viewers === 0 ? [] : [r.pid]));
    const noRelays = async (): Promise<boolean> => (await call('video.relays', {})).length === 0;
    const emptyWall = async (): Promise<void> => {
      await call('wall.setLayout', { wallId: WALL, layout: standardLayout('1') });
      await call('wall.assign', { wallId: WALL, tile: 0, cameraId: null });
      await until(noRelays, 'the relays to stop after the wall emptied', 30_000);
    };

    // Other work on this box skews every figure: the load average goes into the result beside them.
    const loadBefore = loadavg()[0]!;

    // -- one tile: cold first frame (a camera no relay serves yet), warm (its relay still running), latency --
    const cold: number[] = [];
    const warm: number[] = [];
    /** The same, from the tile's player starting (the wall topic reached the page, the tile mounted). */
    const coldPlayer: number[] = [];
    const warmPlayer: number[] = [];
    for (let i = 0; i < FIRST_FRAME_RUNS; i++) {
      const camera = cameraIds[i]!;
      const t0 = Date.now();
      await call('wall.assign', { wallId: WALL, tile: 0, cameraId: camera });
      const [tile] = await waitLive(page, [camera], t0);
      cold.push(tile!.firstFrameAt! - t0);
      coldPlayer.push(tile!.firstFrameAt! - tile!.startedAt);
      stationPid ??= parentPid((await relayPids())[0] ?? -1);
      // Off the tile and back within the relay's idle grace: the relay still runs and keeps its GOP.
      await call('wall.assign', { wallId: WALL, tile: 0, cameraId: null });
      await page.waitForFunction(() => ((globalThis as VideoGlobals).__watchfloorVideo?.tiles() ?? []).length === 0, null, { timeout: 10_000, polling: 20 });
      const t1 = Date.now();
      await call('wall.assign', { wallId: WALL, tile: 0, cameraId: camera });
      const [again] = await waitLive(page, [camera], t1);
      warm.push(again!.firstFrameAt! - t1);
      warmPlayer.push(again!.firstFrameAt! - again!.startedAt);
    }
    if (stationPid === null) throw new Error('no relay pid: video.relays reported no running ffmpeg');

    const latencies = await page.evaluate(async (samples) => {
      const out: number[] = [];
      for (let i = 0; i < samples; i++) {
        const v = (globalThis as VideoGlobals).__watchfloorVideo?.tiles()[0]?.latencyMs();
        if (typeof v === 'number') out.push(v);
        await new Promise((r) => setTimeout(r, 170));
      }
      return out;
    }, LATENCY_SAMPLES);
    const sortedLatency = [...latencies].sort((a, b) => a - b);

    // Station CPU with nothing on the wall (its sync and housekeeping), for the relay's share below.
    await emptyWall();
    const idle0 = cpuSeconds(stationPid)!;
    await new Promise((r) => setTimeout(r, WINDOW_MS / 2));
    const stationIdlePct = ((cpuSeconds(stationPid)! - idle0) / (WINDOW_MS / 2 / 1000)) * 100;

    // -- walls of 1, 4, 9, 16 ---------------------------------------------------------------------------
    const walls: Record<string, { tiles: number; profile: string; live: number; decoded_ratio: number; dropped: number; ffmpeg_cpu_pct_per_stream: number; relay_cpu_pct_per_stream: number; first_all_live_ms: number }> = {};
    for (const n of [1, 4, 9, 16] as const) {
      const kind = String(n) as Exclude<LayoutKind, 'custom'>;
      await emptyWall();
      await call('wall.setLayout', { wallId: WALL, layout: standardLayout(kind) });
      const t0 = Date.now();
      const cameras = cameraIds.slice(0, n);
      await call('wall.fill', { wallId: WALL, cameraIds: cameras, fromTile: 0 });
      await waitLive(page, cameras, t0);
      const allLive = Date.now() - t0;
      const before = await tiles(page);
      const pids = await relayPids();
      const ff0 = pids.map((p) => cpuSeconds(p));
      const st0 = cpuSeconds(stationPid)!;
      const w0 = Date.now();
      await new Promise((r) => setTimeout(r, WINDOW_MS));
      const seconds = (Date.now() - w0) / 1000;
      const after = await tiles(page);
      const ffPct = pids.map((p, i) => {
        const a = ff0[i];
        const b = cpuSeconds(p);
        return a === null || a === undefined || b === null ? NaN : ((b - a) / seconds) * 100;
      }).filter((v) => Number.isFinite(v));
      const stationPct = ((cpuSeconds(stationPid)! - st0) / seconds) * 100;
      const sum = (list: TileSample[], key: 'framesDecoded' | 'framesDropped'): number => list.reduce((s, t) => s + t[key], 0);
      walls[`tiles_${n}`] = {
        tiles: n,
        profile: [...new Set(after.map((t) => t.profile))].join('+'),
        live: after.filter((t) => t.state === 'live').length,
        decoded_ratio: round((sum(after, 'framesDecoded') - sum(before, 'framesDecoded')) / (FPS * seconds * n), 3),
        dropped: sum(after, 'framesDropped') - sum(before, 'framesDropped'),
        ffmpeg_cpu_pct_per_stream: round(ffPct.reduce((s, v) => s + v, 0) / Math.max(1, ffPct.length), 2),
        relay_cpu_pct_per_stream: round(Math.max(0, stationPct - stationIdlePct) / Math.max(1, pids.length), 2),
        first_all_live_ms: allLive,
      };
    }
    const sixteen = walls.tiles_16!;
    const result = {
      latency_p50_ms: Math.round(percentile(sortedLatency, 50)),
      latency_p95_ms: Math.round(percentile(sortedLatency, 95)),
      latency_samples: latencies.length,
      first_frame_cold_ms: Math.round(median(cold)),
      first_frame_warm_ms: Math.round(median(warm)),
      first_frame_cold_all: cold,
      first_frame_warm_all: warm,
      first_frame_cold_player_ms: Math.round(median(coldPlayer)),
      first_frame_warm_player_ms: Math.round(median(warmPlayer)),
      relay_cpu_pct_per_stream: sixteen.relay_cpu_pct_per_stream,
      ffmpeg_cpu_pct_per_stream: sixteen.ffmpeg_cpu_pct_per_stream,
      station_idle_cpu_pct: round(stationIdlePct, 2),
      tiles_16_decoded_ratio: sixteen.decoded_ratio,
      ...walls,
      page_errors: errors.length,
      load_avg_1m: [round(loadBefore, 2), round(loadavg()[0]!, 2)],
      rtsp: `1280x720 ${FPS} fps GOP ${GOP} (shared encoder)`,
      sub: 'hub clip 640x360 25 fps (-c copy loop)',
      viewport: `${VIEWPORT.width}x${VIEWPORT.height}`,
      decoder: 'Chromium software decode, SwiftShader compositing (no GPU)',
    };
    const rows: Array<[string, string]> = [
      ['glass-to-glass latency, one tile (p50 / p95)', `${result.latency_p50_ms} / ${result.latency_p95_ms} ms (${latencies.length} samples)`],
      ['first frame, cold camera (median; from the API call)', `${result.first_frame_cold_ms} ms  [${cold.join(', ')}]`],
      ['  from the tile\'s player starting', `${result.first_frame_cold_player_ms} ms`],
      ['first frame, warm camera (median; from the API call)', `${result.first_frame_warm_ms} ms  [${warm.join(', ')}]`],
      ['  from the tile\'s player starting', `${result.first_frame_warm_player_ms} ms`],
      ['station CPU with an empty wall', `${result.station_idle_cpu_pct} %`],
      ...Object.values(walls).map((w): [string, string] => [
        `${w.tiles} tiles (${w.profile}): live, decoded/expected, dropped`,
        `${w.live}/${w.tiles}, ${w.decoded_ratio}, ${w.dropped}; ffmpeg ${w.ffmpeg_cpu_pct_per_stream} %/stream, relay ${w.relay_cpu_pct_per_stream} %/stream; all live in ${w.first_all_live_ms} ms`,
      ]),
      ['page errors', String(errors.length)],
      ['load average (1 min) before / after', result.load_avg_1m.join(' / ')],
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    console.log(`\nWatchfloor video bench (${result.viewport}, ${result.decoder})`);
    for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
    if (errors.length) console.log(`  first page error: ${errors[0]}`);
    console.log(`BENCH ${JSON.stringify(result)}`);
  } finally {
    api?.close();
    await browser.close();
    await seat.close();
    await hub.close();
    await rtsp.close();
    rmSync(hubCache, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
