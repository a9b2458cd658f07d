// A rural unit grid's hamlet (自然村/组): a rectangular loop of village lanes whose near side passes
// through the unit's site. Its grid worker patrols the loop; at a village seat, houses line its lanes.
import { type XY, add, pointInRing, rotate } from './geo.js';
import type { Rng } from './prng.js';
import { type Water, inWater } from './water.js';

export interface Hamlet {
  site: XY;
  /** Direction of the near lane (radians, counter-clockwise from east); the loop lies to its left. */
  angle: number;
  width: number;
  depth: number;
  /** The closed lane loop, starting at the site: site, near-right, far-right, far-left, near-left. */
  loop: XY[];
}

/** A point in the hamlet's frame: x along the near lane from the site, y across towards the far lane. */
export function hamletPoint(h: Hamlet, x: number, y: number): XY {
  return add(h.site, rotate([x, y], h.angle));
}

function shape(site: XY, angle: number, width: number, depth: number): Hamlet {
  const h: Hamlet = { site, angle, width, depth, loop: [] };
  h.loop = [site, hamletPoint(h, width / 2, 0), hamletPoint(h, width / 2, depth), hamletPoint(h, -width / 2, depth), hamletPoint(h, -width / 2, 0)];
  return h;
}

/** Tries orientations and sizes until the loop fits the unit grid and stays off the water. */
export function makeHamlet(rng: Rng, site: XY, unitRing: readonly XY[], water: Water): Hamlet {
  const base = rng.range(0, Math.PI * 2);
  const width = rng.range(220, 340);
  const depth = rng.range(160, 240);
  let best: Hamlet | null = null;
  let bestScore = -1;
  for (let attempt = 0; attempt < 16; attempt++) {
    const shrink = 1 - Math.floor(attempt / 8) * 0.35;
    const h = shape(site, base + (attempt % 8) * (Math.PI / 4), width * shrink, depth * shrink);
    const score = h.loop.filter((p) => pointInRing(p, unitRing) && !inWater(water, p, 15)).length;
    if (score === h.loop.length) return h;
    if (score > bestScore) {
      best = h;
      bestScore = score;
    }
  }
  return best as Hamlet;
}
