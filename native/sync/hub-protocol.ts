// The wire protocol between a station and a hub (the county platform): HTTP pull with cursors plus a
// live WebSocket. The demo hub implements it; the station's sync client validates every message with it.
import { z } from 'zod';
import {
  ActionName, Actor, Building, Camera, CollectionItem, CountyDate, CountyInfo, Department, DutyLevel, EmergencyPlan, EventAction, Grid,
  GridCode, GridEvent, Handover, HandoverSummary, Incident, IncidentLevel, IncidentLogEntry, IncidentType, Liaison, LonLat, MapFeature,
  Responsibility, RosterEntry, Worker,
} from '../api/model.js';

export const HUB_PROTOCOL_VERSION = 1;

export const SyncCollection = z.enum([
  'grids', 'buildings', 'cameras', 'workers', 'events', 'basemap',
  /** The work orders' trace: every applied action, immutable. */
  'event_actions',
  /** The lists that drive routing (网格事项采集清单, 部门事件责任清单) and the departments they name. */
  'departments', 'collection_items', 'responsibilities',
  /** Issue 7. Departments' fixed liaisons (联络员); the duty roster (轮值主任, a window of 30 days back and 60 ahead). */
  'liaisons', 'roster',
  /** Shift handovers (交接班), created and then acknowledged. */
  'handovers',
  /** Declared emergencies: an 'active' one puts every seat that follows the county into wartime (战时). */
  'incidents',
  /** Every incident's timeline (immutable). */
  'incident_log',
  /** The emergency plans (应急预案), as shipped. */
  'plans',
]);
export type SyncCollection = z.infer<typeof SyncCollection>;

/** The row schema of each collection. */
export const collectionRow = {
  grids: Grid,
  buildings: Building,
  cameras: Camera,
  workers: Worker,
  events: GridEvent,
  basemap: MapFeature,
  event_actions: EventAction,
  departments: Department,
  collection_items: CollectionItem,
  responsibilities: Responsibility,
  liaisons: Liaison,
  roster: RosterEntry,
  handovers: Handover,
  incidents: Incident,
  incident_log: IncidentLogEntry,
  plans: EmergencyPlan,
} as const satisfies Record<SyncCollection, z.ZodType>;

export type CollectionRow = { [C in SyncCollection]: z.infer<(typeof collectionRow)[C]> };

/** `GET /api/v1/info` */
export const HubInfo = z.object({
  protocol: z.literal(HUB_PROTOCOL_VERSION),
  county: CountyInfo,
  serverTime: z.number().int(),
  /** The newest change sequence number across all collections. */
  seq: z.number().int().nonnegative(),
});
export type HubInfo = z.infer<typeof HubInfo>;

export const SYNC_PAGE_MAX = 5000;

/**
 * `GET /api/v1/sync/<collection>?after=<cursor>&limit=<n>`: rows changed after the cursor, oldest first.
 * Every change takes the next value of one hub-wide sequence, so `cursor` is the seq of the last row sent
 * (or `after` when none) and a station resumes from it after any break.
 */
export function syncPage<C extends SyncCollection>(collection: C) {
  return z.object({
    collection: z.literal(collection),
    rows: z.array(z.object({ seq: z.number().int().positive(), data: collectionRow[collection] })),
    cursor: z.number().int().nonnegative(),
    more: z.boolean(),
  });
}
export type SyncPage<C extends SyncCollection> = z.infer<ReturnType<typeof syncPage<C>>>;

export const PositionFix = z.object({
  id: z.string().min(1),
  position: LonLat,
  heading: z.number().min(0).max(360),
  fixAt: z.number().int().nonnegative(),
});
export type PositionFix = z.infer<typeof PositionFix>;

/** Messages the hub sends on `WS /api/v1/live`. */
export const HubLiveMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), serverTime: z.number().int(), seq: z.number().int().nonnegative() }),
  /** Live grid-worker positions, every few seconds. */
  z.object({ type: z.literal('positions'), t: z.number().int(), items: z.array(PositionFix) }),
  /** A collection has rows newer than `seq`: pull them. */
  z.object({ type: z.literal('changed'), collection: SyncCollection, seq: z.number().int().nonnegative() }),
  z.object({ type: z.literal('pong'), nonce: z.string().min(1), serverTime: z.number().int() }),
]);
export type HubLiveMessage = z.infer<typeof HubLiveMessage>;

/** Messages a station sends on `WS /api/v1/live`. */
export const StationLiveMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ping'), nonce: z.string().min(1) }),
]);
export type StationLiveMessage = z.infer<typeof StationLiveMessage>;

/** Every refusal the hub answers with (4xx/5xx): a stable code and a sentence for the operator. */
export const HubError = z.object({ error: z.object({ code: z.string().min(1), message: z.string() }) });
export type HubError = z.infer<typeof HubError>;

/** An idempotency key: the client makes one per write and sends it again on every retry. */
export const IdempotencyKey = z.uuid();

