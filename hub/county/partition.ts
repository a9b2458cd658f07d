// Cutting a polygon into regions: Voronoi cells of sites clipped to the parent (villages, unit grids), and
// region growing over small Voronoi "atoms" for regions of chosen areas (towns). Every region is one
// simple ring; a stray piece left by clipping is merged into a neighbour so children still tile the parent.
import { Delaunay } from 'd3-delaunay';
import polygonClipping, { type Polygon as PcPolygon } from 'polygon-clipping';
import {
  type Box,
  type XY,
  boxOf,
  dist,
  pointInRing,
  ringArea,
  ringCentroid,
  segmentsIntersect,
} from './geo.js';
import type { Rng } from './prng.js';

const close = (ring: readonly XY[]): XY[] => [...ring, ring[0] as XY];
const open = (ring: readonly XY[]): XY[] => ring.slice(0, -1);
const ccw = (ring: XY[]): XY[] => (ringArea(ring) < 0 ? ring.slice().reverse() : ring);

/** A uniformly random point inside a ring (rejection sampling in its box), or null after many misses. */
export function randomPointIn(rng: Rng, ring: readonly XY[], box: Box = boxOf(ring), accept?: (p: XY) => boolean): XY | null {
  for (let tries = 0; tries < 500; tries++) {
    const p: XY = [rng.range(box.minX, box.maxX), rng.range(box.minY, box.maxY)];
    if (pointInRing(p, ring) && (!accept || accept(p))) return p;
  }
  return null;
}

/**
 * Mitchell's best-candidate sampling: `count` points, each the candidate farthest from those already
 * chosen (and from `avoid`), which spreads points evenly without a relaxation loop.
 */
export function bestCandidates(rng: Rng, count: number, candidate: () => XY | null, avoid: readonly XY[] = [], tries = 16): XY[] {
  const chosen: XY[] = [];
  for (let k = 0; k < count; k++) {
    let best: XY | null = null;
    let bestDist = -1;
    for (let t = 0; t < tries; t++) {
      const c = candidate();
      if (!c) continue;
      let d = Infinity;
      for (const p of chosen) d = Math.min(d, dist(p, c));
      for (const p of avoid) d = Math.min(d, dist(p, c));
      if (d < 1) continue; // a repeat of a chosen point would give Voronoi a duplicate site
      if (d > bestDist) {
        best = c;
        bestDist = d;
      }
    }
    if (!best) throw new Error(`bestCandidates: no candidate point found (${k}/${count})`);
    chosen.push(best);
  }
  return chosen;
}

/** Voronoi cells of the sites (convex open rings) inside a bounding box. */
export function voronoiCells(sites: readonly XY[], box: Box): XY[][] {
  const delaunay = Delaunay.from(sites as XY[]);
  const voronoi = delaunay.voronoi([box.minX, box.minY, box.maxX, box.maxY]);
  return sites.map((_, i) => {
    const cell = voronoi.cellPolygon(i);
    if (!cell) throw new Error(`voronoiCells: site ${i} has no cell (duplicate site?)`);
    return open(cell.map(([x, y]) => [x, y] as XY));
  });
}

/**
 * The part of a ring inside a box (Sutherland–Hodgman). Where the ring leaves and re-enters the box the
 * result runs along the box edge; clipping a cell that lies strictly inside the box against this instead
 * of the whole ring gives the same answer with far fewer edges for polygon-clipping to sweep.
 */
export function clipRingToBox(ring: readonly XY[], box: Box): XY[] {
  const planes: [XY, number][] = [
    [[-1, 0], -box.minX],
    [[1, 0], box.maxX],
    [[0, -1], -box.minY],
    [[0, 1], box.maxY],
  ];
  let poly = ring.slice();
  for (const [a, b] of planes) {
    const out: XY[] = [];
    for (let i = 0; i < poly.length; i++) {
      const p = poly[i] as XY;
      const q = poly[(i + 1) % poly.length] as XY;
      const fp = a[0] * p[0] + a[1] * p[1] - b;
      const fq = a[0] * q[0] + a[1] * q[1] - b;
      if (fp <= 0) out.push(p);
      if ((fp < 0 && fq > 0) || (fp > 0 && fq < 0)) {
        const t = fp / (fp - fq);
        out.push([p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t]);
      }
    }
    poly = out;
    if (poly.length === 0) break;
  }
  return poly;
}

