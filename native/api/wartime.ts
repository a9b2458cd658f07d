// Wartime responsibility grids (战时责任网格): when an incident is declared, every unit grid whose ground
// comes within the incident's radius is activated. Pure geometry on a local flat projection around the
// incident — exact enough at county scale (radii ≤ 50 km; error well under 1 %).
import type { Grid, LonLat, Ring } from './model.js';

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Metres east/north of `origin` (equirectangular projection at the origin's latitude). */
export function toLocalM(origin: LonLat, p: LonLat): [number, number] {
  const cosLat = Math.cos(origin[1] * RAD);
  return [(p[0] - origin[0]) * RAD * EARTH_RADIUS_M * cosLat, (p[1] - origin[1]) * RAD * EARTH_RADIUS_M];
}

/** Great-circle distance in metres (haversine). */
export function distanceM(a: LonLat, b: LonLat): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Is the point inside the ring (even-odd rule)? */
export function pointInRing(p: LonLat, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as LonLat;
    const [xj, yj] = ring[j] as LonLat;
    if ((yi > p[1]) !== (yj > p[1]) && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Distance in metres from a point to a grid's ground: 0 inside the ring, else to its nearest edge. */
export function distanceToRingM(p: LonLat, ring: Ring): number {
  if (pointInRing(p, ring)) return 0;
  let best = Infinity;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [ax, ay] = toLocalM(p, ring[j] as LonLat);
    const [bx, by] = toLocalM(p, ring[i] as LonLat);
    // the point is the origin: project it on segment a→b
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
    best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
  }
  return best;
}

export interface WartimeGrid {
  grid: Grid;
  /** 0 when the incident lies inside the grid. */
  distanceM: number;
}

/**
 * The unit grids activated for an incident at `position` with `radiusM`: those whose boundary comes within
 * the radius (the grid containing the position first), nearest first, ties by code. Non-unit grids passed
 * in are ignored.
 */
export function wartimeGridsWithDistance(position: LonLat, radiusM: number, unitGrids: readonly Grid[]): WartimeGrid[] {
  const out: WartimeGrid[] = [];
  for (const grid of unitGrids) {
    if (grid.level !== 'unit') continue;
    const d = distanceToRingM(position, grid.boundary);
    if (d <= radiusM) out.push({ grid, distanceM: d });
  }
  return out.sort((a, b) => a.distanceM - b.distanceM || a.grid.code.localeCompare(b.grid.code));
}

/** wartimeGridsWithDistance without the distances: the activated unit grids, nearest first. */
export function wartimeGrids(position: LonLat, radiusM: number, unitGrids: readonly Grid[]): Grid[] {
  return wartimeGridsWithDistance(position, radiusM, unitGrids).map((w) => w.grid);
}
