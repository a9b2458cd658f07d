// The Station API: the one contract between the renderer and the station, carried unchanged over a
// MessagePort (Electron) or a WebSocket (browser seat). Adding a method means adding it here first.
import { z } from 'zod';
import {
  ActionName, ActorRole, Building, Camera, CountyInfo, EmergencyPlan, EventAction, EventSource, EventState,
  Grid, GridCode, GridEvent, GridLevel, Handover, HandoverSummary, HandlingLevel, Incident, IncidentLogEntry, Liaison,
  LinkState, Lists, LonLat, MapFeature, Responsibility, RosterEntry, Worker,
} from './model.js';
import { PositionFix, SyncCollection } from '../sync/hub-protocol.js';
import {
  AlarmConfig, CameraId, RelayInfo, TileIndex, Tour, TourStep, WallId, WallLayout, WallPreset, WallState,
} from './video.js';
import { SeedParams, SeedProgress, TileCacheStatus, TileEndpoint } from './tiles.js';
import { CallInfo, CallOutcome, CallTarget, callMethods, Participant } from '../calls/protocol.js';

export const CONTRACT_VERSION = 1;

export const Counts = z.object({
  grids: z.number().int().nonnegative(),
  buildings: z.number().int().nonnegative(),
  cameras: z.number().int().nonnegative(),
  workers: z.number().int().nonnegative(),
  events: z.number().int().nonnegative(),
});
export type Counts = z.infer<typeof Counts>;

export const LinkStatus = z.object({
  state: LinkState,
  /** Epoch ms since the link has been in this state. */
  since: z.number().int().nonnegative(),
  /** Last measured round trip to the hub, ms; null before the first. */
  rttMs: z.number().nonnegative().nullable(),
  /** Why the link is not online, for the operator. */
  reason: z.string().nullable(),
});
export type LinkStatus = z.infer<typeof LinkStatus>;

/** A catch-up with the hub (at start and after every reconnect), page by page (issue 5). */
export const SyncProgress = z.object({
  /** Pages are being pulled now. */
  running: z.boolean(),
  /** The collection being pulled; null when idle. */
  collection: SyncCollection.nullable(),
  /** Rows written to the cache by this catch-up so far. */
  rows: z.number().int().nonnegative(),
  /** 0–1: how far the collections' cursors have moved towards the hub's sequence as it was at the start. */
  fraction: z.number().min(0).max(1),
  /** Changes the hub made since the last complete catch-up (an upper bound on rows to pull); null when unknown. */
  behind: z.number().int().nonnegative().nullable(),
  startedAt: z.number().int().nonnegative().nullable(),
  /** When the last catch-up completed; null while none has. */
  finishedAt: z.number().int().nonnegative().nullable(),
});
export type SyncProgress = z.infer<typeof SyncProgress>;

/** This seat's writes at a glance, for the link light and the offline banner (issue 5). */
export const OutboxSummary = z.object({
  /** Committed here, not yet taken by the hub. */
  pending: z.number().int().nonnegative(),
  /** Refused by the hub and not yet dropped: the operator has to fix or drop them. */
  rejected: z.number().int().nonnegative(),
  /** Client time of the oldest pending write; null when none waits. */
  oldestPendingAt: z.number().int().nonnegative().nullable(),
});
export type OutboxSummary = z.infer<typeof OutboxSummary>;

export const StationStatus = z.object({
  county: CountyInfo.nullable(),
  hubUrl: z.string(),
  embeddedHub: z.boolean(),
  link: LinkStatus,
  lastSyncAt: z.number().int().nonnegative().nullable(),
  counts: Counts,
});
export type StationStatus = z.infer<typeof StationStatus>;

/** A grid without its outline: what the grid tree needs. */
export const GridNode = Grid.pick({ code: true, name: true, level: true, parentCode: true, center: true });
export type GridNode = z.infer<typeof GridNode>;

export const GridDetail = z.object({
  grid: Grid,
  path: z.array(GridNode),
  childCount: z.number().int().nonnegative(),
  workers: z.array(Worker),
  cameras: z.array(Camera),
  buildingCount: z.number().int().nonnegative(),
  openEvents: z.array(GridEvent),
  openEventCount: z.number().int().nonnegative(),
});
export type GridDetail = z.infer<typeof GridDetail>;

export const BBox = z
  .object({ west: z.number(), south: z.number(), east: z.number(), north: z.number() })
  .refine((b) => b.west <= b.east && b.south <= b.north, 'bbox must have west ≤ east and south ≤ north');
