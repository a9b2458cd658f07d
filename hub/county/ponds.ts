// Fish and lotus ponds (宝应 is a lotus-root county), scattered over the rural villages clear of roads,
// houses and other water.
import { type XY, rectangle } from './geo.js';
import { randomPointIn } from './partition.js';
import type { Rng } from './prng.js';
import type { RingMask, SpatialHash } from './spatial.js';
import type { PlannedVillage } from './villages.js';
import { type Water, inWater } from './water.js';

export function placePonds(rng: Rng, count: number, villages: readonly PlannedVillage[], inCounty: RingMask, water: Water, occupied: SpatialHash): XY[][] {
  const rural = villages.filter((v) => v.village.kind === 'village');
  const ponds: XY[][] = [];
  for (let tries = 0; ponds.length < count && tries < count * 20; tries++) {
    const pv = rng.pick(rural);
    const centre = randomPointIn(rng, pv.ring);
    if (!centre || inWater(water, centre, 150) || occupied.blocked(centre, 90)) continue;
    const ring = rectangle(centre, rng.range(60, 160), rng.range(40, 110), rng.range(0, Math.PI));
    if (!ring.every((p) => inCounty.contains(p) && !occupied.blocked(p, 15))) continue;
    occupied.addRing(ring, 10);
    occupied.addSegment(centre, centre, 60);
    ponds.push(ring);
  }
  return ponds;
}
