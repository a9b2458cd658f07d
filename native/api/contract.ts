// The Station API: the one contract between the renderer and the station, carried unchanged over a
// MessagePort (Electron) or a WebSocket (browser seat). Adding a method means adding it here first.
import { z } from 'zod';
import {
  Building, Camera, CountyInfo, Grid, GridCode, GridEvent, GridLevel, LinkState, MapFeature, Worker,
} from './model.js';
import { PositionFix } from '../sync/hub-protocol.js';

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
    collection: z.enum(['grids', 'buildings', 'cameras', 'workers', 'events', 'basemap']),
    count: z.number().int().nonnegative(),
  }),
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

export const ErrorCode = z.enum(['bad_frame', 'unknown_method', 'unknown_topic', 'bad_params', 'not_found', 'unauthorized', 'internal']);
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
