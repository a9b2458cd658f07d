// Camera sites (雪亮工程 public video): every corner of core intersections, mid-block on core streets,
// each village hall and village gate, hamlet crossings, and stakes along the county roads. Candidates
// only; the county step picks how many of each and numbers them with GB/T 28181 ids.
import type { Camera } from '../../native/api/model.js';
import type { Core } from './cores.js';
import { type XY, add, dist, pointAlong, polylineLength, rotate } from './geo.js';
import type { Rng } from './prng.js';
import type { Road } from './roads.js';
import { type StreetLine, intersections, pointOnEdge, toWorld } from './streetgrid.js';
import type { PlannedUnit } from './units.js';
import type { PlannedVillage } from './villages.js';

export interface CameraCandidate {
  position: XY;
  name: string;
  kind: Camera['kind'];
  /** Lower is taken first within its pool. */
  priority: number;
}

/** GB/T 28181 device id: county 321023, "00" grassroots unit, type 132 (network camera), 7-digit serial. */
export function cameraId(serial: number): string {
  if (serial < 1 || serial > 9_999_999) throw new Error(`camera serial ${serial} out of range`);
  return `32102300` + `00` + `132` + String(serial).padStart(7, '0');
}

/** A house number from the position along a street: odd on the west/south side, even on the other. */
export function houseNumber(along: number, odd: boolean): number {
  return 2 * Math.max(0, Math.floor(along / 20)) + (odd ? 1 : 2);
}

const CORNERS: [number, number, string][] = [
  [1, 1, '东北角'],
  [-1, 1, '西北角'],
  [-1, -1, '西南角'],
  [1, -1, '东南角'],
];

export function intersectionCameras(rng: Rng, core: Core): CameraCandidate[] {
  const g = core.grid;
  const out: CameraCandidate[] = [];
  for (const x of intersections(g)) {
    const u = g.us[x.i] as StreetLine;
    const v = g.vs[x.j] as StreetLine;
    const base = dist(x.point, core.seat);
    for (const [su, sv, corner] of CORNERS) {
      const position = toWorld(g, u.offset + su * (u.widthM / 2 + 5), v.offset + sv * (v.widthM / 2 + 5));
      // Busier street first in the name, as the signs at a crossing read.
      const [a, b] = u.class !== 'street' && v.class === 'street' ? [u, v] : [v, u];
      out.push({
        position,
        name: `${a.name}与${b.name}交叉口-${corner}`,
        kind: rng.weighted<Camera['kind']>([['ptz', 0.25], ['bullet', 0.45], ['dome', 0.3]]),
        priority: base * rng.range(0.7, 1.3),
      });
    }
  }
  return out;
}

export function streetCameras(rng: Rng, core: Core): CameraCandidate[] {
  const g = core.grid;
  const out: CameraCandidate[] = [];
  const uStart = (g.us[0] as StreetLine).offset;
  const vStart = (g.vs[0] as StreetLine).offset;
  for (const axis of ['u', 'v'] as const) {
    const lines = axis === 'u' ? g.us : g.vs;
    const cross = axis === 'u' ? g.vs : g.us;
    lines.forEach((line, k) => {
      for (let span = 0; span + 1 < cross.length; span++) {
        const i = axis === 'u' ? k : span;
        const j = axis === 'u' ? span : k;
        const blockEither = axis === 'u' ? [g.blocks.has(`${i - 1},${j}`), g.blocks.has(`${i},${j}`)] : [g.blocks.has(`${i},${j - 1}`), g.blocks.has(`${i},${j}`)];
        if (!blockEither[0] && !blockEither[1]) continue;
        const t = rng.range(0.35, 0.65);
        const mid = pointOnEdge(g, axis, k, span, t);
        const side = rng.chance(0.5) ? 1 : -1;
        const shift: XY = axis === 'u' ? [side * (line.widthM / 2 + 4), 0] : [0, side * (line.widthM / 2 + 4)];
        const position = add(mid, rotate(shift, g.angle));
        const [cu, cv] = axis === 'u' ? [line.offset, 0] : [0, line.offset];
        const along = axis === 'u' ? dist(mid, toWorld(g, cu, vStart)) : dist(mid, toWorld(g, uStart, cv));
        out.push({
          position,
          name: `${line.name}${houseNumber(along, side < 0)}号门前`,
          kind: rng.weighted<Camera['kind']>([['bullet', 0.6], ['dome', 0.4]]),
          priority: dist(mid, core.seat) * rng.range(0.9, 1.6),
        });
      }
    });
  }
  return out;
}

/** Village halls first (round 0), then village gates (1), then hamlet crossings (2, 3, …). */
export function villageCameras(rng: Rng, villages: readonly PlannedVillage[], unitsByVillage: ReadonlyMap<string, PlannedUnit[]>, gates: ReadonlyMap<string, XY>): CameraCandidate[] {
  const out: CameraCandidate[] = [];
  villages.forEach((pv, order) => {
    const units = unitsByVillage.get(pv.village.code) ?? [];
    if (!units.some((u) => u.anchor.kind === 'hamlet')) return;
    const name = pv.village.name;
    const hall = name.endsWith('社区') ? `${name}服务中心` : `${name}村部`;
    const tie = order / 10_000;
    out.push({ position: add(pv.site, [3, 3]), name: hall, kind: 'dome', priority: 0 + tie });
    const gate = gates.get(pv.village.code);
    if (gate) out.push({ position: add(gate, [6, 6]), name: `${name}${name.endsWith('村') ? '' : '村'}口`, kind: 'bullet', priority: 1 + tie });
    units.forEach((u, k) => {
      if (k === 0 || u.anchor.kind !== 'hamlet') return;
      out.push({ position: add(u.site, [-4, 4]), name: `${name}${k + 1}组路口`, kind: rng.chance(0.7) ? 'dome' : 'bullet', priority: 1 + k + tie });
    });
  });
  return out;
}

/** Stakes every kilometre along county roads, named by the road's kilometre post (宝射公路K3+000). */
export function roadCameras(rng: Rng, roads: readonly Road[]): CameraCandidate[] {
  const out: CameraCandidate[] = [];
  roads.forEach((road, r) => {
    const length = polylineLength(road.points);
    for (let km = 1; km * 1000 < length - 800; km++) {
      const { point, dir } = pointAlong(road.points, km * 1000);
      const position = add(point, [dir[1] * (road.widthM / 2 + 4), -dir[0] * (road.widthM / 2 + 4)]);
      out.push({
        position,
        name: `${road.name ?? '县道'}K${km}+000`,
        kind: rng.weighted<Camera['kind']>([['bullet', 0.8], ['ptz', 0.2]]),
        priority: km + r / 1000,
      });
    }
  });
  return out;
}
