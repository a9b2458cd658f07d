// The camera relay against the real RTSP server (tests/tools/rtsp-cameras.py) and real ffmpeg: sharing, the GOP
// cache, a camera that drops and comes back, idle stop, slow viewers, bad addresses and garbage from ffmpeg.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Camera } from '../../native/api/model.js';
import { ffmpegBinary } from '../../native/video/ffmpeg-bin.js';
import { VideoRelay, type RelayOptions, type StreamSources } from '../../native/video/relay.js';
import { CameraSources } from '../../native/video/sources.js';
import { alive } from '../support/process-alive.js';
import { startRtspCameras, type RtspCameras } from '../support/rtsp-cameras.js';
import { recordingViewer } from '../support/test-viewer.js';
import { videoCounty } from '../support/video-county.js';
import { eventually } from './wait.js';

let cams: RtspCameras;
let cameras: Camera[];
let dir: string;
const relays: VideoRelay[] = [];

function relay(opts: Partial<RelayOptions> = {}, extra: Camera[] = []): VideoRelay {
  const all = [...cameras, ...extra];
  const sources = new CameraSources({ get: (id) => all.find((c) => c.id === id) ?? null }, { play: () => Promise.resolve(null) });
  const r = new VideoRelay({ sources, backoff: { baseMs: 200, maxMs: 1_000 }, ...opts });
  relays.push(r);
  return r;
}

function cam(i: number): Camera {
  const c = cameras[i];
  if (!c) throw new Error(`no camera ${i}`);
  return c;
}

beforeAll(async () => {
  cams = await startRtspCameras({ gop: 25 });
  cameras = videoCounty(cams.port, { size: { villages: 1, unitsPerVillage: 2, buildingsPerUnit: 1 } }).cameras;
  dir = mkdtempSync(join(tmpdir(), 'watchfloor-relay-'));
});

afterEach(async () => {
  await Promise.all(relays.splice(0).map((r) => r.close()));
});

