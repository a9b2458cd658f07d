// The demo hub's video over real HTTP with real ffmpeg: the play endpoint, clips made on first request (short
// ones here), byte ranges, and a station-style `-stream_loop` that plays a clip past its end without re-encoding.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PlayInfo } from '../../native/sync/hub-protocol.js';
import { startHub, type Hub } from '../server.js';
import { fixtureCounty } from '../test-fixture.js';
import { CLIP_FORMAT_VERSION, CLIP_FPS, sceneOf } from './clip-variant.js';

const SECONDS = 2;
const FFMPEG = process.env.FFMPEG_BIN ?? 'ffmpeg';
const FFPROBE = process.env.FFPROBE_BIN ?? 'ffprobe';
const run = promisify(execFile);

const county = fixtureCounty();
const [h264, h265, noSub, direct] = county.cameras;
if (!h264 || !h265 || !noSub || !direct) throw new Error('the fixture county has four cameras');
for (const [camera, codec, sub] of [[h264, 'h264', true], [h265, 'h265', true], [noSub, 'h264', false]] as const) {
  camera.codec = codec;
  camera.streams = { main: `hub://cameras/${camera.id}/main`, sub: sub ? `hub://cameras/${camera.id}/sub` : null };
}

const Probe = z.object({
  streams: z.array(z.object({ codec_name: z.string(), codec_tag_string: z.string(), width: z.number(), height: z.number(), r_frame_rate: z.string() })),
  packets: z.array(z.object({ flags: z.string() })),
  format: z.object({ duration: z.string() }),
});

/** Codec, size, rate, duration and which packets are keyframes, read by ffprobe from a clip address. */
async function probe(url: string) {
  const { stdout } = await run(FFPROBE, [
    '-v', 'error', '-select_streams', 'v', '-show_entries', 'stream=codec_name,codec_tag_string,width,height,r_frame_rate:packet=flags:format=duration',
    '-of', 'json', url,
  ]);
  return Probe.parse(JSON.parse(stdout));
}

