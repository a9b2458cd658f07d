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

/**
 * Who acts. The five seat roles: duty commander 值班长, duty director 轮值主任, department liaison 部门联络员,
 * administrator 系统管理员 (roster and lists, never work orders), viewer 只读 (reads only). 'grid_worker'
 * acts only through the hub; 'system' is hub intake. What each may write: native/api/permissions.ts.
 */
export const ActorRole = z.enum([
  'duty_commander', 'duty_director', 'department_liaison', 'administrator', 'viewer', 'grid_worker', 'system',
]);
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

// ─── Issue 7: duty directors and emergency command ───────────────────────────────────────────────────────

/** A county calendar date (UTC+8), 'YYYY-MM-DD'. */
export const CountyDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD');
export type CountyDate = z.infer<typeof CountyDate>;

const DepartmentCode = z.string().regex(/^[a-z][a-z0-9_]*$/, 'department code must be lower_snake_case');

/** A department's fixed liaison (联络员): the person the duty director calls. */
export const Liaison = z.object({
  id: z.string().min(1),
  departmentCode: DepartmentCode,
  name: z.string().min(1),
  phone: z.string().min(1),
});
export type Liaison = z.infer<typeof Liaison>;

/** County-level or town-level duty. */
export const DutyLevel = z.enum(['county', 'town']);
export type DutyLevel = z.infer<typeof DutyLevel>;

/** Who is duty director (轮值主任) on one county date, at county level or for one town. */
export const RosterEntry = z.object({
  id: z.string().min(1),
  date: CountyDate,
  level: DutyLevel,
  /** The town (9-digit code) for level 'town'; null for level 'county'. */
  townCode: z.string().regex(/^\d{9}$/).nullable(),
  departmentCode: DepartmentCode,
  directorName: z.string().min(1),
  directorPhone: z.string().min(1),
});
export type RosterEntry = z.infer<typeof RosterEntry>;

/** A public holiday (法定节假日) day: covered by the enforcement & emergency bureau's holiday roster. */
export const Holiday = z.object({
  date: CountyDate,
  name: z.string().min(1),
  nameEn: z.string().min(1).optional(),
});
export type Holiday = z.infer<typeof Holiday>;

/** One event as the handover lists it. */
export const HandoverItem = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  state: EventState,
  department: z.string().min(1).nullable(),
});
export type HandoverItem = z.infer<typeof HandoverItem>;

/** What happened on the outgoing director's shift (交接班摘要), built from the cache. */
export const HandoverSummary = z.object({
  /** Shift start and end, epoch ms. */
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
  newEvents: z.array(HandoverItem),
  overdue: z.array(HandoverItem),
  escalated: z.array(HandoverItem),
  supervised: z.array(HandoverItem),
  incidentsOpen: z.number().int().nonnegative(),
  /** Free-form tallies (e.g. alarms, calls, closed). */
  counts: z.record(z.string(), z.number().int().nonnegative()),
});
export type HandoverSummary = z.infer<typeof HandoverSummary>;

/** A shift handover (交接班): written by the outgoing director, acknowledged by the incoming one. */
export const Handover = z.object({
  /** = the idempotency key the client chose (uuid). */
  id: z.string().min(1),
  date: CountyDate,
  level: DutyLevel,
  townCode: z.string().regex(/^\d{9}$/).nullable(),
  fromName: z.string().min(1),
  toName: z.string().min(1).nullable(),
  summary: HandoverSummary,
  remarks: z.string(),
  /** Hub time, epoch ms. */
  createdAt: z.number().int().nonnegative(),
  acknowledgedAt: z.number().int().nonnegative().nullable(),
  acknowledgedBy: z.string().min(1).nullable(),
});
export type Handover = z.infer<typeof Handover>;

/** Kinds of emergency (突发事件) the shipped plans cover. */
export const IncidentType = z.enum(['typhoon_flood', 'fire', 'hazchem_leak', 'mass_gathering', 'earthquake', 'epidemic']);
export type IncidentType = z.infer<typeof IncidentType>;

/** Response level Ⅰ–Ⅳ: 1 (Ⅰ) is the most severe. */
export const IncidentLevel = z.number().int().min(1).max(4);
export type IncidentLevel = z.infer<typeof IncidentLevel>;

export const IncidentState = z.enum(['active', 'stood_down']);
export type IncidentState = z.infer<typeof IncidentState>;

/** A declared emergency: the county (and every seat following it) is in wartime (战时) while it is active. */
export const Incident = z.object({
  id: z.string().min(1),
  type: IncidentType,
  title: z.string().min(1),
  level: IncidentLevel,
  position: LonLat,
  /** Wartime responsibility grids (战时责任网格) within this radius are activated. */
  radiusM: z.number().positive().max(50_000),
  gridCode: GridCode,
  declaredAt: z.number().int().nonnegative(),
  declaredBy: z.string().min(1),
  state: IncidentState,
  stoodDownAt: z.number().int().nonnegative().nullable(),
  planId: z.string().min(1),
  /** ≥ 1, +1 on every change. */
  version: z.number().int().min(1),
});
export type Incident = z.infer<typeof Incident>;

/** One step of an emergency plan: who does it, by when after the declaration. */
export const PlanStep = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  titleEn: z.string().min(1),
  /** Department.code of the owner. */
  owner: DepartmentCode,
  dueMinutes: z.number().int().positive(),
});
export type PlanStep = z.infer<typeof PlanStep>;

/** An emergency plan (应急预案) shipped as data (hub/plans.ts). */
export const EmergencyPlan = z.object({
  id: z.string().min(1),
  type: IncidentType,
  name: z.string().min(1),
  nameEn: z.string().min(1),
  steps: z.array(PlanStep).min(1),
});
export type EmergencyPlan = z.infer<typeof EmergencyPlan>;

export const IncidentLogKind = z.enum(['declared', 'step_done', 'step_reopened', 'note', 'call', 'alarm', 'stood_down']);
export type IncidentLogKind = z.infer<typeof IncidentLogKind>;

/** One line of an incident's timeline (immutable, never deleted). */
export const IncidentLogEntry = z.object({
  /** = the idempotency key the client chose (uuid). */
  id: z.string().min(1),
  incidentId: z.string().min(1),
  kind: IncidentLogKind,
  /** The plan step for step_done / step_reopened; null otherwise. */
  stepId: z.string().min(1).nullable(),
  text: z.string(),
  actor: Actor,
  /** Hub time, epoch ms. */
  at: z.number().int().nonnegative(),
  /** The seat's clock when the operator acted, epoch ms. */
  clientAt: z.number().int().nonnegative(),
});
export type IncidentLogEntry = z.infer<typeof IncidentLogEntry>;

/**
 * Every kind of write a seat can make, for the role table in native/api/permissions.ts. 'events.transition'
 * stands for all work-order actions (each action's own roles are in native/api/work-order.ts).
 */
export const WriteKind = z.enum([
  'events.transition', 'events.create', 'lists.setResponsibility', 'roster.edit', 'handover.create',
  'handover.acknowledge', 'incident.declare', 'incident.log', 'incident.standDown', 'calls.dial',
]);
export type WriteKind = z.infer<typeof WriteKind>;