/** Intersection of a cell with the parent, sweeping only the parent's edges near the cell. */
function intersectWithParent(cell: readonly XY[], parent: readonly XY[]): XY[][] {
  const b = boxOf(cell);
  const pad = Math.max(b.maxX - b.minX, b.maxY - b.minY) * 0.05 + 1;
  const local = clipRingToBox(parent, { minX: b.minX - pad, minY: b.minY - pad, maxX: b.maxX + pad, maxY: b.maxY + pad });
  if (local.length < 3) return [];
  return polygonClipping.intersection([close(cell)], [close(local)]).map((poly) => open(poly[0] as XY[]));
}

/** Each parent's edge boxes, computed once: the boundary test runs for every cell of every partition. */
const edgeBoxes = new WeakMap<readonly XY[], Float64Array>();

function edgeBoxesOf(parent: readonly XY[]): Float64Array {
  let boxes = edgeBoxes.get(parent);
  if (!boxes) {
    boxes = new Float64Array(parent.length * 4);
    for (let i = 0; i < parent.length; i++) {
      const a = parent[i] as XY;
      const b = parent[(i + 1) % parent.length] as XY;
      boxes[i * 4] = Math.min(a[0], b[0]);
      boxes[i * 4 + 1] = Math.min(a[1], b[1]);
      boxes[i * 4 + 2] = Math.max(a[0], b[0]);
      boxes[i * 4 + 3] = Math.max(a[1], b[1]);
    }
    edgeBoxes.set(parent, boxes);
  }
  return boxes;
}

/** Whether a cell reaches outside the parent (so it must be clipped) or holds part of its boundary. */
function crossesBoundary(cell: readonly XY[], parent: readonly XY[], parentBox: Box): boolean {
  const cellBox = boxOf(cell);
  if (cellBox.minX < parentBox.minX || cellBox.minY < parentBox.minY || cellBox.maxX > parentBox.maxX || cellBox.maxY > parentBox.maxY) return true;
  const boxes = edgeBoxesOf(parent);
  for (let i = 0; i < parent.length; i++) {
    if (
      (boxes[i * 4 + 2] as number) < cellBox.minX ||
      (boxes[i * 4] as number) > cellBox.maxX ||
      (boxes[i * 4 + 3] as number) < cellBox.minY ||
      (boxes[i * 4 + 1] as number) > cellBox.maxY
    ) {
      continue;
    }
    // Some boundary edge comes near: the cell is clipped unless it lies wholly inside after all.
    const a = parent[i] as XY;
    const b = parent[(i + 1) % parent.length] as XY;
    if (pointInRing(a, cell)) return true;
    for (let k = 0; k < cell.length; k++) {
      if (segmentsIntersect(a, b, cell[k] as XY, cell[(k + 1) % cell.length] as XY)) return true;
    }
  }
  return !pointInRing(cell[0] as XY, parent);
}

/**
 * Clips each cell to the parent and returns one simple ring per site. The piece of a cell that holds its
 * site is the region; any other piece is merged into the neighbouring region it touches.
 */
export function clipToParent(parent: readonly XY[], cells: readonly XY[][], sites: readonly XY[]): XY[][] {
  const parentBox = boxOf(parent);
  const regions: XY[][] = [];
  const orphans: XY[][] = [];
  cells.forEach((cell, i) => {
    if (cell.length < 3) throw new Error(`clipToParent: site ${i} has an empty cell`);
    if (!crossesBoundary(cell, parent, parentBox)) {
      regions.push(ccw(cell));
      return;
    }
    const pieces = intersectWithParent(cell, parent);
    const site = sites[i] as XY;
    let home = pieces.findIndex((piece) => pointInRing(site, piece));
    if (home < 0) home = pieces.reduce((best, piece, k) => (Math.abs(ringArea(piece)) > Math.abs(ringArea(pieces[best] as XY[])) ? k : best), 0);
    const region = pieces[home];
    if (!region) throw new Error(`clipToParent: site ${i} lies outside its parent`);
    regions.push(ccw(region));
    pieces.forEach((piece, k) => {
      if (k !== home && Math.abs(ringArea(piece)) > 1) orphans.push(piece);
    });
  });
  mergeOrphans(regions, orphans);
  return regions;
}

/**
 * Merges stray pieces into the region they touch (nearest first), in place. A piece that touches no
 * region is dropped: it can only be a sliver left by floating-point clipping.
 */