/**
 * `POST /api/v1/events/<id>/actions`: one transition of a work order, checked by the hub with
 * native/api/work-order.ts. Answers:
 * - 200 ActionApplied: applied now (the hub announces `changed` for events and event_actions), or this key
 *   was applied before (the stored result again; applied once);
 * - 409 ActionConflict: `expectedVersion` is not the event's version; nothing changed;
 * - 422 HubError: the state machine refused (code 'forbidden_transition', 'forbidden_role',
 *   'missing_reason', 'bad_payload'); nothing changed;
 * - 403 HubError 'forbidden_role': the actor's role may not act on work orders at all (native/api/permissions.ts
 *   `can(role, 'events.transition')`: administrators and viewers); nothing changed;
 * - 400 HubError 'bad_request' (body, or a key already used on another event), 404 'not_found' (no such event).
 */
export const ActionRequest = z.object({
  key: IdempotencyKey,
  action: ActionName,
  actor: Actor,
  reason: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  clientAt: z.number().int().nonnegative(),
  expectedVersion: z.number().int().min(1),
});
export type ActionRequest = z.infer<typeof ActionRequest>;

export const ActionApplied = z.object({
  applied: z.literal(true),
  /** The event as this action left it (on a replay: as it left it then). */
  event: GridEvent,
  action: EventAction,
});
export type ActionApplied = z.infer<typeof ActionApplied>;

export const ActionConflict = z.object({
  error: z.object({ code: z.literal('version_conflict'), message: z.string() }),
  /** The event as it is now. */
  event: GridEvent,
  /** The actions applied after `expectedVersion`, oldest first: what the other seat did. */
  since: z.array(EventAction),
});
export type ActionConflict = z.infer<typeof ActionConflict>;

/**
 * `POST /api/v1/events`: manual intake at a seat; creates a 'reported' event (201 IntakeCreated; the hub
 * picks id, level, times; the hub announces `changed` for events). Idempotent by key: a replay answers 200
 * with the event as it was created. 400 'bad_request' (body), 403 'forbidden_role' (`can(role, 'events.create')`
 * refuses: administrators, viewers), 422 'unknown_category' or 'unknown_grid'.
 */
export const IntakeRequest = z.object({
  key: IdempotencyKey,
  title: z.string().trim().min(1).max(200),
  category: z.string().min(1),
  severity: z.number().int().min(1).max(5),
  gridCode: GridCode,
  position: LonLat,
  address: z.string().max(300),
  description: z.string().max(4000),
  source: z.literal('manual'),
  /** Who called it in, when the operator notes it. */
  reporter: z.string().max(100).nullable().optional(),
  actor: Actor,
  clientAt: z.number().int().nonnegative(),
});
export type IntakeRequest = z.infer<typeof IntakeRequest>;

export const IntakeCreated = z.object({ created: z.literal(true), event: GridEvent });
export type IntakeCreated = z.infer<typeof IntakeCreated>;

/**
 * `PUT /api/v1/lists/responsibilities` (also `/responsibilities/<category>/<level>`, which must match the
 * body): an edit of one row of the responsibility list by the acting `actor`; body = ResponsibilityPutRequest.
 * 200 ResponsibilitySaved; 400 'bad_request'; 403 'forbidden_role' when `can(actor.role,
 * 'lists.setResponsibility')` says no; 422 'unknown_category' or 'unknown_department'.
 */
export const ResponsibilityPutRequest = z.object({ responsibility: Responsibility, actor: Actor }).strict();
export type ResponsibilityPutRequest = z.infer<typeof ResponsibilityPutRequest>;

export const ResponsibilitySaved = z.object({ responsibility: Responsibility, seq: z.number().int().positive() });
export type ResponsibilitySaved = z.infer<typeof ResponsibilitySaved>;

/** `GET /api/v1/snapshots/<eventId>.svg`: an AI alert's camera frame (image/svg+xml); 404 otherwise. */
export const SNAPSHOT_PATH_PREFIX = '/api/v1/snapshots/';

// ─── Issue 7: duty and emergency writes ──────────────────────────────────────────────────────────────────
//
// Every write below carries a uuid `key` (idempotent: the same key again answers 200 with the result the
// first call stored, changing nothing; a key already used for another write → 400 'bad_request'), the
// acting `actor` and the seat's `clientAt`. Common answers: 400 'bad_request' (body, or path and body
// disagree); 403 'forbidden_role' when native/api/permissions.ts `can(actor.role, write)` says no (nothing
// changed); 404 'not_found'. Each applied write announces `changed` for every collection it wrote.

const WriteBase = {
  key: IdempotencyKey,
  actor: Actor,
  clientAt: z.number().int().nonnegative(),
};

/**
 * `POST /api/v1/handovers` ('handover.create'): the outgoing director's handover; its id is the key.
 * 201 HandoverSaved (200 on a replay).
 */
export const HandoverCreateRequest = z.object({
  ...WriteBase,
  date: CountyDate,
  level: DutyLevel,
  /** The town for level 'town'; null for level 'county' (400 otherwise). */
  townCode: z.string().regex(/^\d{9}$/).nullable(),
  fromName: z.string().trim().min(1).max(100),
  toName: z.string().trim().min(1).max(100).nullable(),
  summary: HandoverSummary,
  remarks: z.string().max(4000),
});
export type HandoverCreateRequest = z.infer<typeof HandoverCreateRequest>;

