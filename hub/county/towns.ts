// Town boundaries, synthesized (the real ones are in no package we may use): regions grown from the real
// town seats over small Voronoi atoms, each town's area following how many villages it holds, so borders
// wander like real ones and the development zone stays small beside the county seat.
import type { Town } from './divisions.js';
import { type XY, pointInRing } from './geo.js';
import { growRegions, makeAtoms, regionRings } from './partition.js';
import type { Rng } from './prng.js';
import { DEV_ZONE_CODE } from './seats.js';

/** Relative town area: rural villages count fully, urban communities (small, dense) a third. */
export function townAreaWeight(town: Town): number {
  if (town.code === DEV_ZONE_CODE) return 4;
  return town.villages.reduce((sum, v) => sum + (v.kind === 'village' ? 1 : 0.35), 0);
}

export function townRegions(rng: Rng, outline: readonly XY[], towns: readonly Town[], seats: readonly XY[]): XY[][] {
  seats.forEach((s, i) => {
    if (!pointInRing(s, outline)) throw new Error(`town seat of ${towns[i]?.name} lies outside the county outline`);
  });
  const atoms = makeAtoms(rng, outline, 900);
  const total = atoms.areas.reduce((a, b) => a + b, 0);
  const weights = towns.map(townAreaWeight);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const owner = growRegions(atoms, seats, weights.map((w) => (w / weightSum) * total));
  const regions = regionRings(atoms, owner, seats, outline);
  regions.forEach((r, i) => {
    if (!pointInRing(seats[i] as XY, r)) throw new Error(`town ${towns[i]?.name}: its seat fell outside its region`);
  });
  return regions;
}
