// How many unit grids (单元网格) each village or community gets: urban communities of the county seat get
// the most (dense housing, ~500–1,000 residents per unit), rural villages the fewest; the total is fixed.
import type { Town } from './divisions.js';
import type { Rng } from './prng.js';
import { COUNTY_SEAT_CODE, DEV_ZONE_CODE } from './seats.js';

export const UNIT_GRID_TOTAL = 1258;
const MIN_UNITS = 2;

/** Relative share of unit grids by where a village is and whether it is urban. */
export function unitWeight(townCode: string, kind: 'community' | 'village'): number {
  if (kind === 'community') return townCode === COUNTY_SEAT_CODE ? 14 : townCode === DEV_ZONE_CODE ? 8 : 6;
  return townCode === COUNTY_SEAT_CODE ? 4 : 3;
}

/**
 * Splits `total` over items by weight with the largest-remainder method, giving each at least `min`.
 * Pure, so it is table-tested; the caller adds the randomness to the weights.
 */
export function apportion(weights: readonly number[], total: number, min: number): number[] {
  if (weights.length * min > total) throw new Error(`apportion: ${weights.length} items cannot each get ${min} of ${total}`);
  // Items whose share falls under the minimum are pinned to it; the rest share what is left, repeatedly.
  const pinned = new Set<number>();
  let exact: number[] = [];
  for (;;) {
    const free = total - pinned.size * min;
    const sum = weights.reduce((a, w, i) => (pinned.has(i) ? a : a + w), 0);
    const freeCount = weights.length - pinned.size;
    exact = weights.map((w, i) => (pinned.has(i) ? min : sum > 0 ? (w / sum) * free : free / freeCount));
    const under = exact.map((x, i) => i).filter((i) => !pinned.has(i) && (exact[i] as number) < min);
    if (under.length === 0) break;
    for (const i of under) pinned.add(i);
  }
  const counts = exact.map((x) => Math.floor(x));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    counts[i] = (counts[i] as number) + 1;
    left--;
  }
  return counts;
}

/** Unit-grid count per village code, summing to UNIT_GRID_TOTAL. */
export function allocateUnits(rng: Rng, towns: readonly Town[], total = UNIT_GRID_TOTAL): Map<string, number> {
  const villages = towns.flatMap((t) => t.villages.map((v) => ({ code: v.code, weight: unitWeight(t.code, v.kind) * rng.range(0.75, 1.25) })));
  const counts = apportion(
    villages.map((v) => v.weight),
    total,
    MIN_UNITS,
  );
  return new Map(villages.map((v, i) => [v.code, counts[i] as number]));
}
