// A town core's street lattice: north–south lines (u) and east–west lines (v) at irregular spacing,
// slightly rotated, and the blocks between them kept inside an uneven ellipse around the town seat.
// Streets are the edges of kept blocks; blocks are where the urban buildings go.
import { type XY, add, rotate } from './geo.js';
import type { Rng } from './prng.js';

export type RoadClass = 'primary' | 'secondary' | 'street';
export type Axis = 'u' | 'v';

export interface StreetLine {
  /** Offset of the line along the other axis, metres from the grid origin. */
  offset: number;
  /** Index relative to the line through the origin (0), negative west/south. */
  rank: number;
  name: string;
  class: RoadClass;
  widthM: number;
}

export type BlockUse = 'built' | 'green';

export interface StreetGrid {
  townCode: string;
  origin: XY;
  angle: number;
  /** North–south lines, west to east. */
  us: StreetLine[];
  /** East–west lines, south to north. */
  vs: StreetLine[];
  /** Block (i, j) lies between us[i], us[i+1] and vs[j], vs[j+1]; absent = not part of the core. */
  blocks: Map<string, BlockUse>;
}

/** A point on a street edge: on line `axis`[line], between cross lines `span` and `span`+1, fraction t. */
export interface StreetPoint {
  grid: StreetGrid;
  axis: Axis;
  line: number;
  span: number;
  t: number;
  point: XY;
}

export type LineStyle = (axis: Axis, rank: number) => Omit<StreetLine, 'offset' | 'rank'>;
export type BlockVerdict = 'keep' | 'green' | 'drop';

export interface StreetGridOptions {
  rng: Rng;
  townCode: string;
  origin: XY;
  angle: number;
  radiusU: number;
  radiusV: number;
  spacing: [number, number];
  style: LineStyle;
  /** Judges each candidate block (i, j) by its corners (world metres) and centre. */
  judge: (corners: XY[], centre: XY, key: string) => BlockVerdict;
}

export const blockKey = (i: number, j: number): string => `${i},${j}`;

export function toWorld(g: StreetGrid, u: number, v: number): XY {
  return add(g.origin, rotate([u, v], g.angle));
}

function offsets(rng: Rng, radius: number, spacing: [number, number]): number[] {
  const out = [0];
  for (let x = 0; x < radius + spacing[1]; ) out.push((x += rng.range(spacing[0], spacing[1])));
  for (let x = 0; x > -radius - spacing[1]; ) out.unshift((x -= rng.range(spacing[0], spacing[1])));
  return out;
}

export function buildStreetGrid(o: StreetGridOptions): StreetGrid {
  const uOffsets = offsets(o.rng, o.radiusU, o.spacing);
  const vOffsets = offsets(o.rng, o.radiusV, o.spacing);
  const u0 = uOffsets.indexOf(0);
  const v0 = vOffsets.indexOf(0);
  const g: StreetGrid = {
    townCode: o.townCode,
    origin: o.origin,
    angle: o.angle,
    us: uOffsets.map((offset, i) => ({ offset, rank: i - u0, ...o.style('u', i - u0) })),
    vs: vOffsets.map((offset, j) => ({ offset, rank: j - v0, ...o.style('v', j - v0) })),
    blocks: new Map(),
  };
  // The core's edge wobbles: the ellipse's radius varies with direction by two random harmonics.
  const h1 = o.rng.range(0, Math.PI * 2);
  const h2 = o.rng.range(0, Math.PI * 2);
  for (let i = 0; i + 1 < g.us.length; i++) {
    for (let j = 0; j + 1 < g.vs.length; j++) {
      const [ua, ub] = [(g.us[i] as StreetLine).offset, (g.us[i + 1] as StreetLine).offset];
      const [va, vb] = [(g.vs[j] as StreetLine).offset, (g.vs[j + 1] as StreetLine).offset];
      const uc = (ua + ub) / 2;
      const vc = (va + vb) / 2;
      const theta = Math.atan2(vc / o.radiusV, uc / o.radiusU);
      const reach = 1 + 0.14 * Math.sin(3 * theta + h1) + 0.08 * Math.sin(5 * theta + h2);
      if ((uc / o.radiusU) ** 2 + (vc / o.radiusV) ** 2 > reach * reach) continue;
      const corners = [toWorld(g, ua, va), toWorld(g, ub, va), toWorld(g, ub, vb), toWorld(g, ua, vb)];
      const verdict = o.judge(corners, toWorld(g, uc, vc), blockKey(i, j));
      if (verdict === 'keep') g.blocks.set(blockKey(i, j), 'built');
      else if (verdict === 'green') g.blocks.set(blockKey(i, j), 'green');
    }
  }
  return g;
}

export const hasBlock = (g: StreetGrid, i: number, j: number): boolean => g.blocks.has(blockKey(i, j));

/** Whether the street edge on line `axis`[line] between cross lines span and span+1 exists. */
export function hasEdge(g: StreetGrid, axis: Axis, line: number, span: number): boolean {
  return axis === 'u' ? hasBlock(g, line - 1, span) || hasBlock(g, line, span) : hasBlock(g, span, line - 1) || hasBlock(g, span, line);
}

