// The tiles.* methods of the Station API: where the map finds imagery tiles, the cache's size, pre-seeding.
import { IMAGERY_MAX_ZOOM, IMAGERY_MIN_ZOOM, type LonLatBox } from '../tiles/tile-math.js';
import { SeedRefused, type TileService } from '../tiles/tile-service.js';
import type { TileCache } from '../store/tiles.js';
import { NotFoundError, RefusedError, type Handlers } from './host.js';

export interface TilesContext {
  service: TileService;
  cache: TileCache;
  /** The tile URL template renderers use (a path on the seat's origin, or the utility's loopback server); null until one serves. */
  endpoint(): string | null;
  extent(): LonLatBox | null;
}

type TileMethods = 'tiles.endpoint' | 'tiles.status' | 'tiles.seed' | 'tiles.cancelSeed';

/** `tiles` is asked for on each call: a station without a tile cache fails the call, not the table. */
export function tileHandlers(tiles: () => TilesContext): Pick<Handlers, TileMethods> {
  return {
    'tiles.endpoint': () => {
      const t = tiles();
      const url = t.endpoint();
      if (url === null) throw new NotFoundError('no tile endpoint: nothing serves map tiles for this station yet');
      const box = t.extent();
      return { url, minZoom: IMAGERY_MIN_ZOOM, maxZoom: IMAGERY_MAX_ZOOM, bounds: box && [box[0], box[1], box[2], box[3]] };
    },
    'tiles.status': () => {
      const t = tiles();
      return { ...t.cache.stats(), seed: t.service.progress() };
    },
    'tiles.seed': ({ minZoom, maxZoom }) => {
      try {
        return tiles().service.startSeed(minZoom, maxZoom);
      } catch (err) {
        if (!(err instanceof SeedRefused)) throw err;
        if (err.reason === 'no_extent') throw new NotFoundError(err.message);
        throw new RefusedError(err.reason === 'offline' ? 'hub_unreachable' : 'bad_params', err.message);
      }
    },
    'tiles.cancelSeed': () => ({ cancelled: tiles().service.cancelSeed() }),
  };
}
