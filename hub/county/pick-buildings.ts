// Picks the county's 7,627 buildings from the laid-out candidates: the county seat's core first, then
// the development zone, the town cores and a few houses at every village seat; then addresses them.
import type { Building } from '../../native/api/model.js';
import { AddressBook } from './addresses.js';
import { type BuildingCandidate, blockBuildings, hamletBuildings, tierOf } from './buildings.js';
import type { PlaceContext } from './context.js';
import type { Town } from './divisions.js';
import type { XY } from './geo.js';
import type { Rng } from './prng.js';
import type { Road } from './roads.js';
import { type Pool, takeByTier } from './select.js';
import { type RingMask, SpatialHash } from './spatial.js';
import type { PlannedUnit } from './units.js';
import { inWater } from './water.js';

export const BUILDING_TOTAL = 7627;

export type PlacedBuilding = { building: Omit<Building, 'footprint'>; footprint: XY[]; centre: XY };

export function pickBuildings(rng: Rng, ctx: PlaceContext & { roads: readonly Road[]; inCounty: RingMask }): PlacedBuilding[] {
  const clear = new SpatialHash(150);
  for (const r of ctx.roads) clear.addPolyline(r.points, r.widthM / 2 + (r.kind === 'lane' ? 0 : 3));
  const usable = (c: BuildingCandidate) =>
    !clear.blocked(c.centre, c.reach) &&
    c.footprint.every((p) => ctx.inCounty.contains(p) && !inWater(ctx.water, p, 3)) &&
    ctx.unitAt(c.centre) !== null;

  const pools: Pool<BuildingCandidate>[] = [];
  const byTier = new Map<string, BuildingCandidate[]>();
  ctx.cores.forEach((core) => {
    const list: BuildingCandidate[] = [];
    for (const [key, use] of core.grid.blocks) {
      if (use !== 'built') continue;
      const [i, j] = key.split(',').map(Number) as [number, number];
      list.push(...blockBuildings(rng.fork(`block/${core.grid.townCode}/${key}`), core, i, j).filter(usable));
    }
    list.sort((a, b) => a.priority - b.priority);
    byTier.set(core.grid.townCode, list);
  });
  const targetOf = (t: Town) => {
    const tier = tierOf(t.code);
    if (tier === 'seat') return 4000;
    if (tier === 'devzone') return 330;
    return 110 + 35 * t.villages.filter((v) => v.kind === 'community').length;
  };
  for (const t of ctx.towns) pools.push({ name: t.code, items: byTier.get(t.code) ?? [], target: targetOf(t) });

  // Rural: the village seat's hamlet in every village, taken round-robin so each village gets a few.
  const perVillage: BuildingCandidate[][] = [];
  for (const pv of ctx.villages) {
    const first = (ctx.unitsByVillage.get(pv.village.code) ?? [])[0];
    if (!first || first.anchor.kind !== 'hamlet' || first.site !== pv.site) continue;
    const list = hamletBuildings(rng.fork(`hamlet/${pv.village.code}`), first.anchor.hamlet, pv.village.code).filter(usable);
    list.sort((a, b) => a.priority - b.priority);
    perVillage.push(list);
  }
  const rural: BuildingCandidate[] = [];
  for (let rank = 0; perVillage.some((l) => l.length > rank); rank++) for (const l of perVillage) if (l[rank]) rural.push(l[rank] as BuildingCandidate);
  const townTargets = pools.reduce((n, p) => n + p.target, 0);
  // Pools run in town-code order, so the county seat (321023100) makes up any shortfall first.
  pools.push({ name: 'rural', items: rural, target: Math.max(0, BUILDING_TOTAL - townTargets) });
  const { taken, counts } = takeByTier(pools, BUILDING_TOTAL);
  if (ctx.stats) ctx.stats.buildingsByTier = counts;

  const villageNames = new Map(ctx.villages.map((pv) => [pv.village.code, pv.village.name]));
  const townNames = new Map(ctx.towns.map((t) => [t.code, t.name]));
  const book = new AddressBook(rng.fork('addresses'), (code) => villageNames.get(code) ?? '');
  const placed = taken.map((c) => ({ c, unit: ctx.unitAt(c.centre) as PlannedUnit }));
  placed.sort((a, b) => a.unit.code.localeCompare(b.unit.code) || a.c.priority - b.c.priority);
  return placed.map(({ c, unit }, k) => ({
    building: {
      id: `B${String(k + 1).padStart(5, '0')}`,
      gridCode: unit.code,
      heightM: c.heightM,
      floors: c.floors,
      use: c.use,
      address: book.address(townNames.get(unit.code.slice(0, 9)) ?? '', c.address),
    },
    footprint: c.footprint,
    centre: c.centre,
  }));
}
