// ffmpeg's command line per kind of source, and the transcode branch.
import { describe, expect, it } from 'vitest';
import { ffmpegArgs, LIVE_MP4_FLAGS, type FfmpegJob } from './ffmpeg-args.js';

const base: FfmpegJob = { kind: 'live', url: 'rtsp://10.0.0.5/ch1', profile: 'main', transcode: false, codec: 'h264' };

/** The value after `flag`, or undefined. */
function after(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i < 0 ? undefined : args[i + 1];
}

describe('ffmpegArgs', () => {
  it.each([
    ['RTSP camera', base, { '-rtsp_transport': 'tcp', '-timeout': '5000000', '-fflags': 'nobuffer', '-fpsprobesize': '0', '-stream_loop': undefined, '-c:v': 'copy', '-tag:v': undefined }],
    ['HTTP camera', { ...base, url: 'http://10.0.0.5/live.flv' }, { '-rtsp_transport': undefined, '-rw_timeout': '5000000', '-fflags': 'nobuffer', '-c:v': 'copy' }],
    ['looped clip', { ...base, kind: 'clip' as const, url: 'http://127.0.0.1:1/api/v1/video/clips/a.mp4' }, { '-stream_loop': '-1', '-rw_timeout': '20000000', '-fflags': undefined, '-c:v': 'copy' }],
    ['H.265 copied', { ...base, codec: 'h265' as const }, { '-c:v': 'copy', '-tag:v': 'hvc1' }],
    ['H.265 transcoded, main', { ...base, codec: 'h265' as const, transcode: true }, { '-c:v': 'libx264', '-preset': 'ultrafast', '-tune': 'zerolatency', '-g': '25', '-vf': "scale=w='min(1280,iw)':h=-2", '-tag:v': undefined }],
    ['H.265 transcoded, sub', { ...base, codec: 'h265' as const, transcode: true, profile: 'sub' as const }, { '-vf': "scale=w='min(640,iw)':h=-2" }],
  ])('%s', (_name, job, expected) => {
    const args = ffmpegArgs(job);
    for (const [flag, value] of Object.entries(expected)) expect(after(args, flag), flag).toBe(value);
    expect(after(args, '-i')).toBe(job.url);
    // Silent wall, errors only on stderr, fragments per frame on stdout.
    expect(args).toContain('-an');
    expect(after(args, '-loglevel')).toBe('error');
    expect(after(args, '-movflags')).toBe(LIVE_MP4_FLAGS);
    expect(args.at(-1)).toBe('pipe:1');
    expect(args.indexOf('-i')).toBeLessThan(args.indexOf('-c:v'));
  });
});
