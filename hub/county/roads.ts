// The road network outside the town cores: county roads linking neighbouring town seats (named after the
// two towns, 宝射公路), the 京沪高速 expressway, and village lanes (an access lane from each village seat
// to the nearest road, hamlet loops, and lanes joining each hamlet to its village seat).
import { Delaunay } from 'd3-delaunay';
import type { LonLat } from '../../native/api/model.js';
import { type Core, inCoreZone } from './cores.js';
import { type Box, type Projection, type XY, boxOf, clipPolylineToRing, densify, dist, lerp, nearestOnPolyline, simplify } from './geo.js';
import type { RingMask } from './spatial.js';
import type { Rng } from './prng.js';
import type { Seat } from './seats.js';
import { type RoadClass, streetRuns } from './streetgrid.js';
import type { PlannedUnit } from './units.js';
import type { PlannedVillage } from './villages.js';
import { type Water, crossesWaterArea } from './water.js';

export type RoadKind = 'core' | 'county' | 'expressway' | 'lane';

export interface Road {
  name: string | null;
  class: RoadClass;
  kind: RoadKind;
  widthM: number;
  points: XY[];
  /** Core streets: the town whose core they belong to. */
  townCode?: string;
}

/** Longest county road worth building between two seats; longer Delaunay edges cross other towns. */
const MAX_COUNTY_ROAD_M = 24_000;

export function coreRoads(core: Core): Road[] {
  return streetRuns(core.grid).map((run) => ({
    name: run.line.name,
    class: run.line.class,
    kind: 'core' as const,
    widthM: run.line.widthM,
    points: run.points,
    townCode: core.grid.townCode,
  }));
}

/** The part of a road outside a core's zone at one end, joined to the nearest street of that core. */
function joinCore(points: XY[], core: Core, streets: readonly Road[]): XY[] {
  let k = 0;
  while (k < points.length - 1 && inCoreZone(core, points[k] as XY, 1.02)) k++;
  const rest = points.slice(k);
  const head = rest[0] as XY;
  let best: { point: XY; dist: number } | null = null;
  for (const s of streets) {
    const n = nearestOnPolyline(head, s.points);
    if (!best || n.dist < best.dist) best = n;
  }
  return best && best.dist > 1 ? [best.point, ...rest] : rest;
}

export function countyRoads(rng: Rng, seats: readonly Seat[], seatXY: readonly XY[], inCounty: RingMask, water: Water, cores: readonly Core[], streets: readonly Road[]): Road[] {
  const delaunay = Delaunay.from(seatXY as XY[]);
  const roads: Road[] = [];
  const { halfedges, triangles } = delaunay;
  for (let e = 0; e < halfedges.length; e++) {
    // Each undirected edge once: the half-edge with the larger index than its twin, or a hull edge.
    if ((halfedges[e] as number) > e) continue;
    const i = triangles[e] as number;
    const j = triangles[e % 3 === 2 ? e - 2 : e + 1] as number;
    const [a, b] = i < j ? [i, j] : [j, i];
    const pa = seatXY[a] as XY;
    const pb = seatXY[b] as XY;
    const length = dist(pa, pb);
    if (length > MAX_COUNTY_ROAD_M) continue;
    // A gentle bend: the midpoints move sideways by a few percent of the length.
    const normal: XY = [-(pb[1] - pa[1]) / length, (pb[0] - pa[0]) / length];
    const bend = (t: number): XY => {
      const p = lerp(pa, pb, t);
      const off = rng.range(-0.05, 0.05) * length;
      return [p[0] + normal[0] * off, p[1] + normal[1] * off];
    };
    const course = densify([pa, bend(0.3), bend(0.55), bend(0.8), pb], 100);
    if (!course.every((p) => inCounty.contains(p))) continue;
    let wet = false;
    for (let k = 0; k + 1 < course.length; k++) wet ||= crossesWaterArea(water, course[k] as XY, course[k + 1] as XY);
    if (wet) continue;
    // The road stops where each town's streets begin instead of cutting across its blocks.
    const coreA = cores[a] as Core;
    const coreB = cores[b] as Core;
    const streetsOf = (c: Core) => streets.filter((s) => s.townCode === c.grid.townCode);
    const trimmed = joinCore(joinCore(course, coreA, streetsOf(coreA)).reverse(), coreB, streetsOf(coreB)).reverse();
    if (trimmed.length < 2) continue;
    const sa = seats[a] as Seat;
    const sb = seats[b] as Seat;
    const [first, second] = sb.roadChar === '宝' ? [sb, sa] : [sa, sb];
    roads.push({ name: `${first.roadChar}${second.roadChar}公路`, class: 'secondary', kind: 'county', widthM: 12, points: simplify(trimmed, 3) });
  }
  return roads;
}

const EXPRESSWAY: LonLat[] = [
  [119.44, 33.0],
  [119.432, 33.1],
  [119.426, 33.2],
  [119.421, 33.3],
  [119.426, 33.43],
];

export function expressway(proj: Projection, outline: readonly XY[]): Road {
  const points = clipPolylineToRing(EXPRESSWAY.map(proj.toXY), outline, 500);
  return { name: '京沪高速', class: 'primary', kind: 'expressway', widthM: 35, points };
}

/** Village lanes: access lanes from village seats to the nearest road, hamlet loops and hamlet links. */
export function villageLanes(villages: readonly PlannedVillage[], unitsByVillage: ReadonlyMap<string, PlannedUnit[]>, connectTo: readonly Road[]): { lanes: Road[]; gates: Map<string, XY> } {
  const lanes: Road[] = [];
  const gates = new Map<string, XY>();
  const boxes = connectTo.map((r) => boxOf(r.points));
  for (const pv of villages) {
    const units = unitsByVillage.get(pv.village.code) ?? [];
    const rural = units.filter((u) => u.anchor.kind === 'hamlet');
    if (rural.length === 0) continue;
    let best: { point: XY; dist: number } = { point: pv.site, dist: Infinity };
    connectTo.forEach((road, k) => {
      const b = boxes[k] as Box;
      const dx = Math.max(b.minX - pv.site[0], 0, pv.site[0] - b.maxX);
      const dy = Math.max(b.minY - pv.site[1], 0, pv.site[1] - b.maxY);
      if (Math.hypot(dx, dy) >= best.dist) return;
      const n = nearestOnPolyline(pv.site, road.points);
      if (n.dist < best.dist) best = n;
    });
    if (best.dist > 20 && Number.isFinite(best.dist)) {
      lanes.push({ name: null, class: 'street', kind: 'lane', widthM: 6, points: [pv.site, best.point] });
      gates.set(pv.village.code, best.point);
    }
    for (const u of rural) {
      if (u.anchor.kind !== 'hamlet') continue;
      const loop = u.anchor.hamlet.loop;
      lanes.push({ name: null, class: 'street', kind: 'lane', widthM: 4, points: [...loop, loop[0] as XY] });
      if (u.site !== pv.site) lanes.push({ name: null, class: 'street', kind: 'lane', widthM: 4, points: [u.site, pv.site] });
    }
  }
  return { lanes, gates };
}