export type BBox = z.infer<typeof BBox>;

const NoParams = z.object({}).strict();

// ---- The closed event loop (issue 4) ----

/** A grid worker near an event, nearest first. */
export const NearWorker = z.object({ worker: Worker, distanceM: z.number().nonnegative() });
export type NearWorker = z.infer<typeof NearWorker>;

export const EventSort = z.enum(['deadline', 'reported']);
export type EventSort = z.infer<typeof EventSort>;

/** Filters of the event list; every one is optional and they combine with AND. */
export const EventListParams = z.object({
  states: z.array(EventState).max(20).optional(),
  sources: z.array(EventSource).max(10).optional(),
  categories: z.array(z.string().min(1)).max(100).optional(),
  /** A town's 9-digit code: events in any grid under it. */
  townCode: z.string().regex(/^\d{9}$/, 'townCode must have 9 digits').optional(),
  department: z.string().min(1).optional(),
  /** true: only open events past their deadline; false: only those that are not. */
  overdue: z.boolean().optional(),
  supervised: z.boolean().optional(),
  /** Matched against title, address and description. */
  text: z.string().trim().min(1).max(50).optional(),
  /** 'deadline': soonest deadline first (none last); 'reported': newest first. Overdue and supervised float to the top either way. */
  sort: EventSort.default('deadline'),
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
}).strict();
export type EventListParams = z.input<typeof EventListParams>;

export const EventDetail = z.object({
  event: GridEvent,
  /** The immutable timeline, oldest first. */
  actions: z.array(EventAction),
  /** The event's grid and its ancestors, county first. */
  path: z.array(GridNode),
  camera: Camera.nullable(),
  nearestWorkers: z.array(NearWorker),
});
export type EventDetail = z.infer<typeof EventDetail>;

/** A write at this seat: committed to the local outbox first, then sent to the hub. */
export const OutboxState = z.enum(['pending', 'sent', 'rejected', 'dropped']);
export type OutboxState = z.infer<typeof OutboxState>;

export const OutboxError = z.object({ code: z.string().min(1), message: z.string() });
export type OutboxError = z.infer<typeof OutboxError>;

