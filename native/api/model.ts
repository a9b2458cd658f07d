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

/**
 * Work-order states of the closed loop (闭环). Supervision (督办) is not a state but a flag on the event
 * (`supervised`): the work goes on under it. Open = not archived and not merged.
 */
export const EventState = z.enum([
  'reported', 'accepted', 'dispatched', 'in_progress', 'handled', 'verified', 'evaluated', 'archived',
  'returned', 'escalated', 'reopened', 'merged',
]);
export type EventState = z.infer<typeof EventState>;

/** Handling level (小事不出村, 大事不出镇): who owns the work order. */
export const HandlingLevel = z.enum(['village', 'town', 'county']);
export type HandlingLevel = z.infer<typeof HandlingLevel>;

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
  /** Responsible department (Department.code) once dispatched; null before. */
  department: z.string().min(1).nullable(),
  level: HandlingLevel,
  /** Epoch ms by which the work must be done (限时办结); null until dispatched. */
  deadlineAt: z.number().int().nonnegative().nullable(),
  /** Under supervision (督办): a flag, the state goes on. */
  supervised: z.boolean(),
  /** The event this duplicate was merged into (state 'merged'). */
  mergedInto: z.string().min(1).nullable(),
  /** AI video alerts: the camera that raised it. */
  cameraId: z.string().min(1).nullable(),
  /** An image URL path served by the hub (e.g. /api/v1/snapshots/<id>.svg), or null. */
  snapshot: z.string().min(1).nullable(),
  /** AI detection type (e.g. 'street_vending'), or null for human reports. */
  detection: z.string().min(1).nullable(),
  /** Who reported it (grid worker name, hotline caller, …), or null. */
  reporter: z.string().nullable(),
  description: z.string(),
  /** Satisfaction rating 1–5 given at evaluation (评价). */
  rating: z.number().int().min(1).max(5).nullable(),
  /** Epoch ms when the work was closed (verified). */
  closedAt: z.number().int().nonnegative().nullable(),
  /** Optimistic concurrency: ≥ 1, +1 on every applied action. */
  version: z.number().int().min(1),
});
export type GridEvent = z.infer<typeof GridEvent>;

/** A department work orders are routed to (责任单位). */
export const Department = z.object({
  /** Stable key, e.g. 'urban_mgmt'. */
  code: z.string().regex(/^[a-z][a-z0-9_]*$/, 'department code must be lower_snake_case'),
  name: z.string().min(1),
  nameEn: z.string().min(1),
  level: HandlingLevel,
});
export type Department = z.infer<typeof Department>;

/** One item of the collection list (网格事项采集清单): what grid workers may report. */
export const CollectionItem = z.object({
  /** Stable key stored in GridEvent.category, e.g. 'street_vending'. */
  category: z.string().regex(/^[a-z][a-z0-9_]*$/, 'category must be lower_snake_case'),
  name: z.string().min(1),
  nameEn: z.string().min(1),
  /** Group key, e.g. 'city_appearance'. */
  group: z.string().regex(/^[a-z][a-z0-9_]*$/, 'group must be lower_snake_case'),
  groupName: z.string().min(1),
  groupNameEn: z.string().min(1),
});
export type CollectionItem = z.infer<typeof CollectionItem>;

/**
 * One row of the department responsibility list (部门事件责任清单): category × level → department and time
 * limit. The deadline scales the limit by severity (see native/api/routing.ts).
 */
export const Responsibility = z.object({
  category: z.string().min(1),
  level: HandlingLevel,
  department: z.string().min(1),
  timeLimitHours: z.number().positive().max(24 * 90),
});
export type Responsibility = z.infer<typeof Responsibility>;

/** Who acts on a work order. 'grid_worker' acts only through the hub; 'system' is hub intake. */
export const ActorRole = z.enum(['duty_commander', 'duty_director', 'department_liaison', 'grid_worker', 'system']);
export type ActorRole = z.infer<typeof ActorRole>;

export const Actor = z.object({
  role: ActorRole,
  name: z.string().min(1),
  /** The seat the action was made at; null for the hub, grid workers and departments off-seat. */
  seat: z.string().min(1).nullable(),
});
export type Actor = z.infer<typeof Actor>;

export const ActionName = z.enum([
  'accept', 'merge', 'dispatch', 'return', 'start', 'feedback', 'verify', 'reopen', 'evaluate', 'archive',
  'escalate', 'hand_down', 'supervise',
]);
export type ActionName = z.infer<typeof ActionName>;

/** One applied action on a work order (the trace; immutable, never deleted). */
export const EventAction = z.object({
  /** = the idempotency key the client chose (uuid). */
  id: z.string().min(1),
  eventId: z.string().min(1),
  action: ActionName,
  fromState: EventState,
  toState: EventState,
  actor: Actor,
  reason: z.string().nullable(),
  /** Validated per action (native/api/work-order.ts). */
  payload: z.record(z.string(), z.unknown()),
  /** Hub time, epoch ms. */
  at: z.number().int().nonnegative(),
  /** The seat's clock when the operator acted, epoch ms. */
  clientAt: z.number().int().nonnegative(),
  /** The event's version after this action. */
  version: z.number().int().min(1),
});
export type EventAction = z.infer<typeof EventAction>;

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

/** The three lists that drive routing, as the hub ships and syncs them. */
export const Lists = z.object({
  departments: z.array(Department),
  collectionItems: z.array(CollectionItem),
  responsibilities: z.array(Responsibility),
});
export type Lists = z.infer<typeof Lists>;