export function mergeOrphans(regions: XY[][], orphans: readonly XY[][]): void {
  for (const orphan of orphans) {
    const centre = ringCentroid(orphan);
    const orphanBox = boxOf(orphan);
    const order = regions
      .map((r, k) => ({ k, box: boxOf(r), d: dist(ringCentroid(r), centre) }))
      .filter(({ box }) => box.maxX >= orphanBox.minX - 1 && box.minX <= orphanBox.maxX + 1 && box.maxY >= orphanBox.minY - 1 && box.minY <= orphanBox.maxY + 1)
      .sort((a, b) => a.d - b.d);
    for (const { k } of order) {
      let merged: PcPolygon[];
      try {
        merged = polygonClipping.union([close(regions[k] as XY[])], [close(orphan)]);
      } catch {
        continue; // polygon-clipping can trip over nearly-coincident edges; try the next neighbour
      }
      if (merged.length === 1) {
        regions[k] = ccw(open((merged[0] as PcPolygon)[0] as XY[]));
        break;
      }
    }
  }
}

/** Voronoi regions of the sites, clipped to the parent polygon. */
export function voronoiPartition(parent: readonly XY[], sites: readonly XY[]): XY[][] {
  const box = boxOf(parent);
  const pad = 1000;
  const cells = voronoiCells(sites, { minX: box.minX - pad, minY: box.minY - pad, maxX: box.maxX + pad, maxY: box.maxY + pad });
  return clipToParent(parent, cells, sites);
}

/** A binary min-heap of (priority, value) pairs; ties broken by insertion order for determinism. */
class MinHeap {
  private items: { p: number; n: number; a: number; b: number }[] = [];
  private counter = 0;

  get size(): number {
    return this.items.length;
  }

  push(p: number, a: number, b: number): void {
    const items = this.items;
    items.push({ p, n: this.counter++, a, b });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): { p: number; a: number; b: number } | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (!top || !last) return undefined;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && this.less(l, m)) m = l;
        if (r < items.length && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }

  private less(i: number, j: number): boolean {
    const x = this.items[i] as { p: number; n: number };
    const y = this.items[j] as { p: number; n: number };
    return x.p < y.p || (x.p === y.p && x.n < y.n);
  }

  private swap(i: number, j: number): void {
    const t = this.items[i] as { p: number; n: number; a: number; b: number };
    this.items[i] = this.items[j] as { p: number; n: number; a: number; b: number };
    this.items[j] = t;
  }
}

/** Holes bigger than this in a grown region are enclaves of another region, not clipping noise. */
const ENCLAVE_M2 = 100_000;

export interface Atoms {
  sites: XY[];
  /** Each atom's raw Voronoi cell. Raw cells share bit-identical edges, which keeps their union robust. */
  cells: XY[][];
  /** Area of each cell inside the parent. */
  areas: number[];
  neighbours: number[][];
}

/** Small Voronoi cells over a jittered lattice covering the parent: the pieces regions are grown from. */
export function makeAtoms(rng: Rng, parent: readonly XY[], spacing: number): Atoms {
  const box = boxOf(parent);
  const sites: XY[] = [];
  for (let y = box.minY + spacing / 2; y < box.maxY; y += spacing) {
    for (let x = box.minX + spacing / 2; x < box.maxX; x += spacing) {
      const p: XY = [x + rng.range(-0.4, 0.4) * spacing, y + rng.range(-0.4, 0.4) * spacing];
      if (pointInRing(p, parent)) sites.push(p);
    }
  }
  const pad = spacing * 2;
  const delaunay = Delaunay.from(sites);
  const voronoi = delaunay.voronoi([box.minX - pad, box.minY - pad, box.maxX + pad, box.maxY + pad]);
  const cells = sites.map((_, i) => open((voronoi.cellPolygon(i) as [number, number][]).map(([x, y]) => [x, y] as XY)));
  const parentBox = boxOf(parent);
  const areas = cells.map((cell) => {
    if (!crossesBoundary(cell, parent, parentBox)) return Math.abs(ringArea(cell));
    try {
      return intersectWithParent(cell, parent).reduce((sum, piece) => sum + Math.abs(ringArea(piece)), 0);
    } catch {
      return Math.abs(ringArea(cell)) / 2;
    }
  });
  return { sites, cells, areas, neighbours: sites.map((_, i) => [...delaunay.neighbors(i)]) };
}

/**
 * Grows one region per seed atom over the atom graph: the globally nearest free atom (distance from the
 * region's seed point over the region's reach) joins next, until a region reaches its target area; atoms
 * left when every neighbour is full join the nearest neighbouring region. Regions stay connected. A region
 * boxed in by its neighbours ends up short, so the reaches are tuned over a few rounds and the round whose
 * areas came closest to the targets wins. Returns the owning region of each atom.
 */
