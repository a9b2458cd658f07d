// Village and community boundaries inside a town, synthesized: urban communities take sites on the core's
// streets (small cells in town), rural villages spread evenly over the rest of the town, and the town is
// cut into their Voronoi cells.
import { type Core, inCoreZone } from './cores.js';
import type { Town, Village } from './divisions.js';
import type { XY } from './geo.js';
import { bestCandidates, randomPointIn, voronoiPartition } from './partition.js';
import type { Rng } from './prng.js';
import { streetPoints } from './streetgrid.js';
import { type Water, inWater } from './water.js';

export interface PlannedVillage {
  village: Village;
  townCode: string;
  /** The village seat (村部 / 社区服务中心): inside the ring. */
  site: XY;
  ring: XY[];
}

export function planVillages(rng: Rng, town: Town, townRing: readonly XY[], core: Core, water: Water): PlannedVillage[] {
  const communities = town.villages.filter((v) => v.kind === 'community');
  const villages = town.villages.filter((v) => v.kind === 'village');
  const onStreets = streetPoints(core.grid, [0.5]).map((sp) => sp.point);
  const nearSeat = () => randomPointIn(rng, townRing, undefined, (p) => inCoreZone(core, p, 1) && !inWater(water, p, 30));
  const communitySites = bestCandidates(rng, communities.length, () => (onStreets.length > 0 ? rng.pick(onStreets) : nearSeat()), [], 24);
  // Villages keep out of the core (and its fringe) and off the water; the lake side is left to fields.
  const villageSites = bestCandidates(
    rng,
    villages.length,
    () => randomPointIn(rng, townRing, undefined, (p) => !inCoreZone(core, p, 1.35) && !inWater(water, p, 150)),
    communitySites,
    16,
  );
  const sites = [...communitySites, ...villageSites];
  const rings = voronoiPartition(townRing, sites);
  return [...communities, ...villages].map((village, k) => ({ village, townCode: town.code, site: sites[k] as XY, ring: rings[k] as XY[] }));
}
