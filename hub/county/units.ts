// Unit grids (单元网格) inside a village or community: ~500–1,000 residents each, one grid worker each.
// Urban units take their sites on the core's streets (the worker patrols the block beside the site);
// rural units are hamlets spread over the village, the first at the village seat.
import { type Hamlet, makeHamlet } from './hamlets.js';
import { type XY, distToRingEdge, pointInRing } from './geo.js';
import { bestCandidates, randomPointIn, voronoiPartition } from './partition.js';
import type { Rng } from './prng.js';
import type { StreetPoint } from './streetgrid.js';
import type { PlannedVillage } from './villages.js';
import { type Water, inWater } from './water.js';

export type UnitAnchor = { kind: 'street'; point: StreetPoint } | { kind: 'hamlet'; hamlet: Hamlet };

export interface PlannedUnit {
  /** 15 digits: the village code and a 3-digit serial. */
  code: string;
  name: string;
  villageCode: string;
  site: XY;
  ring: XY[];
  anchor: UnitAnchor;
  urban: boolean;
  population: number;
}

export function unitCode(villageCode: string, serial: number): string {
  return `${villageCode}${String(serial).padStart(3, '0')}`;
}

export function unitName(villageName: string, serial: number): string {
  return `${villageName}第${serial}网格`;
}

export function planUnits(rng: Rng, pv: PlannedVillage, count: number, coreStreetPoints: readonly StreetPoint[], water: Water): PlannedUnit[] {
  const inVillage = coreStreetPoints.filter((sp) => pointInRing(sp.point, pv.ring));
  const urban = pv.village.kind === 'community' && inVillage.length >= count * 1.5;
  let sites: XY[];
  let streetAt: (StreetPoint | null)[];
  if (urban) {
    const byPoint = new Map(inVillage.map((sp) => [sp.point, sp]));
    sites = bestCandidates(rng, count, () => rng.pick(inVillage).point, [], 24);
    streetAt = sites.map((s) => byPoint.get(s) ?? null);
  } else {
    // Hamlets keep off the water and, where the village allows, away from its edge so their loop fits.
    const roomy = (p: XY) => !inWater(water, p, 120) && distToRingEdge(p, pv.ring) > 150;
    const dry = (p: XY) => !inWater(water, p, 60);
    const rest = bestCandidates(rng, count - 1, () => randomPointIn(rng, pv.ring, undefined, roomy) ?? randomPointIn(rng, pv.ring, undefined, dry) ?? randomPointIn(rng, pv.ring), [pv.site], 12);
    sites = [pv.site, ...rest];
    streetAt = sites.map(() => null);
  }
  const rings = voronoiPartition(pv.ring, sites);
  return sites.map((site, k) => {
    const ring = rings[k] as XY[];
    const sp = streetAt[k] ?? null;
    const anchor: UnitAnchor = sp ? { kind: 'street', point: sp } : { kind: 'hamlet', hamlet: makeHamlet(rng, site, ring, water) };
    return {
      code: unitCode(pv.village.code, k + 1),
      name: unitName(pv.village.name, k + 1),
      villageCode: pv.village.code,
      site,
      ring,
      anchor,
      urban,
      population: urban ? rng.int(700, 1000) : rng.int(500, 900),
    };
  });
}
