// Makes the demo clips with ffmpeg on first request and keeps them in the hub's cache folder: one ffmpeg at
// a time (the hub shares a small machine with the station), concurrent requests for a clip wait for the one
// run, and a clip is written under a temporary name then renamed, so no reader ever sees half a file.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { clipArgs, variantName, type ClipVariant } from './clip-variant.js';

export interface ClipCacheOptions {
  /** The folder for this clip format and length (it names the version). */
  dir: string;
  seconds: number;
  /** Which ffmpeg to run, asked at each run (it throws when there is none). */
  ffmpeg: () => string;
  fontFile: string | null;
  log: (line: string) => void;
  /** A run that takes longer is killed and the request fails. Default 120 s. */
  timeoutMs?: number;
}

export interface MadeClip {
  name: string;
  ms: number;
  bytes: number;
}

/** Where CJK fonts usually live (Debian/Ubuntu, Fedora/Arch, macOS, Windows); the first found is used. */
const CJK_FONTS = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/System/Library/Fonts/PingFang.ttc',
  'C:\\Windows\\Fonts\\msyh.ttc',
];

export function findCjkFont(): string | null {
  return CJK_FONTS.find((f) => existsSync(f)) ?? null;
}

export class ClipCache {
  /** Clips made by this hub, in order: for the log, benches and tests. */
  readonly made: MadeClip[] = [];
  private readonly pending = new Map<string, Promise<string>>();
  private readonly running = new Set<ChildProcess>();
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly opts: ClipCacheOptions) {}

  /** The path of a ready clip, made now if it is not in the folder yet. */
  file(variant: ClipVariant): Promise<string> {
    const name = variantName(variant);
    const existing = this.pending.get(name);
    if (existing) return existing;
    const path = join(this.opts.dir, `${name}.mp4`);
    const job = stat(path).then(
      () => path,
      () => this.enqueue(() => this.make(variant, path)),
    );
    this.pending.set(name, job);
    // Only runs in flight are shared: a failure is not remembered (a relay retries with backoff), and a
    // clip removed from the folder (a temp cleaner) is made again on the next request.
    job.then(() => this.pending.delete(name), () => this.pending.delete(name));
    return job;
  }

  /** Kills a run in progress; later requests fail. */
  async close(): Promise<void> {
    this.closed = true;
    const exits = [...this.running].map((child) => new Promise<void>((resolve) => {
      child.once('close', () => resolve());
      child.kill('SIGKILL');
    }));
    await Promise.all(exits);
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job, job);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async make(variant: ClipVariant, path: string): Promise<string> {
    if (this.closed) throw new Error('the hub is closing');
    const name = variantName(variant);
    // Another hub sharing the folder may have made it while this request waited its turn.
    if (existsSync(path)) return path;
    await mkdir(this.opts.dir, { recursive: true });
    const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`;
    const started = performance.now();
    try {
      await this.run(clipArgs(variant, { seconds: this.opts.seconds, fontFile: this.opts.fontFile, output: temp }));
      await checkMp4(temp);
      await rename(temp, path);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    const clip = { name, ms: Math.round(performance.now() - started), bytes: (await stat(path)).size };
    this.made.push(clip);
    this.opts.log(`made demo clip ${name} in ${clip.ms} ms (${clip.bytes} bytes)`);
    return path;
  }

  private run(args: string[]): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error('the hub is closing'));
      const ffmpeg = this.opts.ffmpeg();
      const child = spawn(ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      this.running.add(child);
      let stderr = '';
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        stderr = (stderr + chunk).slice(-2000);
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), this.opts.timeoutMs ?? 120_000);
      child.once('error', (err) => {
        clearTimeout(timer);
        this.running.delete(child);
        reject(new Error(`cannot run ${ffmpeg}: ${err.message}`));
      });
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        this.running.delete(child);
        if (code === 0) return resolve();
        const last = stderr.trim().split('\n').pop() ?? '';
        reject(new Error(`ffmpeg ${signal ? `was killed (${signal})` : `exited with ${code}`}${last ? `: ${last}` : ''}`));
      });
    });
  }
}

/** A cheap check of ffmpeg's output: an MP4 whose first boxes are ftyp then moov (faststart). */
async function checkMp4(path: string): Promise<void> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(64);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    const ftypSize = bytesRead >= 8 ? head.readUInt32BE(0) : 0;
    const ok = head.toString('latin1', 4, 8) === 'ftyp' && ftypSize + 8 <= bytesRead && head.toString('latin1', ftypSize + 4, ftypSize + 8) === 'moov';
    if (!ok) throw new Error('ffmpeg did not write an MP4 with its index first');
  } finally {
    await file.close();
  }
}
