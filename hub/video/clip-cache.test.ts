// ClipCache's failure paths with stand-ins for ffmpeg (shell scripts): what a request sees when ffmpeg fails,
// writes something that is not an MP4, or is still running when the hub closes.
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClipCache } from './clip-cache.js';

const VARIANT = { scene: 0, codec: 'h264', profile: 'sub' } as const;

describe('ClipCache', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wf-clip-cache-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A stand-in for ffmpeg; the output file is its last argument. */
  function script(name: string, body: string): string {
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
    return path;
  }

  function cache(ffmpeg: string): ClipCache {
    return new ClipCache({ dir: join(dir, 'clips'), seconds: 1, ffmpeg: () => ffmpeg, fontFile: null, log: () => undefined });
  }

  it('runs ffmpeg once for concurrent requests, then serves the file; a removed clip is made again', async () => {
    const calls = join(dir, 'calls');
    // The smallest output the cache accepts: an ftyp box, then a moov box.
    const clips = cache(script('ok.sh', `echo run >> ${calls}\nfor last; do :; done\nprintf '\\000\\000\\000\\020ftypisom\\000\\000\\000\\000\\000\\000\\000\\010moov' > "$last"`));
    const paths = await Promise.all([clips.file(VARIANT), clips.file(VARIANT), clips.file(VARIANT)]);
    const path = join(dir, 'clips', 's0-h264-sub.mp4');
    expect(paths).toEqual([path, path, path]);
    expect(await clips.file(VARIANT)).toBe(path);
    expect(readFileSync(calls, 'utf8')).toBe('run\n');
    expect(clips.made).toMatchObject([{ name: 's0-h264-sub', bytes: 24 }]);
    expect(readdirSync(join(dir, 'clips'))).toEqual(['s0-h264-sub.mp4']);
    rmSync(path);
    expect(await clips.file(VARIANT)).toBe(path);
    expect(readFileSync(calls, 'utf8')).toBe('run\nrun\n');
  });

  it("fails with ffmpeg's last line, keeps no file, and tries again on the next request", async () => {
    const calls = join(dir, 'calls');
    const clips = cache(script('fail.sh', `echo run >> ${calls}\necho 'Unknown encoder libx265' >&2\nexit 1`));
    await expect(clips.file(VARIANT)).rejects.toThrow('ffmpeg exited with 1: Unknown encoder libx265');
    await expect(clips.file(VARIANT)).rejects.toThrow('exited with 1');
    expect(readdirSync(join(dir, 'clips'))).toEqual([]);
    expect(readFileSync(calls, 'utf8')).toBe('run\nrun\n');
    expect(clips.made).toEqual([]);
  });

  it('refuses output that is not an MP4 with its index first', async () => {
    const clips = cache(script('junk.sh', 'for last; do :; done\necho not an mp4 > "$last"'));
    await expect(clips.file(VARIANT)).rejects.toThrow('did not write an MP4');
    expect(readdirSync(join(dir, 'clips'))).toEqual([]);
  });

  it('says which binary could not be run', async () => {
    await expect(cache(join(dir, 'absent')).file(VARIANT)).rejects.toThrow(`cannot run ${join(dir, 'absent')}`);
  });

  it('kills a run in progress on close', async () => {
    const started = join(dir, 'started');
    const clips = cache(script('slow.sh', `touch ${started}\nexec sleep 30`));
    const pending = clips.file(VARIANT);
    const failed = expect(pending).rejects.toThrow(/killed \(SIGKILL\)/);
    await expect.poll(() => existsSync(started), { timeout: 5000 }).toBe(true);
    await clips.close();
    await failed;
    await expect(clips.file({ ...VARIANT, scene: 1 })).rejects.toThrow('the hub is closing');
  });
});
