// Spatial indexes for the many "is anything within r metres of here" and "is this point inside the county"
// checks when placing buildings, cameras and ponds.
import { type XY, densify, dist, nearestOnSegment, pointInRing } from './geo.js';

export class SpatialHash {
  private readonly cells = new Map<number, { a: XY; b: XY; r: number }[]>();

  constructor(private readonly size: number) {}

  /** Numeric cell keys (cheaper than strings); coordinates stay within ±1,000 km of the origin. */
  private key(x: number, y: number): number {
    return (Math.floor(x / this.size) + 50_000) * 100_000 + (Math.floor(y / this.size) + 50_000);
  }

  /** Adds a segment (or a point, when a = b) that keeps things `r` metres away from it. */
  addSegment(a: XY, b: XY, r: number): void {
    const item = { a, b, r };
    const seen = new Set<number>();
    for (const p of densify([a, b], this.size / 2)) {
      for (const dx of [-1, 0, 1]) {
        for (const dy of [-1, 0, 1]) {
          const k = this.key(p[0] + dx * this.size, p[1] + dy * this.size);
          if (seen.has(k)) continue;
          seen.add(k);
          const list = this.cells.get(k);
          if (list) list.push(item);
          else this.cells.set(k, [item]);
        }
      }
    }
  }

  addPolyline(points: readonly XY[], r: number): void {
    for (let i = 0; i + 1 < points.length; i++) this.addSegment(points[i] as XY, points[i + 1] as XY, r);
  }

  addRing(ring: readonly XY[], r: number): void {
    this.addPolyline([...ring, ring[0] as XY], r);
  }

  /**
   * Whether a disc of radius `r` at `p` overlaps any item's keep-clear zone. Items are found through the
   * cell of `p` and its neighbours, so r plus an item's own r must stay under one cell size.
   */
  blocked(p: XY, r: number): boolean {
    const list = this.cells.get(this.key(p[0], p[1]));
    if (!list) return false;
    for (const it of list) {
      const d = it.a === it.b ? dist(p, it.a) : nearestOnSegment(p, it.a, it.b).dist;
      if (d < r + it.r) return true;
    }
    return false;
  }
}

/**
 * Fast point-in-ring for a large ring tested many times: a raster of cells known to be inside or outside,
 * with the exact test only in cells the boundary passes through.
 */
export class RingMask {
  private readonly state: Uint8Array;
  private readonly nx: number;
  private readonly ny: number;
  private readonly x0: number;
  private readonly y0: number;

  constructor(
    private readonly ring: readonly XY[],
    private readonly size: number,
  ) {
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => p[1]);
    this.x0 = Math.min(...xs) - size;
    this.y0 = Math.min(...ys) - size;
    this.nx = Math.ceil((Math.max(...xs) + size - this.x0) / size) + 1;
    this.ny = Math.ceil((Math.max(...ys) + size - this.y0) / size) + 1;
    this.state = new Uint8Array(this.nx * this.ny);
    // Inside cells by scanlines through the cell centres (even–odd crossings).
    for (let j = 0; j < this.ny; j++) {
      const y = this.y0 + (j + 0.5) * size;
      const xsCross: number[] = [];
      for (let i = 0, k = ring.length - 1; i < ring.length; k = i++) {
        const [xi, yi] = ring[i] as XY;
        const [xk, yk] = ring[k] as XY;
        if (yi > y !== yk > y) xsCross.push(xi + ((y - yi) * (xk - xi)) / (yk - yi));
      }
      xsCross.sort((a, b) => a - b);
      for (let c = 0; c + 1 < xsCross.length; c += 2) {
        const from = Math.max(0, Math.ceil(((xsCross[c] as number) - this.x0) / size - 0.5));
        const to = Math.min(this.nx - 1, Math.floor(((xsCross[c + 1] as number) - this.x0) / size - 0.5));
        for (let i = from; i <= to; i++) this.state[j * this.nx + i] = 1;
      }
    }
    // Cells the boundary touches (and their neighbours, for safety) need the exact test.
    for (let i = 0; i < ring.length; i++) {
      for (const p of densify([ring[i] as XY, ring[(i + 1) % ring.length] as XY], size / 3)) {
        const ci = Math.floor((p[0] - this.x0) / size);
        const cj = Math.floor((p[1] - this.y0) / size);
        for (let dj = -1; dj <= 1; dj++) {
          for (let di = -1; di <= 1; di++) {
            const a = ci + di;
            const b = cj + dj;
            if (a >= 0 && b >= 0 && a < this.nx && b < this.ny) this.state[b * this.nx + a] = 2;
          }
        }
      }
    }
  }

  contains(p: XY): boolean {
    const i = Math.floor((p[0] - this.x0) / this.size);
    const j = Math.floor((p[1] - this.y0) / this.size);
    if (i < 0 || j < 0 || i >= this.nx || j >= this.ny) return false;
    const s = this.state[j * this.nx + i];
    return s === 2 ? pointInRing(p, this.ring) : s === 1;
  }
}
