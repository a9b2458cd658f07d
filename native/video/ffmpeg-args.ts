// ffmpeg's command line for one relay: pull a live camera (RTSP over TCP, or HTTP) or loop a clip, remux the video
// without re-encoding (or transcode H.265 for a renderer without it) into fragmented MP4 with a fragment per frame.
import type { StreamProfile } from '../api/video.js';

export interface FfmpegJob {
  /** `live`: a camera (rtsp://, http(s)://); `clip`: a file to loop as if live (the demo hub's cameras). */
  kind: 'live' | 'clip';
  url: string;
  profile: StreamProfile;
  /** H.265 in, H.264 out (the renderer cannot decode H.265). */
  transcode: boolean;
  /** The source codec: an H.265 copy is tagged hvc1, the sample entry MSE players expect. */
  codec: 'h264' | 'h265';
}

/** Socket I/O timeout in µs: a camera that stops sending ends ffmpeg instead of hanging it. */
const IO_TIMEOUT_US = '5000000';
/** Longer for a clip: the demo hub makes a clip on its first request, which may take seconds on a small box. */
const CLIP_IO_TIMEOUT_US = '20000000';

/** Widest picture a transcoded stream keeps, per profile (software x264 on a small box). */
export const TRANSCODE_MAX_WIDTH: Record<StreamProfile, number> = { main: 1280, sub: 640 };

/**
 * frag_every_frame: a fragment per frame (a fragment per GOP means seconds of latency); empty_moov: the init segment
 * comes first, before any frame; default_base_moof: what MSE wants.
 */
export const LIVE_MP4_FLAGS = 'frag_keyframe+empty_moov+default_base_moof+frag_every_frame';

function inputArgs(job: FfmpegJob): string[] {
  if (job.kind === 'clip') return ['-re', '-stream_loop', '-1', '-rw_timeout', CLIP_IO_TIMEOUT_US, '-i', job.url];
  // fpsprobesize 0: ffmpeg would otherwise read ~20 frames (0.8 s) to guess a frame rate the remux does not need.
  const lowDelay = ['-fflags', 'nobuffer', '-flags', 'low_delay', '-fpsprobesize', '0'];
  if (job.url.startsWith('rtsp://') || job.url.startsWith('rtsps://')) {
    return ['-rtsp_transport', 'tcp', '-timeout', IO_TIMEOUT_US, ...lowDelay, '-i', job.url];
  }
  return ['-rw_timeout', IO_TIMEOUT_US, ...lowDelay, '-i', job.url];
}

function videoArgs(job: FfmpegJob): string[] {
  if (!job.transcode) return ['-c:v', 'copy', ...(job.codec === 'h265' ? ['-tag:v', 'hvc1'] : [])];
  const width = TRANSCODE_MAX_WIDTH[job.profile];
  return [
    '-vf', `scale=w='min(${width},iw)':h=-2`, '-pix_fmt', 'yuv420p',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', '25',
  ];
}

/** The arguments after the binary; the fragments come out on stdout, errors (only) on stderr. */
export function ffmpegArgs(job: FfmpegJob): string[] {
  return [
    '-hide_banner', '-nostats', '-nostdin', '-loglevel', 'error',
    ...inputArgs(job),
    '-map', '0:v:0', '-an', '-sn', '-dn',
    ...videoArgs(job),
    '-f', 'mp4', '-movflags', LIVE_MP4_FLAGS, '-flush_packets', '1', 'pipe:1',
  ];
}
