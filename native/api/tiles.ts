// The map tile cache's vocabulary (issue 5): where the renderer asks for imagery tiles, how full the
// seat's cache is, and a pre-seed of the county's extent with its progress.
import { z } from 'zod';

const Zoom = z.number().int().min(0).max(20);

/** West, south, east, north in degrees. */
export const TileBounds = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90), z.number().min(-180).max(180), z.number().min(-90).max(90)]);

export const TileEndpoint = z.object({
  /** An XYZ URL template on the seat (`…/tiles/{z}/{x}/{y}.png?token=…`): a path on the page's origin, or http://127.0.0.1:… */
  url: z.string().min(1),
  minZoom: Zoom,
  maxZoom: Zoom,
  /** Where imagery exists (the county's extent); null before the county is in the cache. */
  bounds: TileBounds.nullable(),
});
export type TileEndpoint = z.infer<typeof TileEndpoint>;

export const SeedState = z.enum(['running', 'done', 'cancelled', 'failed']);
export type SeedState = z.infer<typeof SeedState>;

/** A pre-seed's progress, published on `tiles.progress` as it goes and once when it ends. */
export const SeedProgress = z.object({
  state: SeedState,
  minZoom: Zoom,
  maxZoom: Zoom,
  /** Tiles covering the county's extent at these zooms. */
  total: z.number().int().nonnegative(),
  /** Tiles dealt with so far: already cached, fetched, or failed. */
  done: z.number().int().nonnegative(),
  /** Fetched from the source by this seed (the rest of `done` was cached already or failed). */
  fetched: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  startedAt: z.number().int().nonnegative(),
  finishedAt: z.number().int().nonnegative().nullable(),
  /** Why a seed failed (the link went down…); null otherwise. */
  detail: z.string().nullable(),
});
export type SeedProgress = z.infer<typeof SeedProgress>;

export const TileCacheStatus = z.object({
  tiles: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  /** The latest seed since the station started (running or ended); null when none. */
  seed: SeedProgress.nullable(),
});
export type TileCacheStatus = z.infer<typeof TileCacheStatus>;

export const SeedParams = z
  .object({ minZoom: Zoom.default(8), maxZoom: Zoom.default(14) })
  .strict()
  .refine((p) => p.minZoom <= p.maxZoom, { message: 'minZoom must not be above maxZoom' });
