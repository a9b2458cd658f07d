// The county's own ground as vector features (no imagery offline): roads, water, green and urban blocks,
// in metres here; the county step converts them to degrees and numbers them.
import type { MapFeatureKind } from '../../native/api/model.js';
import type { Core } from './cores.js';
import polygonClipping from 'polygon-clipping';
import { type Projection, type XY, offsetPolyline, ringArea } from './geo.js';
import type { Rng } from './prng.js';
import type { Road } from './roads.js';
import { type StreetLine, toWorld } from './streetgrid.js';
import { type Water, blob, clipAreaToOutline } from './water.js';
import { COUNTY_SEAT_CODE, DEV_ZONE_CODE } from './seats.js';

export type FeatureDraft =
  | { kind: MapFeatureKind; class: string; name: string | null; shape: 'line'; widthM: number; coords: XY[] }
  | { kind: MapFeatureKind; class: string; name: string | null; shape: 'polygon'; coords: XY[] };

export function roadFeatures(roads: readonly Road[]): FeatureDraft[] {
  return roads.map((r) => ({ kind: 'road', class: r.class, name: r.name, shape: 'line', widthM: r.widthM, coords: r.points }));
}

export function waterFeatures(water: Water, ponds: readonly XY[][]): FeatureDraft[] {
  const out: FeatureDraft[] = [];
  for (const l of water.lines) out.push({ kind: 'water', class: l.class, name: l.name, shape: 'line', widthM: l.widthM, coords: l.line });
  for (const a of water.areas) out.push({ kind: 'water', class: a.class, name: a.name, shape: 'polygon', coords: a.ring });
  for (const p of ponds) out.push({ kind: 'water', class: 'pond', name: null, shape: 'polygon', coords: p });
  return out;
}

/** Each core block inset from its streets: built blocks as urban blocks, the rest as parks and belts. */
export function blockFeatures(core: Core): FeatureDraft[] {
  const g = core.grid;
  const out: FeatureDraft[] = [];
  const blockClass = g.townCode === DEV_ZONE_CODE ? 'industrial' : g.townCode === COUNTY_SEAT_CODE ? 'urban' : 'town';
  for (const [key, use] of g.blocks) {
    const [i, j] = key.split(',').map(Number) as [number, number];
    const w = g.us[i] as StreetLine;
    const e = g.us[i + 1] as StreetLine;
    const s = g.vs[j] as StreetLine;
    const n = g.vs[j + 1] as StreetLine;
    const u0 = w.offset + w.widthM / 2;
    const u1 = e.offset - e.widthM / 2;
    const v0 = s.offset + s.widthM / 2;
    const v1 = n.offset - n.widthM / 2;
    const coords = [toWorld(g, u0, v0), toWorld(g, u1, v0), toWorld(g, u1, v1), toWorld(g, u0, v1)];
    if (use === 'built') out.push({ kind: 'block', class: blockClass, name: null, shape: 'polygon', coords });
    else out.push({ kind: 'green', class: 'park', name: core.greens.get(key) ?? null, shape: 'polygon', coords });
  }
  return out;
}

/** The county seat's green belt on the canal's east bank, and the wetland park round 宝应湖. */
export function landscapeFeatures(rng: Rng, proj: Projection, water: Water, seat: XY, outline: readonly XY[]): FeatureDraft[] {
  const out: FeatureDraft[] = [];
  const reach = water.canal.line.filter((p) => Math.abs(p[1] - seat[1]) < 3000);
  if (reach.length >= 2) {
    // The canal runs south to north, so its east bank is on the right: negative offsets.
    const near = offsetPolyline(reach, -(water.canal.widthM / 2 + 15));
    const far = offsetPolyline(reach, -(water.canal.widthM / 2 + 120));
    out.push({ kind: 'green', class: 'park', name: '运河风光带', shape: 'polygon', coords: [...near, ...far.reverse()] });
  }
  const lake = water.areas.find((a) => a.class === 'lake');
  if (lake) {
    // Reed beds on the lake's east shore: a blob shifted east, minus the lake, leaves a crescent.
    const reeds = clipAreaToOutline(blob(rng, proj.toXY([119.236, 33.232]), 1500, 4100, -0.15, 48, 0.08), outline);
    const shore = polygonClipping.difference([[...reeds, reeds[0] as XY]], [[...lake.ring, lake.ring[0] as XY]]);
    const piece = shore
      .filter((poly) => poly.length === 1)
      .map((poly) => (poly[0] as XY[]).slice(0, -1))
      .sort((a, b) => Math.abs(ringArea(b)) - Math.abs(ringArea(a)))[0];
    if (piece) out.push({ kind: 'green', class: 'wetland', name: '宝应湖国家湿地公园', shape: 'polygon', coords: piece });
  }
  return out;
}