describe('demo hub video', () => {
  let hub: Hub;
  let dir: string;
  const logs: string[] = [];
  const clipsDir = () => join(dir, `v${CLIP_FORMAT_VERSION}-${SECONDS}s`);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wf-hub-video-'));
    hub = await startHub({
      county, dataDir: null, historyEvents: 0, positionIntervalMs: 60_000, eventIntervalMs: 600_000, workerWriteBackMs: 600_000,
      video: { clipSeconds: SECONDS, dir }, log: (l) => logs.push(l),
    });
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function play(id: string, profile: string) {
    const res = await fetch(`${hub.url}/api/v1/cameras/${id}/play?profile=${profile}`);
    return { status: res.status, body: (await res.json()) as unknown };
  }

  it('makes no clip at start', () => {
    expect(existsSync(clipsDir())).toBe(false);
  });

  it('answers where each camera plays from', async () => {
    const clip = (id: string, codec: string, profile: string) => `${hub.url}/api/v1/video/clips/s${sceneOf(id)}-${codec}-${profile}.mp4`;
    expect(PlayInfo.parse((await play(h264.id, 'main')).body)).toEqual({ kind: 'clip', url: clip(h264.id, 'h264', 'main'), codec: 'h264' });
    expect(PlayInfo.parse((await play(h265.id, 'sub')).body)).toEqual({ kind: 'clip', url: clip(h265.id, 'h265', 'sub'), codec: 'h265' });
    expect(PlayInfo.parse((await play(noSub.id, 'main')).body)).toEqual({ kind: 'clip', url: clip(noSub.id, 'h264', 'main'), codec: 'h264' });
    expect(PlayInfo.parse((await play(direct.id, 'sub')).body)).toEqual({ kind: 'live', url: direct.streams.sub, codec: 'h264' });
    expect(await play(noSub.id, 'sub')).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    expect(await play('99999999999999999999', 'main')).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    expect(await play(h264.id, 'hd')).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
    expect((await fetch(`${hub.url}/api/v1/cameras/${h264.id}/play?profile=main`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${hub.url}/api/v1/video/clips/s9-h264-main.mp4`)).status).toBe(404);
  });

  it('makes an H.264 clip once for concurrent requests: whole GOPs of one second, the profile size', async () => {
    const url = `${hub.url}/api/v1/video/clips/s1-h264-sub.mp4`;
    const answers = await Promise.all([fetch(url), fetch(url), fetch(url)]);
    for (const a of answers) expect(a.status).toBe(200);
    const bodies = await Promise.all(answers.map(async (a) => Buffer.from(await a.arrayBuffer())));
    expect(bodies[1]).toEqual(bodies[0]);
    expect(logs.filter((l) => l.startsWith('made demo clip s1-h264-sub'))).toHaveLength(1);
    expect(readdirSync(clipsDir())).toEqual(['s1-h264-sub.mp4']);

    const p = await probe(url);
    expect(p.streams[0]).toMatchObject({ codec_name: 'h264', width: 640, height: 360, r_frame_rate: '25/1' });
    expect(Number(p.format.duration)).toBeCloseTo(SECONDS, 1);
    const keyframes = p.packets.flatMap((packet, i) => (packet.flags.startsWith('K') ? [i] : []));
    expect(p.packets).toHaveLength(SECONDS * CLIP_FPS);
    expect(keyframes).toEqual(Array.from({ length: SECONDS }, (_, i) => i * CLIP_FPS));
  }, 60_000);

  it('makes an H.265 clip tagged hvc1', async () => {
    const p = await probe(`${hub.url}/api/v1/video/clips/s0-h265-sub.mp4`);
    expect(p.streams[0]).toMatchObject({ codec_name: 'hevc', codec_tag_string: 'hvc1', width: 640, height: 360 });
    expect(p.packets.filter((packet) => packet.flags.startsWith('K'))).toHaveLength(SECONDS);
  }, 60_000);

  it('serves byte ranges', async () => {
    const url = `${hub.url}/api/v1/video/clips/s1-h264-sub.mp4`;
    const file = readFileSync(join(clipsDir(), 's1-h264-sub.mp4'));
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('accept-ranges')).toBe('bytes');
    expect(head.headers.get('content-length')).toBe(String(file.length));
    expect(head.headers.get('content-type')).toBe('video/mp4');

    const part = await fetch(url, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${file.length}`);
    expect(part.headers.get('content-length')).toBe('100');
    expect(Buffer.from(await part.arrayBuffer())).toEqual(file.subarray(100, 200));

    const tail = await fetch(url, { headers: { range: 'bytes=-16' } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(file.subarray(file.length - 16));

    const past = await fetch(url, { headers: { range: `bytes=${file.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${file.length}`);
  });

  it('loops a clip past its end with -stream_loop and -c copy: no encoder, timestamps that keep going', async () => {
    const url = `${hub.url}/api/v1/video/clips/s1-h264-sub.mp4`;
    const looped = join(dir, 'looped.mp4');
    // What the station's relay runs for a clip, bounded by -t (output time): it must come back to the start.
    const { stderr } = await run(FFMPEG, [
      '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info', '-re', '-stream_loop', '-1', '-i', url,
      '-c:v', 'copy', '-an', '-t', String(SECONDS + 1.5), '-f', 'mp4', '-movflags', 'frag_keyframe+empty_moov+default_base_moof+frag_every_frame', looped,
    ], { timeout: 20_000 });
    expect(stderr).toMatch(/Stream #0:0 -> #0:0 \(copy\)/);
    // A decode–encode mapping reads "(h264 (native) -> h264 (libx264))" instead.
    expect(stderr).not.toMatch(/-> #0:0 \((?!copy\))/);

    // A fragment per frame, more frames than one pass of the clip holds, on one rising timeline (MSE needs it).
    const frames = SECONDS * CLIP_FPS + CLIP_FPS;
    expect(countBoxes(readFileSync(looped), 'moof')).toBeGreaterThan(frames);
    const { stdout } = await run(FFPROBE, ['-v', 'error', '-show_entries', 'packet=pts_time,flags', '-of', 'csv=p=0', looped]);
    const packets = stdout.trim().split('\n').map((line) => ({ pts: Number(line.split(',')[0]), key: line.split(',')[1]!.startsWith('K') }));
    expect(packets.length).toBeGreaterThan(frames);
    packets.forEach((p, i) => expect(p.pts).toBeCloseTo(i / CLIP_FPS, 3));
    expect(packets[SECONDS * CLIP_FPS]?.key).toBe(true);
  }, 30_000);
});

/** Counts top-level boxes of a type in an MP4 byte stream. */
function countBoxes(bytes: Buffer, type: string): number {
  let n = 0;
  for (let at = 0; at + 8 <= bytes.length;) {
    const size = bytes.readUInt32BE(at);
    if (size < 8) break;
    if (bytes.toString('latin1', at + 4, at + 8) === type) n++;
    at += size;
  }
  return n;
}
