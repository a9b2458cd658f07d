// Tile addresses in URLs: `<prefix>/{z}/{x}/{y}.png`, as the hub serves them, the seat serves them to the
// renderer, and any XYZ tile server is asked through a URL template.
import { isValidTile, type TileId } from './tile-math.js';

/** The hub's imagery tiles (hub/tiles/tile-routes.ts). */
export const HUB_TILES_PREFIX = '/api/v1/tiles';
/** The seat's tiles, from its cache first (native/seat/server.ts, native/tiles/tile-server.ts). */
export const SEAT_TILES_PREFIX = '/tiles';

/** The tile a path names, or null when it is not a tile path under `prefix` (or names no valid tile). */
export function parseTilePath(path: string, prefix: string): TileId | null {
  if (!path.startsWith(`${prefix}/`)) return null;
  const m = /^(\d{1,2})\/(\d{1,8})\/(\d{1,8})\.png$/.exec(path.slice(prefix.length + 1));
  if (!m) return null;
  const tile = { z: Number(m[1]), x: Number(m[2]), y: Number(m[3]) };
  return isValidTile(tile) ? tile : null;
}

/** Fills an XYZ URL template (`{z}`, `{x}`, `{y}`; `{-y}` for a TMS server). */
export function tileUrl(template: string, { z, x, y }: TileId): string {
  return template
    .replaceAll('{z}', String(z))
    .replaceAll('{x}', String(x))
    .replaceAll('{-y}', String(2 ** z - 1 - y))
    .replaceAll('{y}', String(y));
}
