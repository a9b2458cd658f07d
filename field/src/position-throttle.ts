// When a phone's position fix is worth sending to the hub: at most one every 5 s unless the worker has
// moved 10 m or more, so a walking worker's marker moves without a fix a second going over 4G.
import type { LonLat } from '../../native/api/model.js';

export const MIN_INTERVAL_MS = 5_000;
export const MIN_DISTANCE_M = 10;

export interface SentFix {
  position: LonLat;
  at: number;
}

/** Great-circle distance in metres (haversine; plenty for tens of metres). */
export function distanceM(a: LonLat, b: LonLat): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function shouldSend(last: SentFix | null, position: LonLat, at: number): boolean {
  if (!last) return true;
  return at - last.at >= MIN_INTERVAL_MS || distanceM(last.position, position) >= MIN_DISTANCE_M;
}
