// The fMP4 splitter and codec strings against real ffmpeg output (made here from lavfi testsrc, H.264 and H.265),
// plus hand-built boxes for the sample-flag rules and the error cases.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpegBinary } from './ffmpeg-bin.js';
import { codecString, Fmp4Splitter, moofStartsWithKeyframe, type Fmp4Segment } from './fmp4.js';

const LIVE_FLAGS = ['-f', 'mp4', '-movflags', 'frag_keyframe+empty_moov+default_base_moof+frag_every_frame'];

function encode(codec: 'libx264' | 'libx265', extra: string[] = [], out = 'pipe:1'): Buffer {
  return execFileSync(ffmpegBinary(), [
    '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25', '-t', '1',
    '-pix_fmt', 'yuv420p', '-c:v', codec, '-g', '10',
    ...(codec === 'libx265' ? ['-x265-params', 'log-level=none', '-tag:v', 'hvc1'] : []),
    '-an', ...extra, out,
  ], { maxBuffer: 16 * 1024 * 1024 });
}

function split(bytes: Uint8Array, chunk: number): Fmp4Segment[] {
  const splitter = new Fmp4Splitter();
  const out: Fmp4Segment[] = [];
  for (let i = 0; i < bytes.length; i += chunk) out.push(...splitter.push(bytes.subarray(i, i + chunk)));
  return out;
}

function pattern(segments: Fmp4Segment[]): string {
  return segments.map((s) => (s.kind === 'init' ? 'I' : s.keyframe ? 'K' : '.')).join('');
}

function box(type: string, ...payload: Uint8Array[]): Uint8Array {
  const size = 8 + payload.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, size);
  out.set(new TextEncoder().encode(type), 4);
  let at = 8;
  for (const p of payload) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function words(...values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setUint32(i * 4, v >>> 0));
  return out;
}

const SYNC = 0x02000000;
const NON_SYNC = 0x01010000;

describe('Fmp4Splitter on ffmpeg output', () => {
  let h264: Uint8Array;
  let h265: Uint8Array;
  let plain: Uint8Array;
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'watchfloor-fmp4-'));
    h264 = new Uint8Array(encode('libx264', LIVE_FLAGS));
    h265 = new Uint8Array(encode('libx265', LIVE_FLAGS));
    const plainFile = join(dir, 'plain.mp4');
    encode('libx264', ['-movflags', '+faststart', '-y'], plainFile);
    plain = new Uint8Array(readFileSync(plainFile));
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['H.264', () => h264, /^avc1\.64[0-9a-f]{4}$/],
    ['H.265', () => h265, /^hvc1\.1\.6\.L60\.90$/],
  ])('%s: one init, a fragment per frame, a key frame every 10 frames, codec string from the init', (_name, bytes, codec) => {
    const segments = split(bytes(), 4096);
    expect(segments[0]?.kind).toBe('init');
    expect(segments.filter((s) => s.kind === 'init')).toHaveLength(1);
    expect(segments).toHaveLength(26);
    const p = pattern(segments);
    expect(p.startsWith('IK')).toBe(true);
    expect([...p].filter((c) => c === 'K')).toHaveLength(3);
    expect(codecString(segments[0]!.bytes)).toMatch(codec);
  });

  it('gives the same segments whatever the chunk size, one byte at a time included', () => {
    const whole = split(h264, h264.length);
    const bytewise = split(h264, 1);
    expect(bytewise.map((s) => s.bytes.length)).toEqual(whole.map((s) => s.bytes.length));
    expect(pattern(bytewise)).toBe(pattern(whole));
    expect(Buffer.from(bytewise[5]!.bytes).equals(Buffer.from(whole[5]!.bytes))).toBe(true);
  });

  it('a restart (a second ftyp+moov) yields a new init', () => {
    const twice = new Uint8Array(h264.length * 2);
    twice.set(h264);
    twice.set(h264, h264.length);
    expect(pattern(split(twice, 65536)).match(/I/g)).toHaveLength(2);
  });

  it('refuses a plain (non-fragmented) MP4', () => {
    expect(() => split(plain, 65536)).toThrow(/not fragmented MP4: mdat without a moof/);
  });
});

describe('Fmp4Splitter errors', () => {
  it.each([
    ['text', new TextEncoder().encode('Input #0, lavfi, from testsrc:\n  Duration: N/A\n'), /unexpected top-level box/],
    ['an oversized box', words(17 * 1024 * 1024, 0x6d646174), /limit 16777216/],
    ['a box running to the end of file', words(0, 0x6d646174), /runs to the end/],
    ['a box smaller than its header', words(4, 0x66726565), /of 4 bytes/],
    ['a 64-bit size beyond 4 GiB', words(1, 0x6d646174, 2, 0), /4 GiB/],
  ])('%s → not fragmented MP4', (_name, bytes, message) => {
    const splitter = new Fmp4Splitter();
    expect(() => splitter.push(bytes)).toThrow(/^not fragmented MP4: /);
    expect(() => splitter.push(new Uint8Array(0))).toThrow(message);
  });

  it('reads a 64-bit box size', () => {
    const free = new Uint8Array(24);
    free.set(words(1, 0x66726565, 0, 24));
    const splitter = new Fmp4Splitter();
    expect(splitter.push(free)).toEqual([]);
    expect(() => splitter.push(words(8, 0x66726565))).not.toThrow();
  });
});

describe('moofStartsWithKeyframe', () => {
  const tfhd = (flags: number, defaultFlags?: number): Uint8Array =>
    box('tfhd', defaultFlags === undefined ? words(flags, 1) : words(flags | 0x20, 1, defaultFlags));
  const trun = (flags: number, ...rest: number[]): Uint8Array => box('trun', words(flags, 1, ...rest));
  const moof = (...traf: Uint8Array[]): Uint8Array => box('moof', box('mfhd', words(0, 1)), box('traf', ...traf));

  it.each([
    ['trun first_sample_flags sync over a non-sync tfhd default', moof(tfhd(0x20000, NON_SYNC), trun(0x05, 0, SYNC)), null, true],
    ['tfhd default non-sync, no first_sample_flags', moof(tfhd(0x20000, NON_SYNC), trun(0x01, 0)), null, false],
    ['per-sample flags (duration, size, flags)', moof(tfhd(0x20000), trun(0x701, 0, 40, 1000, SYNC)), null, true],
    ['per-sample flags non-sync', moof(tfhd(0x20000), trun(0x701, 0, 40, 1000, NON_SYNC)), null, false],
    ['nothing in the fragment: trex default sync', moof(tfhd(0x20000), trun(0x01, 0)), SYNC, true],
    ['nothing in the fragment: trex default non-sync', moof(tfhd(0x20000), trun(0x01, 0)), NON_SYNC, false],
    ['no flags anywhere', moof(tfhd(0x20000), trun(0x01, 0)), null, false],
    ['no traf', box('moof', box('mfhd', words(0, 1))), SYNC, false],
  ])('%s', (_name, bytes, trexFlags, expected) => {
    expect(moofStartsWithKeyframe(bytes, trexFlags)).toBe(expected);
  });
});

describe('codecString', () => {
  it('refuses an init without a video track', () => {
    expect(() => codecString(box('moov', box('mvhd', words(0))))).toThrow(/no H\.264 or H\.265 video track/);
  });
});
