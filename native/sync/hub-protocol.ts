// The wire protocol between a station and a hub (the county platform): HTTP pull with cursors plus a
// live WebSocket. The demo hub implements it; the station's sync client validates every message with it.
import { z } from 'zod';
import { Building, Camera, CountyInfo, Grid, GridEvent, LonLat, MapFeature, Worker } from '../api/model.js';

export const HUB_PROTOCOL_VERSION = 1;

export const SyncCollection = z.enum(['grids', 'buildings', 'cameras', 'workers', 'events', 'basemap']);
export type SyncCollection = z.infer<typeof SyncCollection>;

/** The row schema of each collection. */
export const collectionRow = {
  grids: Grid,
  buildings: Building,
  cameras: Camera,
  workers: Worker,
  events: GridEvent,
  basemap: MapFeature,
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
