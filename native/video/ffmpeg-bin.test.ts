// Which ffmpeg the relay picks, with a stand-in file system and process table.
import { describe, expect, it } from 'vitest';
import { resolveFfmpeg, unpackedPath, type FfmpegLookup } from './ffmpeg-bin.js';

function lookup(files: string[], running: string[], env: Record<string, string> = {}, staticPath: string | null = '/app/ffmpeg'): FfmpegLookup {
  return { env, staticPath, exists: (p) => files.includes(p), runs: (p) => running.includes(p) };
}

describe('resolveFfmpeg', () => {
  it.each([
    ['FFMPEG_BIN first, even when it would not answer -version', lookup(['/opt/ff', '/app/ffmpeg'], ['/app/ffmpeg'], { FFMPEG_BIN: '/opt/ff' }), '/opt/ff'],
    ['ffmpeg-static when downloaded and running', lookup(['/app/ffmpeg'], ['/app/ffmpeg', 'ffmpeg']), '/app/ffmpeg'],
    ['PATH when ffmpeg-static was not downloaded (npm skipped its install script)', lookup([], ['ffmpeg']), 'ffmpeg'],
    ['PATH when ffmpeg-static has no binary for this platform', lookup([], ['ffmpeg'], {}, null), 'ffmpeg'],
    ['PATH when the downloaded binary does not run', lookup(['/app/ffmpeg'], ['ffmpeg']), 'ffmpeg'],
    ['a blank FFMPEG_BIN is no choice', lookup([], ['ffmpeg'], { FFMPEG_BIN: ' ' }), 'ffmpeg'],
  ])('%s', (_name, l, expected) => {
    expect(resolveFfmpeg(l)).toBe(expected);
  });

  it('says what it tried when nothing runs', () => {
    expect(() => resolveFfmpeg(lookup([], []))).toThrow(/no ffmpeg to relay video: tried ffmpeg-static \(\/app\/ffmpeg: not downloaded\), `ffmpeg` on PATH.*set FFMPEG_BIN/);
  });

  it('refuses an FFMPEG_BIN that does not exist', () => {
    expect(() => resolveFfmpeg(lookup([], ['ffmpeg'], { FFMPEG_BIN: '/nope/ffmpeg' }))).toThrow('FFMPEG_BIN=/nope/ffmpeg: no such file');
  });
});

describe('unpackedPath', () => {
  it.each([
    ['/opt/Watchfloor/resources/app.asar/node_modules/ffmpeg-static/ffmpeg', '/opt/Watchfloor/resources/app.asar.unpacked/node_modules/ffmpeg-static/ffmpeg'],
    ['C:\\Watchfloor\\resources\\app.asar\\node_modules\\ffmpeg-static\\ffmpeg.exe', 'C:\\Watchfloor\\resources\\app.asar.unpacked\\node_modules\\ffmpeg-static\\ffmpeg.exe'],
    ['/work/main/node_modules/ffmpeg-static/ffmpeg', '/work/main/node_modules/ffmpeg-static/ffmpeg'],
  ])('maps a path inside app.asar to the unpacked copy: %s', (given, expected) => {
    expect(unpackedPath(given)).toBe(expected);
  });
  it('keeps null (a platform ffmpeg-static has no binary for)', () => {
    expect(unpackedPath(null)).toBeNull();
  });
});
