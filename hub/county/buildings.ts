// Building footprints (统一地址库): frontage buildings around each core block, L-shaped corner buildings,
// rows of residential slabs inside big blocks, factories in the development zone, and houses along the
// lanes of each village seat's hamlet. Candidates are laid out here; the county step picks how many.
import type { BuildingUse } from '../../native/api/model.js';
import type { Core } from './cores.js';
import { type XY, dist, ringCentroid } from './geo.js';
import { type Hamlet, hamletPoint } from './hamlets.js';
import type { Rng } from './prng.js';
import { COUNTY_SEAT_CODE, DEV_ZONE_CODE } from './seats.js';
import { type StreetGrid, type StreetLine, toWorld } from './streetgrid.js';

export type Tier = 'seat' | 'devzone' | 'town' | 'rural';

/** Where a building's address comes from: a street and a position along it, or a village group. */
export type AddressKey =
  | { kind: 'street'; road: string; along: number; odd: boolean; slab: number | null }
  | { kind: 'village'; villageCode: string };

export interface BuildingCandidate {
  footprint: XY[];
  centre: XY;
  /** Half the shorter side: how far the building reaches from its centre at least. */
  reach: number;
  use: BuildingUse;
  floors: number;
  heightM: number;
  address: AddressKey;
  /** Lower is taken first within its tier. */
  priority: number;
}

interface Style {
  depth: [number, number];
  width: [number, number];
  gap: [number, number];
  skip: number;
  slabDepth: [number, number];
  slabLength: [number, number];
  rowGap: [number, number];
  lShape: number;
}

const STYLES: Record<Exclude<Tier, 'rural'>, Style> = {
  seat: { depth: [14, 22], width: [16, 45], gap: [4, 10], skip: 0.12, slabDepth: [12, 16], slabLength: [30, 60], rowGap: [22, 32], lShape: 0.35 },
  town: { depth: [10, 15], width: [10, 24], gap: [3, 8], skip: 0.18, slabDepth: [11, 14], slabLength: [24, 48], rowGap: [20, 28], lShape: 0.25 },
  devzone: { depth: [30, 55], width: [30, 60], gap: [10, 25], skip: 0.1, slabDepth: [25, 45], slabLength: [40, 60], rowGap: [15, 25], lShape: 0.1 },
};

export function tierOf(townCode: string): Exclude<Tier, 'rural'> {
  return townCode === COUNTY_SEAT_CODE ? 'seat' : townCode === DEV_ZONE_CODE ? 'devzone' : 'town';
}

type Placement = 'front-major' | 'front' | 'corner' | 'slab';

function pickFloors(rng: Rng, bands: [[number, number], number][]): number {
  const [lo, hi] = rng.weighted(bands);
  return rng.int(lo, hi);
}