export const OutboxEntry = z.object({
  /** Idempotency key (uuid); for a transition it becomes the EventAction id. */
  key: z.string().min(1),
  /** transition/create: work orders (issue 4); the rest: duty and incident writes (issue 7). */
  kind: z.enum(['transition', 'create', 'roster', 'handover', 'handover_ack', 'incident_declare', 'incident_log', 'incident_stand_down']),
  /** null for a manual intake until the hub has created the event, and for every non-event write. */
  eventId: z.string().min(1).nullable(),
  /** The action name, or 'create' for a manual intake. */
  action: z.string().min(1),
  state: OutboxState,
  attempts: z.number().int().nonnegative(),
  /** Why the hub refused it (or the last network failure while pending). */
  error: OutboxError.nullable(),
  clientAt: z.number().int().nonnegative(),
  createdAt: z.number().int().nonnegative(),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

export const WriteAccepted = z.object({ key: z.string().min(1), outbox: z.literal('pending') });
export type WriteAccepted = z.infer<typeof WriteAccepted>;

export const TransitionParams = z.object({
  eventId: z.string().min(1),
  action: ActionName,
  reason: z.string().trim().min(1).max(500).nullable().default(null),
  payload: z.record(z.string(), z.unknown()).default({}),
  /** The event version the operator saw; the hub refuses the action (409) if it moved on. */
  expectedVersion: z.number().int().min(1),
}).strict();

export const CreateEventParams = z.object({
  title: z.string().trim().min(1).max(100),
  category: z.string().min(1),
  severity: z.number().int().min(1).max(5),
  gridCode: GridCode,
  position: LonLat,
  address: z.string().max(200).default(''),
  description: z.string().max(2000).default(''),
  reporter: z.string().max(100).nullable().default(null),
}).strict();


/** Smart dispatch (native/api/routing.ts suggestRoute) plus the department's name for the dialog. */
export const RouteSuggestion = z.object({
  department: z.string().min(1),
  departmentName: z.string().nullable(),
  level: HandlingLevel,
  deadlineAt: z.number().int().nonnegative(),
  /** After severity scaling, hours. */
  timeLimitHours: z.number().positive(),
  /** The responsibility list's own limit, hours. */
  baseHours: z.number().positive(),
});
export type RouteSuggestion = z.infer<typeof RouteSuggestion>;

export const StatsRange = z.enum(['today', 'week', 'month']);
export type StatsRange = z.infer<typeof StatsRange>;

export const Dashboard = z.object({
  range: StatsRange,
  /** The window in epoch ms, boundaries in UTC+8 (Asia/Shanghai). */
  from: z.number().int(),
  to: z.number().int(),
  /** Events reported in the window. */
  intake: z.number().int().nonnegative(),
  /** Of those, how many are closed (verified, evaluated, archived). */
  closed: z.number().int().nonnegative(),
  /** closed / intake, 0–1; null when nothing came in. */
  closureRate: z.number().min(0).max(1).nullable(),
  /** Shares (0–1) of the closed ones by handling level; all 0 when none closed. */
  resolvedByLevel: z.object({ village: z.number(), town: z.number(), county: z.number() }),
  /** Open events past their deadline now, by department (null = not yet dispatched) and by town. */
  overdueByDepartment: z.array(z.object({ department: z.string().nullable(), name: z.string(), count: z.number().int() })),
  overdueByTown: z.array(z.object({ townCode: z.string(), name: z.string(), count: z.number().int() })),
  /** Mean reportedAt → closedAt of the events closed in the window, ms; null when none. */
  avgHandlingMs: z.number().nonnegative().nullable(),
  /** All open events now, by state. */
  openByState: z.record(z.string(), z.number().int().nonnegative()),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const SeatIdentity = z.object({
  name: z.string().trim().min(1).max(50),
  role: ActorRole.exclude(['grid_worker', 'system']),
  seatId: z.string().trim().min(1).max(50),
  /** When the operator signed in at this seat (duty.signIn), epoch ms; null/absent = nobody signed in. */
  signedInAt: z.number().int().nonnegative().nullable().optional(),
  /** A department liaison's department: department dispatch calls (视频调度) ring this seat. */
  departmentCode: z.string().trim().min(1).max(50).nullable().optional(),
});
export type SeatIdentity = z.infer<typeof SeatIdentity>;

// ---- Duty directors and emergency command (issue 7) ----

const DateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD');

/** A department with its fixed liaison (联络员); liaison null when the list names none. */
export const DepartmentLiaison = z.object({
  departmentCode: z.string().min(1),
  departmentName: z.string(),
  departmentNameEn: z.string(),
  liaison: Liaison.nullable(),
});
export type DepartmentLiaison = z.infer<typeof DepartmentLiaison>;

/** Who is on duty today (county date, UTC+8). county null until the roster has been pulled. */
export const DutyToday = z.object({
  date: DateString,
  county: RosterEntry.nullable(),
  towns: z.array(RosterEntry),
  liaisons: z.array(DepartmentLiaison),
  /** The operator signed in at this seat, null when nobody is. */
  operator: z.object({ name: z.string(), role: ActorRole, signedInAt: z.number().int().nonnegative() }).nullable(),
});
export type DutyToday = z.infer<typeof DutyToday>;

/** Daily coordination: what one department owes now. */
export const DepartmentWorkload = z.object({
  departmentCode: z.string().min(1),
  departmentName: z.string(),
  departmentNameEn: z.string(),
  overdue: z.number().int().nonnegative(),
  /** Open, not overdue, deadline before the end of today (UTC+8). */
  dueToday: z.number().int().nonnegative(),
  supervised: z.number().int().nonnegative(),
  /** The overdue, due-today and supervised events, overdue first (capped at 50). */
  items: z.array(GridEvent),
  liaison: Liaison.nullable(),
});
export type DepartmentWorkload = z.infer<typeof DepartmentWorkload>;

export const NearCamera = z.object({ camera: Camera, distanceM: z.number().nonnegative() });
export type NearCamera = z.infer<typeof NearCamera>;

/** A department that owns steps of the incident's plan, with its liaison to call. */
export const ResponsibleDepartment = z.object({
  departmentCode: z.string().min(1),
  departmentName: z.string(),
  departmentNameEn: z.string(),
  liaison: Liaison.nullable(),
  /** The plan steps it owns. */
  stepIds: z.array(z.string()),
});
export type ResponsibleDepartment = z.infer<typeof ResponsibleDepartment>;

/** A plan step's progress, derived from the incident log (last step_done/step_reopened wins). */
export const StepProgress = z.object({
  stepId: z.string(),
  done: z.boolean(),
  /** When it was last marked done; null when open. */
  doneAt: z.number().int().nonnegative().nullable(),
  /** declaredAt + dueMinutes. */
  dueAt: z.number().int().nonnegative(),
});
export type StepProgress = z.infer<typeof StepProgress>;

/** Everything the incident workspace shows. */
export const IncidentWorkspace = z.object({
  incident: Incident,
  plan: EmergencyPlan.nullable(),
  steps: z.array(StepProgress),
  /** The timeline, oldest first. */
  log: z.array(IncidentLogEntry),
  /** Unit grids within the radius (战时责任网格). */
  wartimeGrids: z.array(GridNode),
  cameras: z.array(NearCamera),
  workers: z.array(NearWorker),
  departments: z.array(ResponsibleDepartment),
});
export type IncidentWorkspace = z.infer<typeof IncidentWorkspace>;

export const DeclareIncidentParams = z.object({
  type: Incident.shape.type,
  title: z.string().trim().min(1).max(100),
  level: Incident.shape.level,
  position: LonLat,
  radiusM: z.number().positive().max(50_000),
  /** The grid at the position; found from the cache when absent. */
  gridCode: GridCode.optional(),
}).strict();

export const IncidentLogParams = z.object({
  incidentId: z.string().min(1),
  kind: z.enum(['step_done', 'step_reopened', 'note', 'call', 'alarm']),
  stepId: z.string().min(1).nullable().default(null),
  text: z.string().trim().max(1000).default(''),
}).strict();

/** A file for the renderer to save. */
export const FileResult = z.object({ filename: z.string().min(1), base64: z.string() });

// ---- Video dispatch calls (issue 6): the station holds the seat's call socket to the hub ----

/** This seat's side of video dispatch: whether the hub's call service is reachable, and the calls it is in. */
export const CallsStatus = z.object({
  available: z.boolean(),
  /** Why calls are unavailable, bilingual ("中文 / English"); null when available. */
  reason: z.string().nullable(),
  /** This seat's participant key (`seat:<seatId>`) once the hub has greeted it; null before. */
  selfKey: z.string().nullable(),
  /** Live calls this seat is in or is rung by, oldest first. */
  calls: z.array(CallInfo),
});
export type CallsStatus = z.infer<typeof CallsStatus>;

/** One call as this seat saw it last (通话记录), kept in the seat's SQLite. */
export const CallLogRow = z.object({
  id: z.string().min(1),
  eventId: z.string().nullable(),
  title: z.string(),
  initiator: z.string().min(1),
  participants: z.array(Participant),
  createdAt: z.number().int(),
  answeredAt: z.number().int().nullable(),
  endedAt: z.number().int().nullable(),
  outcome: CallOutcome.nullable(),
  /** answeredAt → endedAt in whole seconds; null while unanswered or still running. */
  durationS: z.number().int().nonnegative().nullable(),
});
export type CallLogRow = z.infer<typeof CallLogRow>;

/** The signalling methods a renderer's MediaSession sends through the station (calls.sfu). */
export const SFU_METHODS = [
  'media.capabilities', 'transport.create', 'transport.connect', 'transport.close', 'produce', 'producer.pause',
  'producer.resume', 'producer.close', 'consume', 'consumer.resume', 'consumer.layers', 'consumer.close',
] as const;
export type SfuMethod = (typeof SFU_METHODS)[number];

// The casts keep each method's own schema: indexing with a generic key would otherwise widen to every method's.
type SfuSpec<M extends SfuMethod> = (typeof callMethods)[M];
const sfuRequest = <M extends SfuMethod>(method: M) =>
  z.object({ method: z.literal(method), params: callMethods[method].params as SfuSpec<M>['params'] }).strict();
const sfuAnswer = <M extends SfuMethod>(method: M) =>
  z.object({ method: z.literal(method), result: callMethods[method].result as SfuSpec<M>['result'] }).strict();

export const SfuRequest = z.discriminatedUnion('method', [
  sfuRequest('media.capabilities'), sfuRequest('transport.create'), sfuRequest('transport.connect'), sfuRequest('transport.close'),
  sfuRequest('produce'), sfuRequest('producer.pause'), sfuRequest('producer.resume'), sfuRequest('producer.close'),
  sfuRequest('consume'), sfuRequest('consumer.resume'), sfuRequest('consumer.layers'), sfuRequest('consumer.close'),
]);
export type SfuRequest = z.input<typeof SfuRequest>;

/** The hub's answer tagged with its method: several results share a shape ({}), so an untagged union could not tell them apart. */
export const SfuAnswer = z.discriminatedUnion('method', [
  sfuAnswer('media.capabilities'), sfuAnswer('transport.create'), sfuAnswer('transport.connect'), sfuAnswer('transport.close'),
  sfuAnswer('produce'), sfuAnswer('producer.pause'), sfuAnswer('producer.resume'), sfuAnswer('producer.close'),
  sfuAnswer('consume'), sfuAnswer('consumer.resume'), sfuAnswer('consumer.layers'), sfuAnswer('consumer.close'),
]);
export type SfuAnswer = z.infer<typeof SfuAnswer>;

/** A wall tile showing a call participant's video holds `call:<participantKey>` where a camera id would be. */
export const CALL_TILE_PREFIX = 'call:';
export function callTileId(participantKey: string): string {
  return `${CALL_TILE_PREFIX}${participantKey}`;
}
/** The participant key of a call tile's id; null for a camera id. */
export function callTileKey(tileId: string): string | null {
  return tileId.startsWith(CALL_TILE_PREFIX) && tileId.length > CALL_TILE_PREFIX.length ? tileId.slice(CALL_TILE_PREFIX.length) : null;
}

const CallIdParams = z.object({ callId: z.string().min(1).max(100) }).strict();

/** Every request: its params and its result. */
export const methods = {
  'station.status': { params: NoParams, result: StationStatus },
  'grids.tree': { params: NoParams, result: z.array(GridNode) },
  'grids.search': {
    params: z.object({ query: z.string().trim().min(1).max(50), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    result: z.array(GridNode),
  },
  'grids.detail': { params: z.object({ code: GridCode }).strict(), result: GridDetail },
  'grids.shapes': { params: z.object({ level: GridLevel }).strict(), result: z.array(Grid) },
  'map.basemap': { params: NoParams, result: z.array(MapFeature) },
  'map.buildings': { params: NoParams, result: z.array(Building) },
  'cameras.list': { params: NoParams, result: z.array(Camera) },
  'cameras.inView': { params: z.object({ bbox: BBox }).strict(), result: z.array(Camera) },
  'cameras.get': { params: z.object({ id: z.string().min(1) }).strict(), result: Camera },
  'workers.list': { params: NoParams, result: z.array(Worker) },
  'workers.get': { params: z.object({ id: z.string().min(1) }).strict(), result: Worker },
  'workers.inGrid': { params: z.object({ code: GridCode }).strict(), result: z.array(Worker) },
  'events.open': {
    params: z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    result: z.array(GridEvent),
  },
  'events.list': { params: EventListParams, result: z.object({ items: z.array(GridEvent), total: z.number().int().nonnegative() }) },
  'events.detail': { params: z.object({ id: z.string().min(1) }).strict(), result: EventDetail },
  /** Pre-checked with the state machine here (a refusal writes nothing), then outbox, then hub; the outcome arrives on topic 'outbox'. */
  'events.transition': { params: TransitionParams, result: WriteAccepted },
  /** Manual intake (source 'manual'), through the outbox like every write. */
  'events.create': { params: CreateEventParams, result: WriteAccepted },
  'events.nearestWorkers': {
    params: z.object({ id: z.string().min(1), limit: z.number().int().min(1).max(50).default(5) }).strict(),
    result: z.array(NearWorker),
  },
  'lists.get': { params: NoParams, result: Lists },
  /** Smart dispatch: the department and deadline the responsibility list gives; unknown category → bad_params. */
  'lists.route': {
    params: z.object({
      category: z.string().min(1), severity: z.number().int().min(1).max(5), gridCode: GridCode,
      /** The event's handling level; village when absent. */
      level: HandlingLevel.default('village'),
    }).strict(),
    result: RouteSuggestion,
  },
  /**
   * An administrator's edit of one row of the responsibility list (部门事件责任清单): duty director only
   * (else forbidden_role). Sent to the hub at once, not through the outbox: a list edit made offline and
   * replayed later could silently undo a newer one, so offline it fails with hub_unreachable. The cache
   * takes the hub's answer; the result is the row as the hub saved it.
   */
  'lists.setResponsibility': { params: z.object({ responsibility: Responsibility }).strict(), result: Responsibility },
  'stats.dashboard': { params: z.object({ range: StatsRange }).strict(), result: Dashboard },
  /** The bulletin (日督导/周通报) as an XLSX file. */
  'stats.bulletin': {
    params: z.object({ range: StatsRange, format: z.literal('xlsx').default('xlsx') }).strict(),
    result: z.object({ filename: z.string().min(1), base64: z.string() }),
  },
  'outbox.list': {
    params: z.object({ states: z.array(OutboxState).optional(), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    result: z.array(OutboxEntry),
  },
  /** The operator gives up on a rejected write: it is kept, marked 'dropped'. */
  'outbox.drop': { params: z.object({ key: z.string().min(1) }).strict(), result: OutboxEntry },
  'seat.identity': { params: NoParams, result: SeatIdentity },
  'seat.setIdentity': { params: SeatIdentity, result: SeatIdentity },
  // -- duty (issue 7). Every write: can(role, write) pre-check (forbidden_role, nothing written), then the outbox.
  'duty.today': { params: NoParams, result: DutyToday },
  'duty.roster': { params: z.object({ from: DateString, to: DateString }).strict(), result: z.array(RosterEntry) },
  /** administrator only ('roster.edit'). */
  'duty.setRoster': { params: z.object({ entry: RosterEntry }).strict(), result: WriteAccepted },
  /** The seat's operator signs in: stored in the seat identity (name, signedInAt) and logged at the seat. */
  'duty.signIn': { params: z.object({ name: z.string().trim().min(1).max(50) }).strict(), result: SeatIdentity },
  'duty.signOut': { params: NoParams, result: SeatIdentity },
  /** The summary of the current shift (since the last handover at this level, else 08:30 UTC+8 today). */
  'handover.draft': { params: NoParams, result: HandoverSummary },
  /** duty_director ('handover.create'); key = the handover's id. */
  'handover.submit': {
    params: z.object({ remarks: z.string().max(2000).default(''), toName: z.string().trim().min(1).max(50).nullable().default(null) }).strict(),
    result: WriteAccepted,
  },
  /** Handovers not yet acknowledged, newest first. */
  'handover.pending': { params: NoParams, result: z.array(Handover) },
  'handover.list': { params: z.object({ limit: z.number().int().min(1).max(200).default(30) }).strict(), result: z.array(Handover) },
  /** duty_director ('handover.acknowledge'). */
  'handover.acknowledge': { params: z.object({ id: z.string().min(1) }).strict(), result: WriteAccepted },
  'coordination.byDepartment': { params: NoParams, result: z.array(DepartmentWorkload) },
  /** The county's active incident (newest declared), or null in peacetime. */
  'incident.active': { params: NoParams, result: IncidentWorkspace.nullable() },
  /** Any incident's workspace, stood down or not (its kept record). */
  'incident.get': { params: z.object({ id: z.string().min(1) }).strict(), result: IncidentWorkspace },
  'incident.list': { params: z.object({ limit: z.number().int().min(1).max(200).default(50) }).strict(), result: z.array(Incident) },
  /** duty_commander, duty_director ('incident.declare'); key = the incident's id. */
  'incident.declare': { params: DeclareIncidentParams, result: WriteAccepted },
  /** step_done, step_reopened, note, call, alarm ('incident.log'); key = the log entry's id. */
  'incident.log': { params: IncidentLogParams, result: WriteAccepted },
  /** duty_director ('incident.standDown'); reason goes into the log. */
  'incident.standDown': { params: z.object({ incidentId: z.string().min(1), reason: z.string().trim().min(1).max(500) }).strict(), result: WriteAccepted },
  /** The incident's full record as XLSX. */
  'incident.report': { params: z.object({ id: z.string().min(1) }).strict(), result: FileResult },
  // -- video wall (issue 3). Wall state, presets and tours live in the seat's SQLite; every change is published on 'wall'.
  /** Where the renderer opens video sockets: a ws:// URL or a path on the page's origin, carrying the token. */
  'video.endpoint': { params: NoParams, result: z.object({ url: z.string().min(1) }) },
  /** The relays (one ffmpeg each) running now. */
  'video.relays': { params: NoParams, result: z.array(RelayInfo) },
  /** Every wall this seat drives (wall 1 always exists). */
  'wall.list': { params: NoParams, result: z.array(WallState) },
  /** A wall's state; an unknown wall id (1–16) is created empty with layout 4. */
  'wall.get': { params: z.object({ wallId: WallId }).strict(), result: WallState },
  /** Tiles beyond the new layout's count are dropped; the rest keep their cameras. */
  'wall.setLayout': { params: z.object({ wallId: WallId, layout: WallLayout }).strict(), result: WallState },
  /** Put a camera (or nothing) on a tile; an unknown camera → not_found, a tile outside the layout → bad_params. */
  'wall.assign': { params: z.object({ wallId: WallId, tile: TileIndex, cameraId: CameraId.nullable() }).strict(), result: WallState },
  /** Several cameras at once from `fromTile` on (a grid's cameras, an incident's nearest cameras). */
  'wall.fill': {
    params: z.object({ wallId: WallId, cameraIds: z.array(CameraId).min(1).max(64), fromTile: TileIndex.default(0) }).strict(),
    result: WallState,
  },
  'wall.maximize': { params: z.object({ wallId: WallId, tile: TileIndex.nullable() }).strict(), result: WallState },
  'wall.presets': { params: NoParams, result: z.array(WallPreset) },
  /** Saves the wall's layout and tiles under a name (same name → replaced). */
  'wall.savePreset': { params: z.object({ wallId: WallId, name: z.string().trim().min(1).max(50) }).strict(), result: WallPreset },
  'wall.applyPreset': { params: z.object({ wallId: WallId, presetId: z.string().min(1) }).strict(), result: WallState },
  'wall.deletePreset': { params: z.object({ presetId: z.string().min(1) }).strict(), result: z.object({ deleted: z.boolean() }) },
  'wall.tours': { params: NoParams, result: z.array(Tour) },
  'wall.saveTour': {
    params: z.object({
      id: z.string().min(1).nullable().default(null),
      name: z.string().trim().min(1).max(50),
      dwellS: z.number().int().min(3).max(3600),
      steps: z.array(TourStep).min(1).max(200),
    }).strict(),
    result: Tour,
  },
  'wall.deleteTour': { params: z.object({ tourId: z.string().min(1) }).strict(), result: z.object({ deleted: z.boolean() }) },
  /** Camera steps cycle `tile`; preset steps replace the whole wall. */
  'wall.startTour': { params: z.object({ wallId: WallId, tourId: z.string().min(1), tile: TileIndex.default(0) }).strict(), result: WallState },
  'wall.stopTour': { params: z.object({ wallId: WallId }).strict(), result: WallState },
  'wall.setAlarmConfig': { params: z.object({ wallId: WallId, config: AlarmConfig }).strict(), result: WallState },
  /** The operator has seen the alarm: the tile reverts now. */
  'wall.ackAlarm': { params: z.object({ wallId: WallId }).strict(), result: WallState },
  /** An AI alert's snapshot image (cached at the seat once seen, so it shows offline too). */
  'media.snapshot': {
    params: z.object({ eventId: z.string().min(1) }).strict(),
    result: z.object({ contentType: z.string(), base64: z.string() }),
  },
  // -- map tiles cache (issue 5): imagery tiles kept in the seat's SQLite (MBTiles layout), served to the map.
  /** Where the map asks for imagery tiles, the zooms and the extent that exist. */
  'tiles.endpoint': { params: NoParams, result: TileEndpoint },
  /** How many tiles the cache holds, their size, and the latest seed. */
  'tiles.status': { params: NoParams, result: TileCacheStatus },
  /** Fetches every tile of the county's extent at these zooms not yet cached; progress on 'tiles.progress'. Offline → hub_unreachable. */
  'tiles.seed': { params: SeedParams, result: SeedProgress },
  /** Stops a running seed (tiles fetched so far stay); false when none runs. */
  'tiles.cancelSeed': { params: NoParams, result: z.object({ cancelled: z.boolean() }) },
  // -- video dispatch calls (issue 6). Each goes to the hub at once; without it → hub_unreachable.
  'calls.status': { params: NoParams, result: CallsStatus },
  /** duty_commander, duty_director ('calls.dial'); rings every target, this seat joins. */
  'calls.dial': {
    params: z.object({
      targets: z.array(CallTarget).min(1).max(16),
      eventId: z.string().min(1).nullable().default(null),
      title: z.string().trim().max(100).default(''),
    }).strict(),
    result: CallInfo,
  },
  /** Rings more parties into a running call (group dispatch). */
  'calls.invite': { params: z.object({ callId: z.string().min(1).max(100), targets: z.array(CallTarget).min(1).max(16) }).strict(), result: CallInfo },
  'calls.answer': { params: CallIdParams, result: CallInfo },
  'calls.decline': { params: CallIdParams, result: CallInfo },
  'calls.leave': { params: CallIdParams, result: CallInfo },
  /** A MediaSession's signalling (transports, producers, consumers), forwarded to the hub as this seat. */
  'calls.sfu': { params: SfuRequest, result: SfuAnswer },
  /** The call log (通话记录), newest first. */
  'calls.log': { params: z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(), result: z.array(CallLogRow) },
} as const;
export type MethodName = keyof typeof methods;
export type Params<M extends MethodName> = z.input<(typeof methods)[M]['params']>;
export type Result<M extends MethodName> = z.infer<(typeof methods)[M]['result']>;

/** Every subscription topic and what it carries. */
export const topics = {
  /** The link to the hub changed state. */
  link: LinkStatus,
  /** A batch of grid-worker positions (all that moved since the last batch). */
  'workers.positions': z.object({ t: z.number().int(), items: z.array(PositionFix) }),
  /** Rows of a collection changed in the cache (after a sync pull). */
  'data.changed': z.object({
    collection: z.enum([
      'grids', 'buildings', 'cameras', 'workers', 'events', 'basemap',
      'event_actions', 'departments', 'collection_items', 'responsibilities',
      'liaisons', 'roster', 'handovers', 'incidents', 'incident_log', 'plans',
    ]),
    count: z.number().int().nonnegative(),
  }),
  /** A write in the outbox changed state: pending → sent | rejected (with why) | dropped. */
  outbox: z.object({
    key: z.string().min(1),
    eventId: z.string().min(1).nullable(),
    action: z.string().min(1),
    state: OutboxState,
    error: OutboxError.nullable(),
    /** sent: the event as the hub left it; rejected with a conflict: the event as it is now. */
    event: GridEvent.nullable(),
    /** rejected with a conflict: what happened meanwhile (the winner's actions). */
    since: z.array(EventAction),
  }),
  /**
   * The county's incidents changed (declared, log entry, stood down): active is the active incident now
   * (null = peacetime); every seat follows it into (or out of) the incident workspace.
   */
  incident: z.object({ active: Incident.nullable(), changedIds: z.array(z.string()) }),
  /** A wall changed (layout, tile, preset, tour step, alarm up or down). */
  wall: WallState,
  /** A tile pre-seed's progress (issue 5): while it runs, and once when it ends. */
  'tiles.progress': SeedProgress,
  /** Catch-up progress: at each page, and when a catch-up starts and ends (a snapshot on subscribe). */
  'sync.progress': SyncProgress,
  /** Pending and rejected counts of this seat's outbox, after every change (a snapshot on subscribe). */
  'outbox.summary': OutboxSummary,
  /** Video dispatch: the same as calls.status, after every change (a snapshot on subscribe). */
  calls: CallsStatus,
} as const;
export type TopicName = keyof typeof topics;
export type TopicData<T extends TopicName> = z.infer<(typeof topics)[T]>;

export const MethodNameSchema = z.enum(Object.keys(methods) as [MethodName, ...MethodName[]]);
export const TopicNameSchema = z.enum(Object.keys(topics) as [TopicName, ...TopicName[]]);

/** Frames from a renderer to the station. `method`/`topic` are checked against the tables above by the host. */
export const ClientFrame = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('req'), id: z.number().int().nonnegative(), method: z.string(), params: z.unknown() }),
  z.object({ kind: z.literal('sub'), topic: z.string() }),
  z.object({ kind: z.literal('unsub'), topic: z.string() }),
]);
export type ClientFrame = z.infer<typeof ClientFrame>;

export const ErrorCode = z.enum([
  'bad_frame', 'unknown_method', 'unknown_topic', 'bad_params', 'not_found', 'unauthorized', 'internal',
  // The state machine's refusals (native/api/work-order.ts), checked at the seat before anything is written.
  'forbidden_transition', 'forbidden_role', 'missing_reason', 'bad_payload', 'version_conflict',
  // A write that must reach the hub now (a list edit) could not: nothing changed.
  'hub_unreachable',
  // Video dispatch (issue 6): the hub's call service refused, e.g. a participant not in the state asked for,
  // or its SFU (mediasoup) is not installed or not running.
  'wrong_state', 'sfu_unavailable',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const StationError = z.object({ code: ErrorCode, message: z.string() });
export type StationError = z.infer<typeof StationError>;

/**
 * Frames from the station to a renderer. A plain union: zod 4's discriminatedUnion refuses two members
 * with the same discriminator ('res' ok and 'res' error) and throws on every parse.
 */
export const ServerFrame = z.union([
  z.object({ kind: z.literal('hello'), contract: z.literal(CONTRACT_VERSION) }),
  z.object({ kind: z.literal('res'), id: z.number().int().nonnegative(), ok: z.literal(true), result: z.unknown() }),
  z.object({ kind: z.literal('res'), id: z.number().int().nonnegative().nullable(), ok: z.literal(false), error: StationError }),
  z.object({ kind: z.literal('evt'), topic: z.string(), data: z.unknown() }),
]);
export type ServerFrame = z.infer<typeof ServerFrame>;
