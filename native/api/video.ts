// The video wall's shared vocabulary (issue 3): stream profiles, the video socket's messages, wall layouts,
// wall state, presets, tours and alarm mode. Imported by the station, the renderer and the tests alike.
import { z } from 'zod';

/** A camera's main (full resolution) or sub (small, for small tiles) stream. */
export const StreamProfile = z.enum(['main', 'sub']);
export type StreamProfile = z.infer<typeof StreamProfile>;

/**
 * What a tile shows while it is not simply playing. `connecting`: first frames on their way; `live`: playing;
 * `no_signal`: the camera cannot be reached (detail says why); `reconnecting`: it was live and dropped, the relay
 * is trying again; `offline`: only the hub serves this stream and the hub is unreachable; `error`: the stream can
 * never play as asked (unknown camera, bad URL, not fragmented MP4) — detail says why.
 */
export const StreamState = z.enum(['connecting', 'live', 'no_signal', 'reconnecting', 'offline', 'error']);
export type StreamState = z.infer<typeof StreamState>;

/**
 * The video socket: `WS <video.endpoint url>&camera=<id>&profile=main|sub&h265=0|1`. Text messages from the
 * station are `VideoStatus` JSON; binary messages are one byte of `FragmentKind` followed by MP4 bytes
 * (init = ftyp+moov; media = one moof+mdat). A new init after a restart means: reset the decoder.
 */
export const VideoSocketParams = z.object({
  camera: z.string().min(1).max(64),
  profile: StreamProfile,
  /** The renderer can decode H.265 in MSE; without it an H.265 stream is transcoded to H.264. */
  h265: z.enum(['0', '1']).transform((v) => v === '1'),
}).strict();
export type VideoSocketParams = z.output<typeof VideoSocketParams>;

export const FragmentKind = { init: 0, keyframe: 1, delta: 2 } as const;

export const VideoStatus = z.object({
  type: z.literal('status'),
  state: StreamState,
  /** Why, for the operator (ffmpeg's last error line, "connection refused", …); null when live. */
  detail: z.string().nullable(),
  /** The profile actually served (a camera without a sub stream serves main). */
  profile: StreamProfile,
  /** H.265 turned into H.264 by the relay for this viewer. */
  transcoded: z.boolean(),
  /** The MSE codec string of the current init segment (e.g. avc1.4d401f), null before the first. */
  codec: z.string().nullable(),
}).strict();
export type VideoStatus = z.infer<typeof VideoStatus>;

/** One relay (one ffmpeg) in the station: what `video.relays` reports. */
export const RelayInfo = z.object({
  cameraId: z.string(),
  profile: StreamProfile,
  transcoded: z.boolean(),
  state: StreamState,
  detail: z.string().nullable(),
  viewers: z.number().int().nonnegative(),
  /** The running ffmpeg's pid; null between restarts. */
  pid: z.number().int().positive().nullable(),
  restarts: z.number().int().nonnegative(),
  /** Fragments sent to all viewers / dropped for slow viewers since start. */
  fragmentsOut: z.number().int().nonnegative(),
  fragmentsDropped: z.number().int().nonnegative(),
  startedAt: z.number().int().nonnegative(),
});
export type RelayInfo = z.infer<typeof RelayInfo>;

// -- the wall ---------------------------------------------------------------------------------------------

/** Layouts a wall offers; `custom` is any cols × rows up to 8 × 8. `6` is a 3 × 3 grid whose first tile spans 2 × 2. */
export const LayoutKind = z.enum(['1', '4', '6', '9', '16', '25', '36', 'custom']);
export type LayoutKind = z.infer<typeof LayoutKind>;

export const WallLayout = z.object({
  kind: LayoutKind,
  cols: z.number().int().min(1).max(8),
  rows: z.number().int().min(1).max(8),
}).strict().superRefine((l, ctx) => {
  const fixed: Partial<Record<LayoutKind, number>> = { '1': 1, '4': 2, '6': 3, '9': 3, '16': 4, '25': 5, '36': 6 };
  const side = fixed[l.kind];
  if (side !== undefined && (l.cols !== side || l.rows !== side)) {
    ctx.addIssue({ code: 'custom', message: `layout ${l.kind} is ${side} × ${side}` });
  }
});
export type WallLayout = z.infer<typeof WallLayout>;