/** World point of the crossing of u-line i and v-line j. */
export function node(g: StreetGrid, i: number, j: number): XY {
  return toWorld(g, (g.us[i] as StreetLine).offset, (g.vs[j] as StreetLine).offset);
}

export function pointOnEdge(g: StreetGrid, axis: Axis, line: number, span: number, t: number): XY {
  if (axis === 'u') {
    const u = (g.us[line] as StreetLine).offset;
    const va = (g.vs[span] as StreetLine).offset;
    const vb = (g.vs[span + 1] as StreetLine).offset;
    return toWorld(g, u, va + (vb - va) * t);
  }
  const v = (g.vs[line] as StreetLine).offset;
  const ua = (g.us[span] as StreetLine).offset;
  const ub = (g.us[span + 1] as StreetLine).offset;
  return toWorld(g, ua + (ub - ua) * t, v);
}

/** Each line's continuous runs of existing edges, as world polylines from node to node. */
export function streetRuns(g: StreetGrid): { axis: Axis; line: StreetLine; points: XY[] }[] {
  const runs: { axis: Axis; line: StreetLine; points: XY[] }[] = [];
  for (const axis of ['u', 'v'] as const) {
    const lines = axis === 'u' ? g.us : g.vs;
    const cross = axis === 'u' ? g.vs : g.us;
    lines.forEach((line, k) => {
      let start = -1;
      for (let s = 0; s <= cross.length - 1; s++) {
        const on = s < cross.length - 1 && hasEdge(g, axis, k, s);
        if (on && start < 0) start = s;
        if (!on && start >= 0) {
          const points: XY[] = [];
          for (let c = start; c <= s; c++) points.push(axis === 'u' ? node(g, k, c) : node(g, c, k));
          runs.push({ axis, line, points });
          start = -1;
        }
      }
    });
  }
  return runs;
}

/** Points along every existing edge at the given fractions: where street-side things can stand. */
export function streetPoints(g: StreetGrid, fractions: readonly number[]): StreetPoint[] {
  const out: StreetPoint[] = [];
  for (const axis of ['u', 'v'] as const) {
    const lines = axis === 'u' ? g.us : g.vs;
    const cross = axis === 'u' ? g.vs : g.us;
    for (let line = 0; line < lines.length; line++) {
      for (let span = 0; span + 1 < cross.length; span++) {
        if (!hasEdge(g, axis, line, span)) continue;
        for (const t of fractions) out.push({ grid: g, axis, line, span, t, point: pointOnEdge(g, axis, line, span, t) });
      }
    }
  }
  return out;
}

/** Crossings where at least three street edges meet (a true intersection, not a bend). */
export function intersections(g: StreetGrid): { i: number; j: number; point: XY; arms: { n: boolean; s: boolean; e: boolean; w: boolean } }[] {
  const out: { i: number; j: number; point: XY; arms: { n: boolean; s: boolean; e: boolean; w: boolean } }[] = [];
  for (let i = 0; i < g.us.length; i++) {
    for (let j = 0; j < g.vs.length; j++) {
      const arms = {
        n: j + 1 < g.vs.length && hasEdge(g, 'u', i, j),
        s: j > 0 && hasEdge(g, 'u', i, j - 1),
        e: i + 1 < g.us.length && hasEdge(g, 'v', j, i),
        w: i > 0 && hasEdge(g, 'v', j, i - 1),
      };
      const degree = Number(arms.n) + Number(arms.s) + Number(arms.e) + Number(arms.w);
      if (degree >= 3) out.push({ i, j, point: node(g, i, j), arms });
    }
  }
  return out;
}

/** Corners of block (i, j) in world metres, counter-clockwise from south-west. */
export function blockCorners(g: StreetGrid, i: number, j: number): XY[] {
  return [node(g, i, j), node(g, i + 1, j), node(g, i + 1, j + 1), node(g, i, j + 1)];
}

/**
 * A closed walk around a block beside the street point, starting at the point: the patrol loop of a
 * grid worker whose unit grid sits on that street.
 */
export function loopAround(sp: StreetPoint, rng: Rng): XY[] | null {
  const g = sp.grid;
  const { axis, line, span } = sp;
  // The two blocks either side of the edge: for a u-edge, west (line-1, span) and east (line, span).
  const sides: [number, number][] = axis === 'u' ? [[line - 1, span], [line, span]] : [[span, line - 1], [span, line]];
  const options = sides.filter(([i, j]) => hasBlock(g, i, j));
  if (options.length === 0) return null;
  const [i, j] = options.length === 1 ? (options[0] as [number, number]) : rng.pick(options);
  const c = blockCorners(g, i, j);
  const [sw, se, ne, nw] = c as [XY, XY, XY, XY];
  // Walk counter-clockwise starting from the street point on whichever side of the block it lies.
  if (axis === 'u') return line === i ? [sp.point, sw, se, ne, nw] : [sp.point, ne, nw, sw, se];
  return line === j ? [sp.point, se, ne, nw, sw] : [sp.point, nw, sw, se, ne];
}
