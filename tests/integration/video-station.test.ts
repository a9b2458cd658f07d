// The relay inside a real station and seat: a hub whose cameras play from the test RTSP server, tiles' video
// sockets on the seat (`/video`), and no ffmpeg outliving a SIGKILLed station — live or with a stalled camera.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHub } from '../../hub/server.js';
import type { ServerFrame } from '../../native/api/contract.js';
import { VideoStatus } from '../../native/api/video.js';
import { startSeat, type Seat } from '../../native/seat/server.js';
import { alive } from '../support/process-alive.js';
import { startRtspCameras, type RtspCameras } from '../support/rtsp-cameras.js';
import { videoCounty } from '../support/video-county.js';
import { eventually, within } from './wait.js';

const ROOT = join(import.meta.dirname, '..', '..');
type Hub = Awaited<ReturnType<typeof startHub>>;

let cams: RtspCameras;
let hub: Hub;
let dir: string;
let cameraIds: string[];

beforeAll(async () => {
  cams = await startRtspCameras({ gop: 25 });
  const county = videoCounty(cams.port, { size: { villages: 1, unitsPerVillage: 2, buildingsPerUnit: 1 } });
  cameraIds = county.cameras.map((c) => c.id);
  hub = await startHub({ port: 0, dataDir: null, county, eventIntervalMs: 600_000, historyEvents: 0 });
  dir = mkdtempSync(join(tmpdir(), 'watchfloor-video-station-'));
});

afterAll(async () => {
  await hub?.close();
  await cams?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts tests/support/station-child.ts and resolves with its ffmpeg's pid once the relay is live. */
async function stationChild(name: string, cameraId: string): Promise<{ child: ChildProcess; ffmpegPid: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/support/station-child.ts'), join(dir, name), hub.url, cameraId], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (c: Buffer) => { output += c.toString(); });
  const ffmpegPid = await within(new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
      const m = /FFMPEG_PID (\d+)/.exec(output);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`station child exited (${code}):\n${output}`)));
  }), 60_000, `the station child's relay going live\n${output}`);
  return { child, ffmpegPid };
}

describe('no ffmpeg outlives the station', () => {
  it('a live relay: ffmpeg dies on its next write to the closed pipe', async () => {
    const { child, ffmpegPid } = await stationChild('live', cameraIds[0]!);
    expect(alive(ffmpegPid)).toBe(true);
    child.kill('SIGKILL');
    await eventually(() => !alive(ffmpegPid), 3_000, `ffmpeg ${ffmpegPid} gone`);
  });

  it('a stalled camera: ffmpeg writes nothing, its I/O timeout ends it', async () => {
    const { child, ffmpegPid } = await stationChild('stalled', cameraIds[1]!);
    const server = cams.pid();
    if (!server) throw new Error('the RTSP server is not running');
    process.kill(-server, 'SIGSTOP');
    try {
      child.kill('SIGKILL');
      await eventually(() => !alive(ffmpegPid), 12_000, `ffmpeg ${ffmpegPid} gone by its -timeout`);
    } finally {
      process.kill(-server, 'SIGCONT');
    }
  });
});

describe('the seat\'s /video socket', () => {
  let seat: Seat;
  const token = 'video-test-token';

  beforeAll(async () => {
    seat = await startSeat({ port: 0, hubUrl: hub.url, dataDir: join(dir, 'seat'), token });
    await seat.station.whenSynced();
  });

  afterAll(async () => {
    await seat?.close();
  });

  function open(query: string): { ws: WebSocket; texts: VideoStatus[]; kinds: number[]; closed: Promise<number> } {
    const ws = new WebSocket(`${seat.url.replace('http', 'ws')}/video?${query}`);
    const texts: VideoStatus[] = [];
    const kinds: number[] = [];
    ws.on('message', (data: Buffer, isBinary) => {
      if (isBinary) kinds.push(data[0] ?? -1);
      else texts.push(VideoStatus.parse(JSON.parse(data.toString())));
    });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    return { ws, texts, kinds, closed };
  }

  it('plays a camera: status frames as JSON, then init and a key frame first; the endpoint and the relay list say so', async () => {
    const frames: ServerFrame[] = [];
    const api = seat.station.api.connect((f) => frames.push(f));
    api.receive({ kind: 'req', id: 1, method: 'video.endpoint', params: {} });
    expect(await eventually(() => frames.find((f) => f.kind === 'res' && f.id === 1), 5_000, 'video.endpoint'))
      .toMatchObject({ ok: true, result: { url: `/video?token=${token}` } });
    const tile = open(`token=${token}&camera=${cameraIds[0]}&profile=sub&h265=0`);
    await eventually(() => tile.kinds.length > 5, 20_000, 'fragments on the socket');
    expect(tile.kinds.slice(0, 2)).toEqual([0, 1]);
    expect(tile.texts.at(-1)).toMatchObject({ state: 'live', profile: 'sub', transcoded: false });
    expect(seat.station.video.list()).toEqual([expect.objectContaining({ cameraId: cameraIds[0], viewers: 1, state: 'live' })]);
    const health = await (await fetch(`${seat.url}/healthz`)).json() as { relays: number };
    expect(health.relays).toBe(1);
    tile.ws.close();
    await tile.closed;
    await eventually(() => seat.station.video.list()[0]?.viewers === 0, 5_000, 'the viewer gone from the relay');
    api.receive({ kind: 'req', id: 2, method: 'video.relays', params: {} });
    expect(await eventually(() => frames.find((f) => f.kind === 'res' && f.id === 2), 5_000, 'video.relays'))
      .toMatchObject({ ok: true, result: [{ cameraId: cameraIds[0], profile: 'sub', viewers: 0 }] });
    api.close();
  });

  it.each([
    ['no camera', `token=${token}&profile=main&h265=0`, 1008, /bad video request: camera/],
    ['a bad profile', `token=${token}&camera=x&profile=hd&h265=0`, 1008, /bad video request: profile/],
    ['an unknown parameter', `token=${token}&camera=x&profile=main&h265=0&fps=60`, 1008, /bad video request/],
    ['a wrong token', `token=nope&camera=x&profile=main&h265=0`, 4401, /seat token/],
  ])('refuses %s with one error status and a close', async (_name, query, code, detail) => {
    const tile = open(query);
    expect(await within(tile.closed, 5_000, 'close')).toBe(code);
    expect(tile.texts).toEqual([expect.objectContaining({ state: 'error', detail: expect.stringMatching(detail) })]);
  });
});