/** Use, floors and height for a building of a tier and placement; heights stay within 6–80 m in towns. */
export function massing(rng: Rng, tier: Tier, placement: Placement | 'house' | 'village-hall'): { use: BuildingUse; floors: number; heightM: number } {
  if (tier === 'rural') {
    if (placement === 'village-hall') {
      const floors = rng.int(2, 3);
      return { use: 'public', floors, heightM: round1(floors * 3.3 + rng.range(0.3, 1.2)) };
    }
    const floors = rng.weighted<number>([[1, 0.2], [2, 0.6], [3, 0.2]]);
    return { use: 'residential', floors, heightM: round1(floors * 3.1 + rng.range(0.3, 1.5)) };
  }
  let use: BuildingUse;
  let floors: number;
  let storey = 3;
  if (tier === 'devzone') {
    use = placement === 'slab' ? 'industrial' : rng.weighted<BuildingUse>([['industrial', 0.7], ['commercial', 0.15], ['residential', 0.1], ['public', 0.05]]);
    if (use === 'industrial') {
      floors = rng.int(1, 3);
      storey = 6;
    } else floors = use === 'commercial' ? rng.int(4, 12) : rng.int(5, 6);
  } else if (tier === 'seat') {
    if (placement === 'slab') {
      use = rng.chance(0.92) ? 'residential' : 'public';
      floors = use === 'public' ? rng.int(3, 6) : pickFloors(rng, [[[6, 6], 0.35], [[7, 11], 0.25], [[12, 18], 0.25], [[19, 26], 0.15]]);
    } else {
      const major = placement === 'front-major' || placement === 'corner';
      use = rng.weighted<BuildingUse>(major ? [['commercial', 0.65], ['residential', 0.2], ['public', 0.15]] : [['residential', 0.5], ['commercial', 0.4], ['public', 0.1]]);
      floors = use === 'commercial' ? pickFloors(rng, [[[2, 4], 0.5], [[5, 9], 0.3], [[10, 20], 0.2]]) : use === 'public' ? rng.int(3, 6) : rng.int(5, 7);
    }
  } else {
    if (placement === 'slab') {
      use = 'residential';
      floors = rng.chance(0.85) ? rng.int(4, 7) : rng.int(8, 11);
    } else {
      use = rng.weighted<BuildingUse>([['commercial', 0.5], ['residential', 0.4], ['public', 0.1]]);
      floors = use === 'residential' ? rng.int(2, 6) : rng.int(2, 4);
    }
  }
  floors = Math.max(2, floors);
  if (use === 'industrial') floors = Math.max(1, Math.min(floors, 3));
  const heightM = Math.min(80, Math.max(6, floors * storey + (use === 'commercial' ? 1.5 : 0) + rng.range(0.3, 2)));
  return { use, floors, heightM: round1(heightM) };
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

function candidate(rng: Rng, tier: Tier, placement: Placement, local: XY[], g: StreetGrid, address: AddressKey, priority: number, minSide: number): BuildingCandidate {
  const footprint = local.map(([u, v]) => toWorld(g, u, v));
  return { footprint, centre: ringCentroid(footprint), reach: minSide / 2, ...massing(rng, tier, placement), address, priority };
}

/** Lays out the buildings of one built block (i, j) of a core. */
export function blockBuildings(rng: Rng, core: Core, i: number, j: number): BuildingCandidate[] {
  const g = core.grid;
  const tier = tierOf(g.townCode);
  const st = STYLES[tier];
  const west = g.us[i] as StreetLine;
  const east = g.us[i + 1] as StreetLine;
  const south = g.vs[j] as StreetLine;
  const north = g.vs[j + 1] as StreetLine;
  const setback = 3;
  const u0 = west.offset + west.widthM / 2 + setback;
  const u1 = east.offset - east.widthM / 2 - setback;
  const v0 = south.offset + south.widthM / 2 + setback;
  const v1 = north.offset - north.widthM / 2 - setback;
  const uStart = (g.us[0] as StreetLine).offset;
  const vStart = (g.vs[0] as StreetLine).offset;
  const seatDist = dist(toWorld(g, (u0 + u1) / 2, (v0 + v1) / 2), core.seat);
  const priority = () => seatDist * rng.range(0.8, 1.25);
  const out: BuildingCandidate[] = [];
  const d = rng.range(st.depth[0], st.depth[1]);
  const cornerSize = d + 8;
  // Frontage starts clear of the longest L arm (cornerSize + 14).
  const frontFrom = cornerSize + 18;
  if (u1 - u0 < 2 * (cornerSize + 4) || v1 - v0 < 2 * (cornerSize + 4)) return out;
  const isMajor = (l: StreetLine) => l.class !== 'street';
  const streetKey = (l: StreetLine, along: number, odd: boolean, slab: number | null = null): AddressKey => ({ kind: 'street', road: l.name, along, odd, slab });

  // Corners: an L wrapping the corner, or a squarish building; addressed on the busier street.
  const corners: [number, number, number, number, StreetLine, StreetLine][] = [
    [u0, v0, 1, 1, west, south],
    [u1, v0, -1, 1, east, south],
    [u1, v1, -1, -1, east, north],
    [u0, v1, 1, -1, west, north],
  ];
  for (const [cu, cv, sx, sy, uLine, vLine] of corners) {
    if (rng.chance(st.skip)) continue;
    const p = (a: number, b: number): XY => [cu + sx * a, cv + sy * b];
    const onV = isMajor(vLine) || !isMajor(uLine);
    const address = onV ? streetKey(vLine, cu - uStart, sy < 0) : streetKey(uLine, cv - vStart, sx < 0);
    const la = Math.min(cornerSize + rng.range(4, 14), 60);
    const lb = Math.min(cornerSize + rng.range(4, 14), 60);
    // An L only where both arms stick out at least 10 m past the other arm's depth.
    if (rng.chance(st.lShape) && la - d >= 10 && lb - d >= 10) {
      out.push(candidate(rng, tier, 'corner', [p(0, 0), p(la, 0), p(la, d), p(d, d), p(d, lb), p(0, lb)], g, address, priority(), d));
    } else {
      const s = Math.min(cornerSize, 60);
      out.push(candidate(rng, tier, 'corner', [p(0, 0), p(s, 0), p(s, s), p(0, s)], g, address, priority(), s));
    }
  }

  // Frontage along each side, between the corner buildings.
  const sides: { line: StreetLine; horizontal: boolean; fixed: number; inward: number; from: number; to: number; odd: boolean }[] = [
    { line: south, horizontal: true, fixed: v0, inward: 1, from: u0 + frontFrom, to: u1 - frontFrom, odd: false },
    { line: north, horizontal: true, fixed: v1, inward: -1, from: u0 + frontFrom, to: u1 - frontFrom, odd: true },
    { line: west, horizontal: false, fixed: u0, inward: 1, from: v0 + frontFrom, to: v1 - frontFrom, odd: false },
    { line: east, horizontal: false, fixed: u1, inward: -1, from: v0 + frontFrom, to: v1 - frontFrom, odd: true },
  ];
  for (const side of sides) {
    const placement: Placement = isMajor(side.line) ? 'front-major' : 'front';
    for (let x = side.from; ; ) {
      const w = rng.range(st.width[0], st.width[1]);
      if (x + w > side.to) break;
      const dd = Math.min(d * rng.range(0.8, 1.1), 60);
      if (!rng.chance(st.skip)) {
        const a = side.fixed;
        const b = side.fixed + side.inward * dd;
        const local: XY[] = side.horizontal ? [[x, a], [x + w, a], [x + w, b], [x, b]] : [[a, x], [b, x], [b, x + w], [a, x + w]];
        const along = (side.horizontal ? x + w / 2 - uStart : x + w / 2 - vStart);
        out.push(candidate(rng, tier, placement, local, g, streetKey(side.line, along, side.odd), priority(), Math.min(w, dd)));
      }
      x += w + rng.range(st.gap[0], st.gap[1]);
    }
  }

  // Inside: rows of slabs parallel to the block's longer side, addressed on the nearest street.
  const inner = 12;
  const iu0 = u0 + d + inner;
  const iu1 = u1 - d - inner;
  const iv0 = v0 + d + inner;
  const iv1 = v1 - d - inner;
  if (iu1 - iu0 >= 30 && iv1 - iv0 >= 30) {
    const alongU = iu1 - iu0 >= iv1 - iv0;
    const [a0, a1, b0, b1] = alongU ? [iu0, iu1, iv0, iv1] : [iv0, iv1, iu0, iu1];
    let slab = 0;
    const sd = rng.range(st.slabDepth[0], st.slabDepth[1]);
    for (let b = b0; b + sd <= b1; b += sd + rng.range(st.rowGap[0], st.rowGap[1])) {
      for (let a = a0; ; ) {
        const len = Math.min(60, rng.range(st.slabLength[0], st.slabLength[1]));
        if (a + len > a1) break;
        if (!rng.chance(st.skip)) {
          slab++;
          const local: XY[] = alongU ? [[a, b], [a + len, b], [a + len, b + sd], [a, b + sd]] : [[b, a], [b + sd, a], [b + sd, a + len], [b, a + len]];
          const cu = alongU ? a + len / 2 : b + sd / 2;
          const cv = alongU ? b + sd / 2 : a + len / 2;
          // Nearest side of the block gives the street the slab is numbered on.
          const gaps: [number, AddressKey][] = [
            [cv - v0, streetKey(south, cu - uStart, false, slab)],
            [v1 - cv, streetKey(north, cu - uStart, true, slab)],
            [cu - u0, streetKey(west, cv - vStart, false, slab)],
            [u1 - cu, streetKey(east, cv - vStart, true, slab)],
          ];
          gaps.sort((x, y) => x[0] - y[0]);
          out.push(candidate(rng, tier, 'slab', local, g, (gaps[0] as [number, AddressKey])[1], priority() * 1.1, Math.min(len, sd)));
        }
        a += len + rng.range(10, 20);
      }
    }
  }
  return out;
}

/** Houses along the lanes of a village seat's hamlet, nearest the village hall first. */
export function hamletBuildings(rng: Rng, hamlet: Hamlet, villageCode: string): BuildingCandidate[] {
  const out: BuildingCandidate[] = [];
  const address: AddressKey = { kind: 'village', villageCode };
  const add = (x: number, y: number, along: number, across: number, placement: 'house' | 'village-hall') => {
    const local: XY[] = [
      [x - along / 2, y - across / 2],
      [x + along / 2, y - across / 2],
      [x + along / 2, y + across / 2],
      [x - along / 2, y + across / 2],
    ];
    const footprint = local.map(([a, b]) => hamletPoint(hamlet, a, b));
    const centre = ringCentroid(footprint);
    out.push({ footprint, centre, reach: Math.min(along, across) / 2, ...massing(rng, 'rural', placement), address, priority: dist(centre, hamlet.site) });
  };
  // The village hall (村部) faces the near lane right by the site.
  add(0, 5 + 7, 22, 14, 'village-hall');
  const { width: w, depth: h } = hamlet;
  const margin = 20;
  // Along the near lane (y = 0), both sides; along the side lanes, inside the loop.
  const runs: { from: number; to: number; place: (s: number, along: number, across: number) => void }[] = [
    { from: -w / 2 + margin, to: w / 2 - margin, place: (s, a, c) => add(s, -(5 + c / 2), a, c, 'house') },
    { from: 18, to: w / 2 - margin, place: (s, a, c) => add(s, 5 + c / 2, a, c, 'house') },
    { from: -w / 2 + margin, to: -18, place: (s, a, c) => add(s, 5 + c / 2, a, c, 'house') },
    { from: margin, to: h - margin, place: (s, a, c) => add(w / 2 - (5 + c / 2), s, c, a, 'house') },
    { from: margin, to: h - margin, place: (s, a, c) => add(-w / 2 + (5 + c / 2), s, c, a, 'house') },
  ];
  for (const run of runs) {
    for (let s = run.from; ; ) {
      const along = rng.range(10, 14);
      const across = rng.range(8.5, 12);
      if (s + along > run.to) break;
      run.place(s + along / 2, along, across);
      s += along + rng.range(6, 14);
    }
  }
  return out;
}
