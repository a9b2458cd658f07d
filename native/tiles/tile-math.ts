// Web Mercator tile arithmetic (the XYZ scheme map clients ask in, the TMS rows MBTiles stores): which
// tiles cover an extent, where a tile lies, and the row flip between the two schemes.
import type { LonLat } from '../api/model.js';

export interface TileId {
  z: number;
  x: number;
  y: number;
}

/** West, south, east, north in degrees. */
export type LonLatBox = readonly [west: number, south: number, east: number, north: number];

/** Web Mercator's own limit: beyond it the projection runs to infinity. */
export const MAX_MERCATOR_LAT = 85.0511287798066;

/** XYZ counts rows from the north, TMS (MBTiles) from the south; the flip is its own inverse. */
export function flipRow(z: number, y: number): number {
  return 2 ** z - 1 - y;
}

export function isValidTile({ z, x, y }: TileId): boolean {
  const n = 2 ** z;
  return Number.isInteger(z) && Number.isInteger(x) && Number.isInteger(y) && z >= 0 && z <= 24 && x >= 0 && y >= 0 && x < n && y < n;
}

/** A point's position in tile units at zoom z (fractional: the integer part is the tile, the rest where in it). */
export function lonLatToTileXY([lon, lat]: LonLat, z: number): [x: number, y: number] {
  const n = 2 ** z;
  const clamped = Math.max(-MAX_MERCATOR_LAT, Math.min(MAX_MERCATOR_LAT, lat));
  const phi = (clamped * Math.PI) / 180;
  const x = ((lon + 180) / 360) * n;
  const y = ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n;
  return [x, y];
}

/** The tile's extent in degrees. */
export function tileBox({ z, x, y }: TileId): LonLatBox {
  const n = 2 ** z;
  const lon = (tx: number): number => (tx / n) * 360 - 180;
  const lat = (ty: number): number => (Math.atan(Math.sinh(Math.PI * (1 - (2 * ty) / n))) * 180) / Math.PI;
  return [lon(x), lat(y + 1), lon(x + 1), lat(y)];
}

/** The tile range covering a box at zoom z, inclusive. */
export function tileRange(box: LonLatBox, z: number): { x0: number; x1: number; y0: number; y1: number } {
  const [west, south, east, north] = box;
  const n = 2 ** z;
  const [xa, ya] = lonLatToTileXY([west, north], z);
  const [xb, yb] = lonLatToTileXY([east, south], z);
  const clamp = (v: number): number => Math.max(0, Math.min(n - 1, Math.floor(v)));
  // A box edge exactly on a tile edge belongs to the tile before it, not the next one.
  return { x0: clamp(xa), x1: clamp(Math.ceil(xb) - 1), y0: clamp(ya), y1: clamp(Math.ceil(yb) - 1) };
}

/** How many tiles cover the box from minZoom to maxZoom. */
export function tileCount(box: LonLatBox, minZoom: number, maxZoom: number): number {
  let total = 0;
  for (let z = minZoom; z <= maxZoom; z++) {
    const r = tileRange(box, z);
    total += (r.x1 - r.x0 + 1) * (r.y1 - r.y0 + 1);
  }
  return total;
}

/** Every tile covering the box, coarse zooms first (so a cancelled seed still leaves a usable overview). */
export function* tilesIn(box: LonLatBox, minZoom: number, maxZoom: number): Generator<TileId> {
  for (let z = minZoom; z <= maxZoom; z++) {
    const r = tileRange(box, z);
    for (let y = r.y0; y <= r.y1; y++) for (let x = r.x0; x <= r.x1; x++) yield { z, x, y };
  }
}

export function boxOf(points: Iterable<LonLat>): LonLatBox | null {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const [lon, lat] of points) {
    w = Math.min(w, lon);
    s = Math.min(s, lat);
    e = Math.max(e, lon);
    n = Math.max(n, lat);
  }
  return w <= e ? [w, s, e, n] : null;
}

export function boxesMeet(a: LonLatBox, b: LonLatBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** The zooms the county's imagery exists at (the hub renders them; the seat seeds and serves them). */
export const IMAGERY_MIN_ZOOM = 8;
export const IMAGERY_MAX_ZOOM = 16;
