// The county's things as the whole product names them: one set of zod schemas for the hub, the station
// cache, the renderer and the county generator. Coordinates are WGS84 [longitude, latitude] in degrees.
import { z } from 'zod';

export const LonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
export type LonLat = z.infer<typeof LonLat>;

/** A closed outline; the first point is not repeated at the end. */
export const Ring = z.array(LonLat).min(3);
export type Ring = z.infer<typeof Ring>;

export const Polyline = z.array(LonLat).min(2);
export type Polyline = z.infer<typeof Polyline>;

/** Grid hierarchy (网格层级): county 县 → town/street 镇/街道 → village/community 村/社区 → unit grid 单元网格. */
export const GridLevel = z.enum(['county', 'town', 'village', 'unit']);
export type GridLevel = z.infer<typeof GridLevel>;

/** Official division codes: county 6 digits, town 9, village 12; a unit grid extends its village code by 3. */
export const GridCode = z.string().regex(/^(\d{6}|\d{9}|\d{12}|\d{15})$/, 'grid code must have 6, 9, 12 or 15 digits');
export type GridCode = z.infer<typeof GridCode>;

export const Grid = z.object({
  code: GridCode,
  name: z.string().min(1),
  level: GridLevel,
  parentCode: GridCode.nullable(),
  boundary: Ring,
  center: LonLat,
  /** Residents, estimated; unit grids hold ~500–1,000. */
  population: z.number().int().nonnegative(),
});
export type Grid = z.infer<typeof Grid>;

export const BuildingUse = z.enum(['residential', 'commercial', 'public', 'industrial']);
export type BuildingUse = z.infer<typeof BuildingUse>;

export const Building = z.object({
  id: z.string().min(1),
  /** The unit grid the building stands in. */
  gridCode: GridCode,
  footprint: Ring,
  heightM: z.number().positive(),
  floors: z.number().int().positive(),
  use: BuildingUse,
  /** Unified address library entry (统一地址库). */
  address: z.string().min(1),
});
export type Building = z.infer<typeof Building>;

export const CameraKind = z.enum(['dome', 'bullet', 'ptz']);
export const VideoCodec = z.enum(['h264', 'h265']);

export const Camera = z.object({
  /** GB/T 28181 device id: 20 digits. */
  id: z.string().regex(/^\d{20}$/),
  name: z.string().min(1),
  gridCode: GridCode,
  position: LonLat,
  kind: CameraKind,
  codec: VideoCodec,
  streams: z.object({ main: z.string().min(1), sub: z.string().min(1).nullable() }),
  online: z.boolean(),
});
export type Camera = z.infer<typeof Camera>;

/** Grid worker 网格员, with the latest known position. */
export const Worker = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  gridCode: GridCode,
  phone: z.string().min(1),
  position: LonLat,
  /** Degrees clockwise from north. */
  heading: z.number().min(0).max(360),
  /** Epoch milliseconds of the position fix. */
  fixAt: z.number().int().nonnegative(),
});
export type Worker = z.infer<typeof Worker>;

export const EventSource = z.enum(['grid_worker', 'hotline_12345', 'ai_video', 'public_tip', 'manual']);
export type EventSource = z.infer<typeof EventSource>;

/** Work-order states of the closed loop (闭环); the event-loop issue adds the transitions. */
export const EventState = z.enum([
  'reported', 'accepted', 'dispatched', 'in_progress', 'handled', 'verified', 'evaluated', 'archived',
  'returned', 'escalated', 'supervised', 'reopened', 'merged',
]);
export type EventState = z.infer<typeof EventState>;

export const GridEvent = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  category: z.string().min(1),
  source: EventSource,
  /** Five-colour warning (五色预警): 1 blue … 5 red. */
  severity: z.number().int().min(1).max(5),
  state: EventState,
  gridCode: GridCode,
  position: LonLat,
  address: z.string(),
  reportedAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
});
export type GridEvent = z.infer<typeof GridEvent>;

/** The town's own ground, drawn as vector layers because no imagery is available offline. */
export const MapFeatureKind = z.enum(['road', 'water', 'green', 'block']);
export type MapFeatureKind = z.infer<typeof MapFeatureKind>;

export const MapFeature = z.discriminatedUnion('shape', [
  z.object({
    id: z.string().min(1),
    kind: MapFeatureKind,
    /** road: 'primary' | 'secondary' | 'street'; water: 'river' | 'canal' | 'lake'. */
    class: z.string(),
    name: z.string().nullable(),
    shape: z.literal('line'),
    /** Width in metres for lines (roads, canals). */
    widthM: z.number().positive(),
    coords: Polyline,
  }),
  z.object({
    id: z.string().min(1),
    kind: MapFeatureKind,
    class: z.string(),
    name: z.string().nullable(),
    shape: z.literal('polygon'),
    coords: Ring,
  }),
]);
export type MapFeature = z.infer<typeof MapFeature>;

export const LinkState = z.enum(['online', 'degraded', 'offline']);
export type LinkState = z.infer<typeof LinkState>;

export const CountyInfo = z.object({
  code: z.string().regex(/^\d{6}$/),
  name: z.string().min(1),
  nameEn: z.string().min(1),
  center: LonLat,
});
export type CountyInfo = z.infer<typeof CountyInfo>;
