// The hub's imagery route: `GET /api/v1/tiles/{z}/{x}/{y}.png`, raster tiles of the county drawn from its
// own data (tile-renderer.ts), kept in memory once drawn; 404 for a tile outside the county or its zooms.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HUB_TILES_PREFIX, parseTilePath } from '../../native/tiles/tile-path.js';
import type { CountyData } from '../county/types.js';
import { TileRenderer } from './tile-renderer.js';

/** ~4,000 tiles of a few kB each: the county at z 8–14 and then some, well under 100 MB. */
const MEMORY_TILES = 4096;

export interface TileRoutesOptions {
  county: CountyData;
  sendError: (res: ServerResponse, status: number, code: string, message: string) => void;
}

export interface TileRoutes {
  /** Null for county data without a county-level outline: every tile is then a 404. */
  renderer: TileRenderer | null;
  /** Answers the request when it is a tile path; false leaves it to the rest of the hub. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean;
}

export function tileRoutes({ county, sendError }: TileRoutesOptions): TileRoutes {
  const outline = county.grids.find((g) => g.level === 'county');
  const renderer = outline ? new TileRenderer(outline, county.basemap) : null;
  // Insertion order doubles as recency: a hit moves the tile to the end, the oldest is dropped first.
  const memory = new Map<string, Buffer>();

  function tilePng(key: string, draw: () => Buffer | null): Buffer | null {
    const kept = memory.get(key);
    if (kept) {
      memory.delete(key);
      memory.set(key, kept);
      return kept;
    }
    const png = draw();
    if (!png) return null;
    memory.set(key, png);
    if (memory.size > MEMORY_TILES) memory.delete(memory.keys().next().value!);
    return png;
  }

  return {
    renderer,
    handle(req, res, url) {
      if (!url.pathname.startsWith(`${HUB_TILES_PREFIX}/`)) return false;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('allow', 'GET, HEAD');
        sendError(res, 405, 'method_not_allowed', `${req.method} is not allowed here; use GET or HEAD`);
        return true;
      }
      const tile = parseTilePath(url.pathname, HUB_TILES_PREFIX);
      if (!tile) {
        sendError(res, 400, 'bad_request', `not a tile path (want ${HUB_TILES_PREFIX}/{z}/{x}/{y}.png): ${url.pathname.slice(0, 100)}`);
        return true;
      }
      const png = renderer && tilePng(`${tile.z}/${tile.x}/${tile.y}`, () => renderer.png(tile));
      if (!png) {
        sendError(res, 404, 'not_found', `no imagery at ${tile.z}/${tile.x}/${tile.y}: outside the county or its zooms`);
        return true;
      }
      res.writeHead(200, {
        'content-type': 'image/png',
        'content-length': png.length,
        // A tile changes only with the county data, which a hub restart reloads.
        'cache-control': 'public, max-age=86400',
      });
      res.end(req.method === 'HEAD' ? undefined : png);
      return true;
    },
  };
}
