// Plane geometry for the generator. Everything is built in local metres (x east, y north) around the
// county's centre and converted to WGS84 degrees once at the end; a county is small enough for an
// equirectangular projection to be exact to well under a metre of what we need.
import type { LonLat } from '../../native/api/model.js';

export type XY = [number, number];
export type Box = { minX: number; minY: number; maxX: number; maxY: number };

const METRES_PER_DEG_LAT = 110_574;
const METRES_PER_DEG_LON_EQUATOR = 111_320;

export interface Projection {
  toXY(p: LonLat): XY;
  toLonLat(p: XY): LonLat;
}

export function projection(origin: LonLat): Projection {
  const [lon0, lat0] = origin;
  const kx = METRES_PER_DEG_LON_EQUATOR * Math.cos((lat0 * Math.PI) / 180);
  const ky = METRES_PER_DEG_LAT;
  return {
    toXY: ([lon, lat]) => [(lon - lon0) * kx, (lat - lat0) * ky],
    toLonLat: ([x, y]) => [round6(lon0 + x / kx), round6(lat0 + y / ky)],
  };
}

export function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

export const add = (a: XY, b: XY): XY => [a[0] + b[0], a[1] + b[1]];
export const lerp = (a: XY, b: XY, t: number): XY => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
export const dist = (a: XY, b: XY): number => {
  // Math.hypot is several times slower than this, and distances are computed millions of times.
  const dx = a[0] - b[0];
  const dy = a[1] - b[1];
  return Math.sqrt(dx * dx + dy * dy);
};

/** Rotates a vector counter-clockwise by `angle` radians. */
export function rotate(v: XY, angle: number): XY {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return [v[0] * c - v[1] * s, v[0] * s + v[1] * c];
}

/** Compass bearing of the direction a→b: degrees clockwise from north, in [0, 360). */
export function bearing(a: XY, b: XY): number {
  const deg = (Math.atan2(b[0] - a[0], b[1] - a[1]) * 180) / Math.PI;
  const wrapped = ((deg % 360) + 360) % 360;
  return wrapped >= 360 ? 0 : wrapped;
}

export function boxOf(points: readonly XY[]): Box {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    const x = p[0];
    const y = p[1];
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return { minX, minY, maxX, maxY };
}

export function boxContains(b: Box, p: XY, margin = 0): boolean {
  return p[0] >= b.minX - margin && p[0] <= b.maxX + margin && p[1] >= b.minY - margin && p[1] <= b.maxY + margin;
}

/** Signed area of an open ring (counter-clockwise positive). */
export function ringArea(ring: readonly XY[]): number {
  let a = 0;
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i] as XY;
    const q = ring[(i + 1) % ring.length] as XY;
    a += p[0] * q[1] - q[0] * p[1];
  }
  return a / 2;
}

export function ringCentroid(ring: readonly XY[]): XY {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i] as XY;
    const q = ring[(i + 1) % ring.length] as XY;
    const f = p[0] * q[1] - q[0] * p[1];
    a += f;
    cx += (p[0] + q[0]) * f;
    cy += (p[1] + q[1]) * f;
  }
  if (Math.abs(a) < 1e-9) {
    const b = boxOf(ring);
    return [(b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2];
  }
  return [cx / (3 * a), cy / (3 * a)];
}

/** Even–odd point-in-polygon test on an open ring. */
export function pointInRing(p: XY, ring: readonly XY[]): boolean {
  // Indexed reads, not destructuring: this is the generator's hottest loop.
  let inside = false;
  const x = p[0];
  const y = p[1];
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as XY;
    const b = ring[j] as XY;
    const yi = a[1];
    const yj = b[1];
    if (yi > y !== yj > y && x < ((b[0] - a[0]) * (y - yi)) / (yj - yi) + a[0]) inside = !inside;
  }
  return inside;
}

export interface Nearest {
  point: XY;
  dist: number;
  /** Distance along the polyline from its first point to `point`. */
  along: number;
}

export function nearestOnSegment(p: XY, a: XY, b: XY): { point: XY; t: number; dist: number } {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  const point: XY = [a[0] + dx * t, a[1] + dy * t];
  return { point, t, dist: dist(p, point) };
}

export function nearestOnPolyline(p: XY, line: readonly XY[]): Nearest {
  let best: Nearest = { point: line[0] as XY, dist: Infinity, along: 0 };
  let walked = 0;
  for (let i = 0; i + 1 < line.length; i++) {
    const a = line[i] as XY;
    const b = line[i + 1] as XY;
    const n = nearestOnSegment(p, a, b);
    const segLen = dist(a, b);
    if (n.dist < best.dist) best = { point: n.point, dist: n.dist, along: walked + n.t * segLen };
    walked += segLen;
  }
  return best;
}

/** Distance from a point to the boundary of an open ring. */
export function distToRingEdge(p: XY, ring: readonly XY[]): number {
  let best = Infinity;
  for (let i = 0; i < ring.length; i++) {
    const d = nearestOnSegment(p, ring[i] as XY, ring[(i + 1) % ring.length] as XY).dist;
    if (d < best) best = d;
  }
  return best;
}