/**
 * `POST /api/v1/handovers/<id>/ack` ('handover.acknowledge'): the incoming director acknowledges; the hub
 * stamps acknowledgedAt and acknowledgedBy = actor.name. 200 HandoverSaved; 404; 422 'already_acknowledged'
 * (by another key; the handover as it is comes back in the message only).
 */
export const HandoverAckRequest = z.object({ ...WriteBase });
export type HandoverAckRequest = z.infer<typeof HandoverAckRequest>;

export const HandoverSaved = z.object({ handover: Handover });
export type HandoverSaved = z.infer<typeof HandoverSaved>;

/**
 * `PUT /api/v1/roster/<date>/county` or `/roster/<date>/town/<townCode>` ('roster.edit', administrator):
 * who is duty director that day (the entry's id: native/api/duty.ts rosterId). 200 RosterSaved; 422 'unknown_department' or 'unknown_town'.
 */
export const RosterPutRequest = z.object({
  ...WriteBase,
  departmentCode: z.string().min(1),
  directorName: z.string().trim().min(1).max(100),
  directorPhone: z.string().trim().min(1).max(40),
});
export type RosterPutRequest = z.infer<typeof RosterPutRequest>;

export const RosterSaved = z.object({ entry: RosterEntry });
export type RosterSaved = z.infer<typeof RosterSaved>;

/**
 * `POST /api/v1/incidents` ('incident.declare'): wartime. The incident's id is the key; its plan is the
 * shipped plan of its type (or `planId` when given). Several incidents may be active at once. The hub also
 * writes the 'declared' log entry. 201 IncidentSaved (200 on a replay); 422 'unknown_grid' or 'unknown_plan'.
 */
export const IncidentDeclareRequest = z.object({
  ...WriteBase,
  type: IncidentType,
  title: z.string().trim().min(1).max(200),
  level: IncidentLevel,
  position: LonLat,
  radiusM: z.number().positive().max(50_000),
  gridCode: GridCode,
  planId: z.string().min(1).optional(),
});
export type IncidentDeclareRequest = z.infer<typeof IncidentDeclareRequest>;

/** Log kinds a seat writes; 'declared' and 'stood_down' come from their own endpoints. */
export const IncidentLogWriteKind = z.enum(['step_done', 'step_reopened', 'note', 'call', 'alarm']);
export type IncidentLogWriteKind = z.infer<typeof IncidentLogWriteKind>;

/**
 * `POST /api/v1/incidents/<id>/log` ('incident.log'): one timeline line; its id is the key. step_done and
 * step_reopened name a step of the incident's plan (400 without stepId; 422 'unknown_step'); the other
 * kinds take stepId null and a text. 201 IncidentLogged (200 on a replay); 404; 422 'stood_down' when the
 * incident is no longer active.
 */
export const IncidentLogRequest = z
  .object({
    ...WriteBase,
    kind: IncidentLogWriteKind,
    stepId: z.string().min(1).nullable(),
    text: z.string().max(2000),
  })
  .refine((r) => (r.kind === 'step_done' || r.kind === 'step_reopened') === (r.stepId !== null), {
    message: 'stepId is required for step_done/step_reopened and must be null otherwise',
    path: ['stepId'],
  })
  .refine((r) => r.kind === 'step_done' || r.kind === 'step_reopened' || r.text.trim().length > 0, {
    message: 'a note, call or alarm needs a text',
    path: ['text'],
  });
export type IncidentLogRequest = z.infer<typeof IncidentLogRequest>;

export const IncidentLogged = z.object({ entry: IncidentLogEntry });
export type IncidentLogged = z.infer<typeof IncidentLogged>;

/**
 * `POST /api/v1/incidents/<id>/stand-down` ('incident.standDown'): back to peacetime; the record is kept.
 * The hub writes the 'stood_down' log entry (text = reason). 200 IncidentSaved; 404; 422
 * 'already_stood_down'.
 */
export const IncidentStandDownRequest = z.object({ ...WriteBase, reason: z.string().trim().min(1).max(2000) });
export type IncidentStandDownRequest = z.infer<typeof IncidentStandDownRequest>;

/** The incident as the write left it, and the log entry the hub wrote with it. */
export const IncidentSaved = z.object({ incident: Incident, entry: IncidentLogEntry });
export type IncidentSaved = z.infer<typeof IncidentSaved>;

/**
 * `GET /api/v1/cameras/<id>/play?profile=main|sub`: where a stream behind a `hub://cameras/<id>/<profile>` address
 * plays from (the platform's 点播). `live`: a live source (rtsp://, http(s)://) to pull as it comes; `clip`: a short
 * file (the demo county's cameras) to loop without re-encoding. 404: unknown camera or no such profile.
 */
export const PlayInfo = z.object({
  kind: z.enum(['live', 'clip']),
  url: z.string().url(),
  codec: z.enum(['h264', 'h265']),
}).strict();
export type PlayInfo = z.infer<typeof PlayInfo>;