export function growRegions(atoms: Atoms, seeds: readonly XY[], targets: readonly number[], rounds = 8): number[] {
  const homes = seeds.map((seed) => {
    let home = 0;
    atoms.sites.forEach((s, k) => {
      if (dist(s, seed) < dist(atoms.sites[home] as XY, seed)) home = k;
    });
    return home;
  });
  if (new Set(homes).size !== homes.length) throw new Error('growRegions: two seeds share an atom');
  const reach = targets.map((t) => Math.sqrt(t));
  let best: { owner: number[]; error: number } | null = null;
  for (let round = 0; round < rounds; round++) {
    const owner = growOnce(atoms, seeds, homes, targets, reach);
    const area = seeds.map(() => 0);
    owner.forEach((r, atom) => (area[r] = (area[r] as number) + (atoms.areas[atom] as number)));
    const error = Math.max(...area.map((a, r) => Math.abs(Math.log(a / (targets[r] as number)))));
    if (!best || error < best.error) best = { owner, error };
    area.forEach((a, r) => (reach[r] = (reach[r] as number) * ((targets[r] as number) / a) ** 0.6));
  }
  return (best as { owner: number[] }).owner;
}

function growOnce(atoms: Atoms, seeds: readonly XY[], homes: readonly number[], targets: readonly number[], reach: readonly number[]): number[] {
  const owner = atoms.sites.map(() => -1);
  const area = seeds.map(() => 0);
  const heap = new MinHeap();
  const claim = (atom: number, region: number) => {
    owner[atom] = region;
    area[region] = (area[region] as number) + (atoms.areas[atom] as number);
    for (const n of atoms.neighbours[atom] as number[]) {
      if (owner[n] === -1) heap.push(dist(atoms.sites[n] as XY, seeds[region] as XY) / (reach[region] as number), n, region);
    }
  };
  homes.forEach((home, region) => claim(home, region));
  while (heap.size > 0) {
    const e = heap.pop() as { a: number; b: number };
    if (owner[e.a] !== -1) continue;
    if ((area[e.b] as number) < (targets[e.b] as number)) claim(e.a, e.b);
  }
  // Leftovers: every free atom joins the nearest region next to it, spreading out until none is free.
  let free = owner.filter((o) => o === -1).length;
  while (free > 0) {
    let progressed = false;
    owner.forEach((o, atom) => {
      if (o !== -1) return;
      let bestRegion = -1;
      let bestD = Infinity;
      for (const n of atoms.neighbours[atom] as number[]) {
        const r = owner[n] as number;
        if (r === -1) continue;
        const d = dist(atoms.sites[atom] as XY, seeds[r] as XY) / (reach[r] as number);
        if (d < bestD) {
          bestD = d;
          bestRegion = r;
        }
      }
      if (bestRegion >= 0) {
        owner[atom] = bestRegion;
        free--;
        progressed = true;
      }
    });
    if (!progressed) throw new Error('growRegions: some atoms are unreachable from every seed');
  }
  return owner;
}

/** Each region's atoms united and clipped to the parent, as one ring per region. */
export function regionRings(atoms: Atoms, owner: readonly number[], seeds: readonly XY[], parent: readonly XY[]): XY[][] {
  const regions: XY[][] = [];
  const orphans: XY[][] = [];
  const parentPoly: PcPolygon = [close(parent)];
  seeds.forEach((seed, region) => {
    const polys: PcPolygon[] = [];
    owner.forEach((o, atom) => {
      if (o === region) polys.push([close(atoms.cells[atom] as XY[])]);
    });
    const [first, ...rest] = polys;
    if (!first) throw new Error(`regionRings: region ${region} has no atoms`);
    const united = polygonClipping.union(first, ...rest);
    const clipped = polygonClipping.intersection(united, parentPoly);
    // A region with a hole would enclose another: a ring cannot say that, so refuse it loudly. Slivers
    // far smaller than an atom are clipping noise and are simply filled.
    const holes = clipped.flatMap((poly) => poly.slice(1)).map((h) => Math.abs(ringArea(h as XY[])));
    if (holes.some((a) => a > ENCLAVE_M2)) throw new Error(`regionRings: region ${region} encloses another region (move its seed)`);
    const pieces = clipped.map((poly) => open(poly[0] as XY[]));
    const home = pieces.findIndex((piece) => pointInRing(seed, piece));
    if (home < 0) throw new Error(`regionRings: region ${region} lost its seed`);
    regions.push(ccw(pieces[home] as XY[]));
    pieces.forEach((piece, k) => {
      if (k !== home) orphans.push(piece);
    });
  });
  mergeOrphans(regions, orphans);
  return regions;
}
