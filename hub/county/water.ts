// The county's water, drawn from memory of the map at county scale: the Grand Canal 京杭大运河 running
// north–south just west of the county seat, 宝应湖 in the western lobe, and the east–west rivers of the
// 里下河 plain. Courses are approximate; each gets a seeded meander and is clipped to the outline.
import polygonClipping from 'polygon-clipping';
import type { LonLat } from '../../native/api/model.js';
import {
  type Box,
  type Projection,
  type XY,
  add,
  boxContains,
  boxOf,
  clipPolylineToRing,
  densify,
  nearestOnPolyline,
  pointInRing,
  polylineLength,
  rotate,
  ringArea,
} from './geo.js';
import type { Rng } from './prng.js';
import { SpatialHash } from './spatial.js';

export interface WaterLine {
  name: string;
  class: 'canal' | 'river';
  widthM: number;
  line: XY[];
  box: Box;
}

export interface WaterArea {
  name: string | null;
  class: 'lake' | 'pond';
  ring: XY[];
  box: Box;
}

export interface Water {
  canal: WaterLine;
  lines: WaterLine[];
  areas: WaterArea[];
  /** River and canal segments, hashed, so bank-distance checks do not scan whole courses. */
  banks: SpatialHash;
}

/** Largest margin any caller asks inWater for, plus the widest channel's half-width, fits one hash cell. */
const BANK_CELL = 300;
const MAX_MARGIN = 160;

interface Course {
  name: string;
  class: 'canal' | 'river';
  widthM: number;
  meanderM: number;
  path: LonLat[];
}

const COURSES: Course[] = [
  {
    name: '京杭大运河',
    class: 'canal',
    widthM: 90,
    meanderM: 40,
    path: [[119.388, 33.005], [119.352, 33.05], [119.34, 33.09], [119.329, 33.14], [119.322, 33.19], [119.32, 33.24], [119.317, 33.29], [119.314, 33.34], [119.311, 33.43]],
  },
  { name: '宝射河', class: 'river', widthM: 45, meanderM: 140, path: [[119.321, 33.226], [119.4, 33.222], [119.48, 33.229], [119.56, 33.219], [119.64, 33.224], [119.73, 33.219]] },
  { name: '潼河', class: 'river', widthM: 40, meanderM: 160, path: [[119.328, 33.124], [119.4, 33.13], [119.47, 33.12], [119.55, 33.114], [119.62, 33.104], [119.7, 33.1]] },
  { name: '子婴河', class: 'river', widthM: 30, meanderM: 150, path: [[119.342, 33.058], [119.42, 33.068], [119.5, 33.05], [119.59, 33.04]] },
  { name: '泾河', class: 'river', widthM: 30, meanderM: 150, path: [[119.314, 33.347], [119.4, 33.342], [119.48, 33.349], [119.56, 33.344], [119.64, 33.338]] },
  { name: '大溪河', class: 'river', widthM: 25, meanderM: 120, path: [[119.41, 33.31], [119.46, 33.281], [119.51, 33.255], [119.556, 33.236]] },
];

/** Adds a smooth sideways meander (a few sine harmonics of random phase) to a densified course. */
function meander(rng: Rng, line: XY[], amplitude: number): XY[] {
  const pts = densify(line, 200);
  const total = polylineLength(pts);
  const waves = [1, 2.3, 5.1].map((k) => ({ k, phase: rng.range(0, Math.PI * 2), amp: amplitude / k }));
  let walked = 0;
  return pts.map((p, i) => {
    if (i > 0) walked += Math.hypot(p[0] - (pts[i - 1] as XY)[0], p[1] - (pts[i - 1] as XY)[1]);
    const prev = pts[Math.max(0, i - 1)] as XY;
    const next = pts[Math.min(pts.length - 1, i + 1)] as XY;
    const len = Math.hypot(next[0] - prev[0], next[1] - prev[1]) || 1;
    const normal: XY = [-(next[1] - prev[1]) / len, (next[0] - prev[0]) / len];
    const s = (walked / total) * Math.PI * 2;
    const off = waves.reduce((sum, w) => sum + w.amp * Math.sin(w.k * s * 3 + w.phase), 0);
    return [p[0] + normal[0] * off, p[1] + normal[1] * off];
  });
}

/** An irregular ellipse: radius modulated by low harmonics, rotated by `angle`. */
export function blob(rng: Rng, centre: XY, rx: number, ry: number, angle: number, points = 48, roughness = 0.12): XY[] {
  const harmonics = [2, 3, 5].map((k) => ({ k, phase: rng.range(0, Math.PI * 2), amp: rng.range(0.3, 1) * roughness }));
  const ring: XY[] = [];
  for (let i = 0; i < points; i++) {
    const t = (i / points) * Math.PI * 2;
    const r = 1 + harmonics.reduce((s, h) => s + h.amp * Math.sin(h.k * t + h.phase), 0);
    ring.push(add(centre, rotate([Math.cos(t) * rx * r, Math.sin(t) * ry * r], angle)));
  }
  return ring;
}

/** The largest piece of a polygon inside the outline. */
export function clipAreaToOutline(ring: XY[], outline: readonly XY[]): XY[] {
  const pieces = polygonClipping.intersection([[...ring, ring[0] as XY]], [[...outline, outline[0] as XY]]);
  let best: XY[] = [];
  for (const poly of pieces) {
    const outer = (poly[0] as XY[]).slice(0, -1);
    if (Math.abs(ringArea(outer)) > Math.abs(ringArea(best))) best = outer;
  }
  return best;
}

export function buildWater(rng: Rng, proj: Projection, outline: readonly XY[]): Water {
  const lines: WaterLine[] = COURSES.map((c) => {
    const course = meander(rng.fork(c.name), c.path.map(proj.toXY), c.meanderM);
    const line = clipPolylineToRing(course, outline, 150);
    if (line.length < 2) throw new Error(`water: ${c.name} lies outside the county`);
    return { name: c.name, class: c.class, widthM: c.widthM, line, box: boxOf(line) };
  });
  const lakeRing = clipAreaToOutline(blob(rng.fork('宝应湖'), proj.toXY([119.215, 33.232]), 1700, 3800, -0.15, 64, 0.1), outline);
  const areas: WaterArea[] = [{ name: '宝应湖', class: 'lake', ring: lakeRing, box: boxOf(lakeRing) }];
  const banks = new SpatialHash(BANK_CELL);
  for (const l of lines) banks.addPolyline(l.line, l.widthM / 2);
  return { canal: lines[0] as WaterLine, lines, areas, banks };
}

/** True where a point is in open water or within `margin` metres of a river or canal bank. */
export function inWater(water: Water, p: XY, margin = 0): boolean {
  for (const a of water.areas) if (boxContains(a.box, p, margin) && pointInRing(p, a.ring)) return true;
  if (margin > MAX_MARGIN) throw new Error(`inWater: margin ${margin} m is over ${MAX_MARGIN} m`);
  return water.banks.blocked(p, margin);
}

/** Which side of the Grand Canal a point lies: −1 west, +1 east (by the canal's x at the point's y). */
export function canalSide(water: Water, p: XY): -1 | 1 {
  const n = nearestOnPolyline(p, water.canal.line);
  return p[0] < n.point[0] ? -1 : 1;
}

/** True where the segment a→b crosses open water areas (lakes, ponds); rivers are bridged. */
export function crossesWaterArea(water: Water, a: XY, b: XY): boolean {
  for (const p of densify([a, b], 60)) {
    for (const area of water.areas) if (boxContains(area.box, p) && pointInRing(p, area.ring)) return true;
  }
  return false;
}