export interface Cell {
  col: number;
  row: number;
  colSpan: number;
  rowSpan: number;
}

/** The tiles of a layout, in reading order; a tile's index is its place in this list. */
export function layoutCells(layout: WallLayout): Cell[] {
  if (layout.kind === '6') {
    return [
      { col: 0, row: 0, colSpan: 2, rowSpan: 2 },
      { col: 2, row: 0, colSpan: 1, rowSpan: 1 },
      { col: 2, row: 1, colSpan: 1, rowSpan: 1 },
      { col: 0, row: 2, colSpan: 1, rowSpan: 1 },
      { col: 1, row: 2, colSpan: 1, rowSpan: 1 },
      { col: 2, row: 2, colSpan: 1, rowSpan: 1 },
    ];
  }
  const cells: Cell[] = [];
  for (let row = 0; row < layout.rows; row++) {
    for (let col = 0; col < layout.cols; col++) cells.push({ col, row, colSpan: 1, rowSpan: 1 });
  }
  return cells;
}

export function standardLayout(kind: Exclude<LayoutKind, 'custom'>): WallLayout {
  const side = { '1': 1, '4': 2, '6': 3, '9': 3, '16': 4, '25': 5, '36': 6 }[kind];
  return { kind, cols: side, rows: side };
}

export const WallId = z.number().int().min(1).max(16);
export const CameraId = z.string().min(1).max(64);
export const TileIndex = z.number().int().min(0).max(63);

/** Alarm mode: an AI video alert put its camera on the alarm tile; reverts at `until` or on acknowledgement. */
export const WallAlarm = z.object({
  tile: TileIndex,
  cameraId: CameraId,
  eventId: z.string().min(1),
  title: z.string(),
  since: z.number().int().nonnegative(),
  until: z.number().int().nonnegative(),
  /** What the tile showed before the alarm (restored on revert). */
  previousCameraId: CameraId.nullable(),
});
export type WallAlarm = z.infer<typeof WallAlarm>;

export const AlarmConfig = z.object({
  enabled: z.boolean(),
  /** The designated alarm tile. */
  tile: TileIndex,
  /** Seconds an alarm stays up without acknowledgement. */
  holdS: z.number().int().min(5).max(3600),
}).strict();
export type AlarmConfig = z.infer<typeof AlarmConfig>;

export const TourStep = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('camera'), cameraId: CameraId }).strict(),
  z.object({ kind: z.literal('preset'), presetId: z.string().min(1) }).strict(),
]);
export type TourStep = z.infer<typeof TourStep>;

export const Tour = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1).max(50),
  /** At least 3 s on each step. */
  dwellS: z.number().int().min(3).max(3600),
  steps: z.array(TourStep).min(1).max(200),
  updatedAt: z.number().int().nonnegative(),
});
export type Tour = z.infer<typeof Tour>;

export const TourRun = z.object({
  tourId: z.string().min(1),
  name: z.string(),
  /** The tile a camera tour cycles (preset steps replace the whole wall). */
  tile: TileIndex,
  step: z.number().int().nonnegative(),
  stepCount: z.number().int().positive(),
  nextAt: z.number().int().nonnegative(),
});
export type TourRun = z.infer<typeof TourRun>;

export const WallState = z.object({
  wallId: WallId,
  layout: WallLayout,
  /** One camera id (or null = empty) per tile of the layout, in `layoutCells` order. */
  tiles: z.array(CameraId.nullable()),
  /** The tile shown full-wall, or null. */
  maximized: TileIndex.nullable(),
  /** The preset last applied (null once the wall is changed by hand). */
  presetId: z.string().nullable(),
  alarmConfig: AlarmConfig,
  alarm: WallAlarm.nullable(),
  tour: TourRun.nullable(),
  updatedAt: z.number().int().nonnegative(),
});
export type WallState = z.infer<typeof WallState>;

export const WallPreset = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1).max(50),
  layout: WallLayout,
  tiles: z.array(CameraId.nullable()),
  updatedAt: z.number().int().nonnegative(),
});
export type WallPreset = z.infer<typeof WallPreset>;