export function polylineLength(line: readonly XY[]): number {
  let len = 0;
  for (let i = 0; i + 1 < line.length; i++) len += dist(line[i] as XY, line[i + 1] as XY);
  return len;
}

export function ringPerimeter(ring: readonly XY[]): number {
  return polylineLength(ring) + dist(ring[ring.length - 1] as XY, ring[0] as XY);
}

/** The point at distance `d` along a polyline and the unit direction of travel there. */
export function pointAlong(line: readonly XY[], d: number): { point: XY; dir: XY } {
  let left = Math.max(0, d);
  for (let i = 0; i + 1 < line.length; i++) {
    const a = line[i] as XY;
    const b = line[i + 1] as XY;
    const segLen = dist(a, b);
    if (left <= segLen || i + 2 === line.length) {
      const t = segLen === 0 ? 0 : Math.min(1, left / segLen);
      const dir: XY = segLen === 0 ? [1, 0] : [(b[0] - a[0]) / segLen, (b[1] - a[1]) / segLen];
      return { point: lerp(a, b, t), dir };
    }
    left -= segLen;
  }
  return { point: line[0] as XY, dir: [1, 0] };
}

/** Points every `step` metres or closer along a polyline, keeping its vertices. */
export function densify(line: readonly XY[], step: number): XY[] {
  const out: XY[] = [];
  for (let i = 0; i + 1 < line.length; i++) {
    const a = line[i] as XY;
    const b = line[i + 1] as XY;
    const n = Math.max(1, Math.ceil(dist(a, b) / step));
    for (let k = 0; k < n; k++) out.push(lerp(a, b, k / n));
  }
  const last = line[line.length - 1];
  if (last) out.push(last);
  return out;
}

/** Douglas–Peucker simplification of an open polyline. */
export function simplify(line: readonly XY[], tolerance: number): XY[] {
  if (line.length < 3) return line.slice();
  const keep = new Uint8Array(line.length);
  keep[0] = 1;
  keep[line.length - 1] = 1;
  const stack: [number, number][] = [[0, line.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop() as [number, number];
    let worst = -1;
    let worstDist = tolerance;
    for (let i = first + 1; i < last; i++) {
      const d = nearestOnSegment(line[i] as XY, line[first] as XY, line[last] as XY).dist;
      if (d > worstDist) {
        worst = i;
        worstDist = d;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([first, worst], [worst, last]);
    }
  }
  return line.filter((_, i) => keep[i] === 1);
}

/** Simplifies a closed ring by splitting it at its farthest-apart vertices first. */
export function simplifyRing(ring: readonly XY[], tolerance: number): XY[] {
  const first = ring[0] as XY;
  let far = 0;
  for (let i = 1; i < ring.length; i++) if (dist(first, ring[i] as XY) > dist(first, ring[far] as XY)) far = i;
  const a = simplify(ring.slice(0, far + 1), tolerance);
  const b = simplify([...ring.slice(far), first], tolerance);
  return [...a, ...b.slice(1, -1)];
}

/** The longest stretch of a polyline that stays inside a ring (the polyline is densified first). */
export function clipPolylineToRing(line: readonly XY[], ring: readonly XY[], step = 100): XY[] {
  const pts = densify(line, step);
  let best: XY[] = [];
  let run: XY[] = [];
  for (const p of pts) {
    if (pointInRing(p, ring)) run.push(p);
    else {
      if (run.length > best.length) best = run;
      run = [];
    }
  }
  if (run.length > best.length) best = run;
  return best;
}

/** Offsets a polyline sideways by `d` metres (left of travel for positive d), vertex by vertex. */
export function offsetPolyline(line: readonly XY[], d: number): XY[] {
  return line.map((p, i) => {
    const prev = line[Math.max(0, i - 1)] as XY;
    const next = line[Math.min(line.length - 1, i + 1)] as XY;
    const dx = next[0] - prev[0];
    const dy = next[1] - prev[1];
    const len = Math.hypot(dx, dy) || 1;
    return [p[0] - (dy / len) * d, p[1] + (dx / len) * d];
  });
}

export function segmentsIntersect(a: XY, b: XY, c: XY, d: XY): boolean {
  const o = (p: XY, q: XY, r: XY) => (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
  const d1 = o(c, d, a);
  const d2 = o(c, d, b);
  const d3 = o(a, b, c);
  const d4 = o(a, b, d);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/** Drops consecutive duplicate points (also between the last and the first) of an open ring. */
export function dedupeRing<T extends readonly [number, number]>(ring: readonly T[]): T[] {
  const out: T[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  while (out.length > 1) {
    const first = out[0] as T;
    const last = out[out.length - 1] as T;
    if (first[0] === last[0] && first[1] === last[1]) out.pop();
    else break;
  }
  return out;
}

/** A rectangle (open ring, counter-clockwise) centred at `c`, `w` along direction `angle`, `h` across. */
export function rectangle(c: XY, w: number, h: number, angle: number): XY[] {
  const corners: XY[] = [
    [-w / 2, -h / 2],
    [w / 2, -h / 2],
    [w / 2, h / 2],
    [-w / 2, h / 2],
  ];
  return corners.map((p) => add(c, rotate(p, angle)));
}
