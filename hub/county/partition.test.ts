// Cutting polygons into regions: Voronoi tiling of a non-convex parent, and area-targeted growth.
import { describe, expect, it } from 'vitest';
import { type XY, pointInRing, ringArea } from './geo.js';
import { growRegions, makeAtoms, regionRings, voronoiPartition } from './partition.js';
import { Rng } from './prng.js';

// An L-shaped parent: non-convex, so some Voronoi cells are cut in two and must be merged back.
const L: XY[] = [[0, 0], [3000, 0], [3000, 1000], [1000, 1000], [1000, 3000], [0, 3000]];
const area = (rings: XY[][]) => rings.reduce((sum, r) => sum + Math.abs(ringArea(r)), 0);

describe('voronoiPartition', () => {
  it('tiles the parent with one region per site, each holding its site', () => {
    const sites: XY[] = [[500, 500], [2500, 500], [500, 2500], [1500, 600], [600, 1500], [2900, 900]];
    const regions = voronoiPartition(L, sites);
    expect(regions).toHaveLength(sites.length);
    regions.forEach((r, i) => expect(pointInRing(sites[i] as XY, r)).toBe(true));
    expect(area(regions)).toBeCloseTo(Math.abs(ringArea(L)), -2);
  });
});

describe('growRegions', () => {
  it('grows connected regions whose areas follow their targets', () => {
    const atoms = makeAtoms(new Rng('atoms'), L, 150);
    const total = atoms.areas.reduce((a, b) => a + b, 0);
    const seeds: XY[] = [[500, 500], [2500, 500], [500, 2500]];
    const targets = [0.5, 0.25, 0.25].map((t) => t * total);
    const owner = growRegions(atoms, seeds, targets);
    const rings = regionRings(atoms, owner, seeds, L);
    rings.forEach((r, i) => {
      expect(pointInRing(seeds[i] as XY, r)).toBe(true);
      expect(Math.abs(ringArea(r)) / (targets[i] as number)).toBeGreaterThan(0.8);
      expect(Math.abs(ringArea(r)) / (targets[i] as number)).toBeLessThan(1.2);
    });
    expect(area(rings)).toBeCloseTo(Math.abs(ringArea(L)), -3);
  });
});
