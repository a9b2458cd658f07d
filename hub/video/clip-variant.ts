// The demo cameras' clips: which variants exist (scene × codec × profile), their names, which scene a camera
// shows, and the ffmpeg command that makes one. Pure, so the rules are table-tested without running ffmpeg.
import type { StreamProfile } from '../../native/api/video.js';

export type ClipCodec = 'h264' | 'h265';

export interface ClipVariant {
  scene: number;
  codec: ClipCodec;
  profile: StreamProfile;
}

/** Frame rate and GOP of every clip: one keyframe a second, as county cameras are usually set up. */
export const CLIP_FPS = 25;
export const SCENE_COUNT = 4;
/** Default clip length: a whole number of GOPs, so the loop point is a keyframe. */
export const DEFAULT_CLIP_SECONDS = 6;
/** Bumped whenever the way clips are made changes, so stale files in a cache folder are never served. */
export const CLIP_FORMAT_VERSION = 1;

export const PROFILE_SPEC: Record<StreamProfile, { width: number; height: number; kbps: number }> = {
  main: { width: 1280, height: 720, kbps: 2000 },
  sub: { width: 640, height: 360, kbps: 400 },
};

// Moving content, drawn at a low resolution where the source is costly and scaled up: clips are made on
// first request on a 2-core machine, and a full-size Mandelbrot zoom takes longer than the clip lasts.
const SCENES: readonly ((w: number, h: number) => string)[] = [
  (w, h) => `testsrc2=s=${w}x${h}:r=${CLIP_FPS}`,
  (w, h) => `life=s=160x90:r=${CLIP_FPS}:mold=10:ratio=0.5:death_color=#203040:life_color=#80ff80,scale=${w}:${h}:flags=neighbor`,
  (w, h) => `gradients=s=320x180:r=${CLIP_FPS}:speed=0.03:n=5,scale=${w}:${h}`,
  (w, h) => `mandelbrot=s=320x180:r=${CLIP_FPS}:maxiter=100:end_scale=0.01,scale=${w}:${h}`,
];

const NAME = /^s(\d)-(h264|h265)-(main|sub)$/;

export function variantName(v: ClipVariant): string {
  return `s${v.scene}-${v.codec}-${v.profile}`;
}

export function parseVariantName(name: string): ClipVariant | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const scene = Number(m[1]);
  if (scene >= SCENE_COUNT) return null;
  return { scene, codec: m[2] as ClipCodec, profile: m[3] as StreamProfile };
}

/** A stable scene for a camera (FNV-1a of its id), so neighbouring cameras rarely look the same. */
export function sceneOf(cameraId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < cameraId.length; i++) {
    h ^= cameraId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % SCENE_COUNT;
}

/** The caption burnt into a clip; ASCII only when no CJK font was found. */
export function clipCaption(v: ClipVariant, cjk: boolean): string {
  const codec = v.codec === 'h264' ? 'H.264' : 'H.265';
  if (!cjk) return `DEMO CAMERA · ${codec} · ${v.profile.toUpperCase()}`;
  return `演示摄像机 DEMO · ${codec} · ${v.profile === 'main' ? '主码流' : '子码流'}`;
}

/**
 * Escapes a value for a filter option inside a filter graph: once for the option parser (`\ ' :`), then
 * once more for the graph parser (`\ ' , ; [ ]`), so font paths such as `C:\Windows\Fonts\msyh.ttc` survive.
 */
export function filterValue(value: string): string {
  const option = value.replace(/[\\':]/g, (c) => `\\${c}`);
  return option.replace(/[\\',;[\]]/g, (c) => `\\${c}`);
}

export interface ClipArgsOptions {
  seconds: number;
  /** A font file with CJK glyphs; null draws an ASCII caption with fontconfig's default font. */
  fontFile: string | null;
  output: string;
}

/** The ffmpeg arguments that make one variant: video only, no B-frames, fixed GOP, moov up front. */
export function clipArgs(v: ClipVariant, opts: ClipArgsOptions): string[] {
  const spec = PROFILE_SPEC[v.profile];
  const scene = SCENES[v.scene];
  if (!scene) throw new Error(`no scene ${v.scene}`);
  const font = opts.fontFile === null ? '' : `fontfile=${filterValue(opts.fontFile)}:`;
  const box = 'fontcolor=white:box=1:boxcolor=black@0.55';
  const caption = `drawtext=${font}text=${filterValue(clipCaption(v, opts.fontFile !== null))}:fontsize=h/18:${box}:boxborderw=12:x=24:y=h-th-36`;
  // The clip's own clock: it runs, and it shows where the loop starts again.
  const clock = `drawtext=${font}text=${filterValue('%{pts:hms}')}:fontsize=h/20:${box}:boxborderw=10:x=w-tw-24:y=24`;
  const rate = `${spec.kbps}k`;
  const encoder =
    v.codec === 'h264'
      ? ['-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'main', '-bf', '0', '-g', String(CLIP_FPS), '-keyint_min', String(CLIP_FPS), '-sc_threshold', '0']
      : [
          '-c:v', 'libx265', '-preset', 'ultrafast', '-tag:v', 'hvc1',
          '-x265-params', `keyint=${CLIP_FPS}:min-keyint=${CLIP_FPS}:scenecut=0:bframes=0:log-level=error`,
        ];
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', scene(spec.width, spec.height),
    '-t', String(opts.seconds),
    '-vf', `${caption},${clock},format=yuv420p`,
    '-an', ...encoder,
    '-b:v', rate, '-maxrate', rate, '-bufsize', rate,
    '-movflags', '+faststart', '-f', 'mp4', opts.output,
  ];
}
