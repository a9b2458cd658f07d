// Which unit grid a point falls in: town → village → unit, each step a box check then point-in-polygon.
import { type Box, type XY, boxContains, boxOf, pointInRing } from './geo.js';
import { RingMask } from './spatial.js';

/** A region with either children (an inner level) or a value (a leaf). */
export type Region<T> = { ring: readonly XY[]; children: Region<T>[] } | { ring: readonly XY[]; value: T };

interface Node<T> {
  contains: (p: XY) => boolean;
  box: Box;
  value: T | undefined;
  children: Node<T>[];
}

export class Locator<T> {
  private readonly roots: Node<T>[];

  constructor(regions: readonly Region<T>[]) {
    const build = (r: Region<T>): Node<T> => ({
      contains: this.tester(r.ring),
      box: boxOf(r.ring),
      value: 'value' in r ? r.value : undefined,
      children: 'children' in r ? r.children.map(build) : [],
    });
    this.roots = regions.map(build);
  }

  /** Long rings (towns follow the county outline) get a raster mask; short ones the plain test. */
  private tester(ring: readonly XY[]): (p: XY) => boolean {
    if (ring.length < 48) return (p) => pointInRing(p, ring);
    const b = boxOf(ring);
    const mask = new RingMask(ring, Math.max(25, Math.max(b.maxX - b.minX, b.maxY - b.minY) / 150));
    return (p) => mask.contains(p);
  }

  /** The value of the leaf region holding the point, or null where no leaf does. */
  locate(p: XY): T | null {
    let level = this.roots;
    for (;;) {
      const hit = level.find((n) => boxContains(n.box, p) && n.contains(p));
      if (!hit) return null;
      if (hit.children.length === 0) return hit.value ?? null;
      level = hit.children;
    }
  }
}
