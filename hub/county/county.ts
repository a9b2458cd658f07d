// The demo county, generated: 宝应县's real outline, towns and villages with official codes, synthesized
// boundaries, streets, buildings, cameras and grid workers. Pure and deterministic: the same seed gives
// the same CountyData (and the same bytes once serialised).
import type { Grid, LonLat, MapFeature } from '../../native/api/model.js';
import { type FeatureDraft, blockFeatures, landscapeFeatures, roadFeatures, waterFeatures } from './basemap.js';
import { type XY, dedupeRing, ringArea } from './geo.js';
import { Locator } from './locate.js';
import { COUNTY_CODE } from './outline.js';
import { pickBuildings } from './pick-buildings.js';
import { pickCameras } from './pick-cameras.js';
import { type GenerationStats, planCounty, step } from './plan.js';
import { placePonds } from './ponds.js';
import { type Road, coreRoads, countyRoads, expressway, villageLanes } from './roads.js';
import { COUNTY_SEAT_CODE, seatOf } from './seats.js';
import { SpatialHash } from './spatial.js';
import { COUNTY_DATA_VERSION, CountyData } from './types.js';
import type { PlannedUnit } from './units.js';
import type { PlannedVillage } from './villages.js';
import { makeWorkers } from './workers.js';

export type { GenerationStats };

export const DEFAULT_SEED = 321023;

/** Fish and lotus ponds scattered over the countryside. */
const POND_COUNT = 160;

export function generateCounty(seed = DEFAULT_SEED, stats?: GenerationStats): CountyData {
  const plan = planCounty(seed, stats);
  const { rng, source, towns, proj, outline, water, inCounty, seatXY, townRings, villagesByTown, villages, unitsByVillage, units } = plan;
  const cores = plan.cores.map((c) => {
    if (!c) throw new Error('generateCounty: every town needs a core');
    return c;
  });

  // Roads: core streets, county roads between neighbouring seats, the expressway, village lanes.
  const streets = cores.flatMap(coreRoads);
  const county = step(stats, 'roads', () => countyRoads(rng.fork('county-roads'), towns.map((t) => seatOf(t.code)), seatXY, inCounty, water, cores, streets));
  const motorway = expressway(proj, outline);
  const { lanes, gates } = step(stats, 'lanes', () => villageLanes(villages, unitsByVillage, [...county, ...streets]));
  const roads: Road[] = [...streets, ...county, motorway, ...lanes];

  const locator = new Locator<PlannedUnit>(
    towns.map((_, i) => ({
      ring: townRings[i] as XY[],
      children: (villagesByTown[i] as PlannedVillage[]).map((pv) => ({
        ring: pv.ring,
        children: (unitsByVillage.get(pv.village.code) ?? []).map((u) => ({ ring: u.ring, value: u })),
      })),
    })),
  );
  const unitAt = (p: XY): PlannedUnit | null => locator.locate(p);

  const buildings = step(stats, 'buildings', () => pickBuildings(rng.fork('buildings'), { towns, cores, villages, unitsByVillage, roads: [...county, motorway, ...lanes], water, inCounty, unitAt, stats }));
  const cameras = step(stats, 'cameras', () => pickCameras(rng.fork('cameras'), { towns, cores, villages, unitsByVillage, gates, county, water, unitAt, stats }));
  const workers = makeWorkers(rng.fork('workers'), units);

  // Ponds keep clear of every road and building.
  const occupied = new SpatialHash(220);
  for (const r of roads) occupied.addPolyline(r.points, r.widthM / 2 + 5);
  for (const b of buildings) occupied.addSegment(b.centre, b.centre, 30);
  const ponds = placePonds(rng.fork('ponds'), POND_COUNT, villages, inCounty, water, occupied);

  const seatIndex = towns.findIndex((t) => t.code === COUNTY_SEAT_CODE);
  const drafts: FeatureDraft[] = [
    ...waterFeatures(water, ponds),
    ...landscapeFeatures(rng.fork('landscape'), proj, water, seatXY[seatIndex] as XY, outline),
    ...cores.flatMap(blockFeatures),
    ...roadFeatures(roads),
  ];

  // Everything to degrees, rounded to 6 decimals (~0.1 m).
  const ll = (p: XY): LonLat => proj.toLonLat(p);
  // Every polygon counter-clockwise, so consumers that care about winding (extrusion) get one rule.
  const ring = (r: readonly XY[]): LonLat[] => {
    const out = dedupeRing((ringArea(r) < 0 ? r.slice().reverse() : r).map(ll));
    if (out.length < 3) throw new Error('a ring collapsed to fewer than 3 points when rounded');
    return out;
  };
  const line = (l: readonly XY[]): LonLat[] => {
    const out: LonLat[] = [];
    for (const p of l.map(ll)) {
      const last = out[out.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    }
    return out;
  };

  const grids: Grid[] = [];
  const unitPopulation = (code: string) => (unitsByVillage.get(code) ?? []).reduce((n, u) => n + u.population, 0);
  const townPopulation = towns.map((_, i) => (villagesByTown[i] as PlannedVillage[]).reduce((n, pv) => n + unitPopulation(pv.village.code), 0));
  grids.push({ code: COUNTY_CODE, name: source.name, level: 'county', parentCode: null, boundary: ring(outline), center: source.centre, population: townPopulation.reduce((a, b) => a + b, 0) });
  towns.forEach((t, i) => grids.push({ code: t.code, name: t.name, level: 'town', parentCode: COUNTY_CODE, boundary: ring(townRings[i] as XY[]), center: ll(seatXY[i] as XY), population: townPopulation[i] as number }));
  for (const pv of villages) grids.push({ code: pv.village.code, name: pv.village.name, level: 'village', parentCode: pv.townCode, boundary: ring(pv.ring), center: ll(pv.site), population: unitPopulation(pv.village.code) });
  for (const u of units) grids.push({ code: u.code, name: u.name, level: 'unit', parentCode: u.villageCode, boundary: ring(u.ring), center: ll(u.site), population: u.population });

  const features: MapFeature[] = drafts
    .filter((f) => f.coords.length >= (f.shape === 'line' ? 2 : 3))
    .map((f, k) => {
      const id = `${f.kind}-${String(k + 1).padStart(5, '0')}`;
      return f.shape === 'line'
        ? { id, kind: f.kind, class: f.class, name: f.name, shape: 'line' as const, widthM: f.widthM, coords: line(f.coords) }
        : { id, kind: f.kind, class: f.class, name: f.name, shape: 'polygon' as const, coords: ring(f.coords) };
    })
    .filter((f) => f.coords.length >= (f.shape === 'line' ? 2 : 3));

  const data: CountyData = {
    version: COUNTY_DATA_VERSION,
    seed,
    county: { code: COUNTY_CODE, name: source.name, nameEn: 'Baoying County', center: source.centre },
    grids,
    buildings: buildings.map((b) => ({ ...b.building, footprint: ring(b.footprint) })),
    cameras: cameras.map((c) => ({ ...c.camera, position: ll(c.xy) })),
    workers: workers.map((w) => ({ ...w, position: ll(w.position), route: line(w.route) })),
    basemap: features,
  };
  return step(stats, 'validate', () => CountyData.parse(data));
}
