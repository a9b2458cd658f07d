// Which ffmpeg the relay runs: FFMPEG_BIN where set (a box where ffmpeg-static could not download its binary),
// else ffmpeg-static's binary when it is there, else `ffmpeg` on PATH; a clear error when none runs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import ffmpegStatic from 'ffmpeg-static';

export interface FfmpegLookup {
  env: NodeJS.ProcessEnv;
  /** ffmpeg-static's answer (null on a platform it has no binary for). */
  staticPath: string | null;
  exists(path: string): boolean;
  /** Whether `path -version` runs. */
  runs(path: string): boolean;
}

function runs(path: string): boolean {
  const r = spawnSync(path, ['-hide_banner', '-version'], { stdio: 'ignore', timeout: 10_000 });
  return r.error === undefined && r.status === 0;
}

/**
 * In a packaged app ffmpeg-static's path points inside app.asar, where no program can be started;
 * electron-builder.yml unpacks the binary beside it, into app.asar.unpacked.
 */
export function unpackedPath(path: string | null): string | null {
  return path?.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2') ?? null;
}

const systemLookup: FfmpegLookup = { env: process.env, staticPath: unpackedPath(ffmpegStatic), exists: existsSync, runs };

/** The ffmpeg to run; throws an Error that says what was tried. */
export function resolveFfmpeg(lookup: FfmpegLookup = systemLookup): string {
  const fromEnv = lookup.env.FFMPEG_BIN?.trim();
  // An explicit choice is taken as is (tests point it at stand-ins); only a missing file is refused.
  if (fromEnv) {
    if (!lookup.exists(fromEnv)) throw new Error(`FFMPEG_BIN=${fromEnv}: no such file`);
    return fromEnv;
  }
  const tried: string[] = [];
  if (lookup.staticPath) {
    if (lookup.exists(lookup.staticPath) && lookup.runs(lookup.staticPath)) return lookup.staticPath;
    tried.push(`ffmpeg-static (${lookup.staticPath}: ${lookup.exists(lookup.staticPath) ? 'does not run' : 'not downloaded'})`);
  }
  if (lookup.runs('ffmpeg')) return 'ffmpeg';
  tried.push('`ffmpeg` on PATH (not found)');
  throw new Error(`no ffmpeg to relay video: tried ${tried.join(', ')}; set FFMPEG_BIN to an ffmpeg binary`);
}

let cached: string | null = null;

/** resolveFfmpeg() on this machine, looked up once (FFMPEG_BIN is read each time: tests change it). */
export function ffmpegBinary(): string {
  if (process.env.FFMPEG_BIN?.trim()) return resolveFfmpeg();
  cached ??= resolveFfmpeg();
  return cached;
}