afterAll(async () => {
  await cams.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('VideoRelay', () => {
  it('serves two viewers of one camera from one ffmpeg; a late viewer starts at once from the GOP cache', async () => {
    const r = relay();
    const a = recordingViewer();
    const b = recordingViewer();
    r.subscribe({ cameraId: cam(0).id, profile: 'main', h265: false }, a);
    r.subscribe({ cameraId: cam(0).id, profile: 'main', h265: false }, b);
    expect(a.state()).toBe('connecting');
    await eventually(() => a.kinds.length > 10 && b.kinds.length > 10, 15_000, 'fragments for both viewers');
    expect(r.list()).toHaveLength(1);
    const [info] = r.list();
    expect(info).toMatchObject({ cameraId: cam(0).id, profile: 'main', state: 'live', viewers: 2, transcoded: false });
    expect(info?.pid).toBeGreaterThan(0);
    for (const v of [a, b]) {
      expect(v.kinds.slice(0, 2)).toEqual([0, 1]);
      expect(v.statuses.at(-1)).toMatchObject({ state: 'live', detail: null, codec: expect.stringMatching(/^avc1\.[0-9a-f]{6}$/) });
    }

    // The late viewer gets status, init and the GOP so far in the same turn: no wait for the next key frame.
    const late = recordingViewer();
    r.subscribe({ cameraId: cam(0).id, profile: 'main', h265: false }, late);
    expect(late.state()).toBe('live');
    expect(late.kinds[0]).toBe(0);
    expect(late.kinds[1]).toBe(1);
    expect(r.list()[0]?.viewers).toBe(3);
  });

  it('a camera that drops goes reconnecting with a reason, and comes back live on the same subscription', async () => {
    const r = relay();
    const v = recordingViewer();
    r.subscribe({ cameraId: cam(1).id, profile: 'sub', h265: false }, v);
    await eventually(() => v.state() === 'live', 15_000, 'live');
    const pid = r.list()[0]?.pid;
    await cams.kill();
    await eventually(() => v.state() === 'reconnecting', 15_000, 'reconnecting');
    expect(v.statuses.at(-1)?.detail).toBeTruthy();
    expect(pid && alive(pid)).toBe(false);
    const initsBefore = v.kinds.filter((k) => k === 0).length;
    await cams.restart();
    await eventually(() => v.state() === 'live' && v.kinds.filter((k) => k === 0).length > initsBefore, 20_000, 'live again');
    const info = r.list()[0];
    expect(info?.restarts).toBeGreaterThan(0);
    expect(info?.pid).not.toBe(pid);
    // After the new init, the viewer's first media is a key frame.
    const lastInit = v.kinds.lastIndexOf(0);
    await eventually(() => v.kinds.length > lastInit + 1, 10_000, 'media after the new init');
    expect(v.kinds[lastInit + 1]).toBe(1);
  });

  it('stops ffmpeg some time after the last viewer leaves, not before', async () => {
    const r = relay({ idleStopMs: 400 });
    const v = recordingViewer();
    const leave = r.subscribe({ cameraId: cam(0).id, profile: 'main', h265: false }, v);
    await eventually(() => v.state() === 'live', 15_000, 'live');
    const pid = r.list()[0]?.pid ?? 0;
    leave();
    expect(r.list()[0]?.viewers).toBe(0);
    expect(alive(pid)).toBe(true);
    // A viewer that comes back within the idle time joins the running ffmpeg.
    const again = recordingViewer();
    const leaveAgain = r.subscribe({ cameraId: cam(0).id, profile: 'main', h265: false }, again);
    expect(r.list()[0]?.pid).toBe(pid);
    leaveAgain();
    await eventually(() => r.list().length === 0 && !alive(pid), 5_000, 'ffmpeg stopped');
  });

  it('skips a slow viewer until the next key frame instead of queueing', async () => {
    const r = relay();
    const fast = recordingViewer();
    const slow = recordingViewer();
    r.subscribe({ cameraId: cam(0).id, profile: 'main', h265: false }, fast);
    r.subscribe({ cameraId: cam(0).id, profile: 'main', h265: false }, slow);
    await eventually(() => slow.kinds.length > 5, 15_000, 'fragments');
    slow.backlog = 64 * 1024 * 1024;
    const got = slow.kinds.length;
    const fastGot = fast.kinds.length;
    await eventually(() => fast.kinds.length > fastGot + 30, 10_000, 'the fast viewer moving on');
    expect(slow.kinds.length).toBe(got);
    expect(r.list()[0]?.fragmentsDropped).toBeGreaterThan(20);
    slow.backlog = 0;
    await eventually(() => slow.kinds.length > got, 10_000, 'the slow viewer resuming');
    expect(slow.kinds[got]).toBe(1);
  });

  it('says why a camera cannot play: unknown, bad address, nothing listening', async () => {
    const dead: Camera = { ...cam(0), id: 'dead-1', streams: { main: 'rtsp://127.0.0.1:9/cam1', sub: null } };
    const bad: Camera = { ...cam(0), id: 'bad-1', streams: { main: 'ftp://127.0.0.1/cam1', sub: null } };
    const r = relay({}, [dead, bad]);
    const unknown = recordingViewer();
    r.subscribe({ cameraId: 'nope', profile: 'main', h265: false }, unknown);
    expect(unknown.statuses).toEqual([expect.objectContaining({ state: 'error', detail: 'unknown camera nope' })]);
    expect(r.list()).toHaveLength(0);

    const badViewer = recordingViewer();
    r.subscribe({ cameraId: 'bad-1', profile: 'sub', h265: false }, badViewer);
    await eventually(() => badViewer.state() === 'error', 5_000, 'error');
    expect(badViewer.statuses.at(-1)).toMatchObject({ detail: expect.stringContaining('bad camera address'), profile: 'main' });

    const deadViewer = recordingViewer();
    r.subscribe({ cameraId: 'dead-1', profile: 'main', h265: false }, deadViewer);
    await eventually(() => deadViewer.state() === 'no_signal', 15_000, 'no signal');
    expect(deadViewer.statuses.at(-1)?.detail).toMatch(/refused|rtsp|127\.0\.0\.1/i);
    expect(deadViewer.kinds).toEqual([]);
  });

  it.each([
    ['copied, tagged hvc1, for a renderer with H.265', false, /^hvc1\.1\.6\.L\d+/],
    ['transcoded to H.264 for a renderer without it', true, /^avc1\.[0-9a-f]{6}$/],
  ])('an H.265 clip looped past its end: %s', async (_name, transcode, codec) => {
    const clip = join(dir, 'h265.mp4');
    execFileSync(ffmpegBinary(), [
      '-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=25', '-t', '1', '-pix_fmt', 'yuv420p',
      '-c:v', 'libx265', '-x265-params', 'log-level=none:keyint=25', '-tag:v', 'hvc1', clip,
    ]);
    const sources: StreamSources = {
      plan: (req) => ({ cameraId: req.cameraId, profile: req.profile, transcode }),
      locate: () => Promise.resolve({ ok: true, job: { kind: 'clip', url: clip, codec: 'h265' } }),
    };
    const r = new VideoRelay({ sources });
    relays.push(r);
    const v = recordingViewer();
    r.subscribe({ cameraId: 'clip', profile: 'sub', h265: !transcode }, v);
    // 1 s of clip at 25 fps played in real time: 40 fragments means it looped without a restart.
    await eventually(() => v.kinds.length > 40, 15_000, 'fragments past the clip\'s end');
    expect(v.statuses.at(-1)).toMatchObject({ state: 'live', transcoded: transcode, codec: expect.stringMatching(codec) });
    expect(v.kinds.filter((k) => k === 0)).toHaveLength(1);
    expect(r.list()[0]?.restarts).toBe(0);
  });

  it('an ffmpeg that hangs without a byte is killed after the stall time and retried', async () => {
    const silent = join(dir, 'silent-ffmpeg.sh');
    writeFileSync(silent, '#!/bin/sh\nexec sleep 60\n');
    chmodSync(silent, 0o755);
    const r = relay({ ffmpeg: () => silent, stallMs: 1_000 });
    const v = recordingViewer();
    r.subscribe({ cameraId: cam(0).id, profile: 'main', h265: false }, v);
    await eventually(() => v.state() === 'no_signal', 10_000, 'no signal');
    expect(v.statuses.at(-1)?.detail).toBe('no video for 1 s');
    const pid = r.list()[0]?.pid;
    await eventually(() => (r.list()[0]?.restarts ?? 0) >= 1 && r.list()[0]?.pid !== pid, 10_000, 'a retry');
  });

  it('garbage from ffmpeg ends in an error state, the process killed and retried', async () => {
    const junk = join(dir, 'junk-ffmpeg.sh');
    writeFileSync(junk, '#!/bin/sh\nwhile true; do echo "this is not an mp4 stream"; sleep 0.2; done\n');
    chmodSync(junk, 0o755);
    const r = relay({ ffmpeg: () => junk });
    const v = recordingViewer();
    r.subscribe({ cameraId: cam(0).id, profile: 'main', h265: false }, v);
    await eventually(() => v.state() === 'error', 10_000, 'error');
    expect(v.statuses.at(-1)?.detail).toMatch(/^not fragmented MP4: unexpected top-level box/);
    await eventually(() => (r.list()[0]?.restarts ?? 0) >= 2, 10_000, 'retries');
    expect(r.list()[0]?.state).toBe('error');
    expect(v.kinds).toEqual([]);
  });
});
