// Wartime grids on a small synthetic layout around an incident: the grid it lies in, grids the circle
// crosses though their centres are outside, a corner just out of reach, and grids well outside.
import { describe, expect, it } from 'vitest';
import type { Grid, LonLat } from './model.js';
import { distanceM, distanceToRingM, pointInRing, toLocalM, wartimeGrids, wartimeGridsWithDistance } from './wartime.js';

const ORIGIN: LonLat = [119.31, 33.24];
const M_PER_DEG_LAT = (Math.PI / 180) * 6_371_008.8;
const M_PER_DEG_LON = M_PER_DEG_LAT * Math.cos(ORIGIN[1] * (Math.PI / 180));
const at = (east: number, north: number): LonLat => [ORIGIN[0] + east / M_PER_DEG_LON, ORIGIN[1] + north / M_PER_DEG_LAT];

/** A unit grid: the rectangle [x0,x1]×[y0,y1] metres from the origin. */
function rect(code: string, x0: number, y0: number, x1: number, y1: number, level: Grid['level'] = 'unit'): Grid {
  return {
    code, name: code, level, parentCode: null, population: 600,
    boundary: [at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1)], center: at((x0 + x1) / 2, (y0 + y1) / 2),
  };
}

const HOME = rect('321023100001001', -250, -250, 250, 250); // the incident is inside
const EAST = rect('321023100001002', 400, -250, 900, 250); // nearest edge 400 m
const FAR_EAST = rect('321023100001003', 1000, -250, 1500, 250); // 1 000 m
const LONG_SOUTH = rect('321023100001004', -1000, -2300, 1000, -300); // centre 1 300 m away, edge 300 m
const CORNER = rect('321023100001005', 600, 600, 1100, 1100); // corner at 600√2 ≈ 848.5 m
const VILLAGE = rect('321023100001', -5000, -5000, 5000, 5000, 'village'); // not a unit grid: ignored
const ALL = [FAR_EAST, CORNER, EAST, VILLAGE, LONG_SOUTH, HOME];

describe('wartimeGrids', () => {
  it.each([
    [50, ['321023100001001']],
    [350, ['321023100001001', '321023100001004']], // crosses LONG_SOUTH's edge though its centre is far
    [401, ['321023100001001', '321023100001004', '321023100001002']],
    [800, ['321023100001001', '321023100001004', '321023100001002']], // the corner is 848 m: out
    [850, ['321023100001001', '321023100001004', '321023100001002', '321023100001005']],
    [1001, ['321023100001001', '321023100001004', '321023100001002', '321023100001005', '321023100001003']],
  ])('radius %i m → %j (nearest first)', (radius, codes) => {
    expect(wartimeGrids(ORIGIN, radius, ALL).map((g) => g.code)).toEqual(codes);
  });

  it('measures the distance to the boundary, 0 inside', () => {
    const d = new Map(wartimeGridsWithDistance(ORIGIN, 2000, ALL).map((w) => [w.grid.code, w.distanceM]));
    expect(d.get(HOME.code)).toBe(0);
    expect(d.get(LONG_SOUTH.code)).toBeCloseTo(300, 0);
    expect(d.get(EAST.code)).toBeCloseTo(400, 0);
    expect(d.get(CORNER.code)).toBeCloseTo(600 * Math.SQRT2, 0);
    expect(d.get(FAR_EAST.code)).toBeCloseTo(1000, 0);
    expect(d.has(VILLAGE.code)).toBe(false);
  });

  it('an incident far outside every grid activates none; an empty list gives none', () => {
    expect(wartimeGrids(at(20_000, 20_000), 1000, ALL)).toEqual([]);
    expect(wartimeGrids(ORIGIN, 1000, [])).toEqual([]);
  });

  it('an incident on the boundary between two grids activates both at distance 0', () => {
    const west = rect('321023100002001', -500, -250, 0, 250);
    const east = rect('321023100002002', 0, -250, 500, 250);
    const r = wartimeGridsWithDistance(at(0, 0), 1, [east, west]);
    expect(r.map((w) => w.grid.code)).toEqual(['321023100002001', '321023100002002']);
    for (const w of r) expect(w.distanceM).toBeLessThan(0.01);
  });
});

describe('geometry helpers', () => {
  it('pointInRing', () => {
    expect(pointInRing(at(0, 0), HOME.boundary)).toBe(true);
    expect(pointInRing(at(300, 0), HOME.boundary)).toBe(false);
  });

  it('distanceToRingM and the local projection agree with the great-circle distance', () => {
    expect(distanceToRingM(at(-500, 0), EAST.boundary)).toBeCloseTo(900, 0);
    const p = at(3000, 4000);
    expect(Math.hypot(...toLocalM(ORIGIN, p))).toBeCloseTo(5000, 0);
    expect(Math.abs(distanceM(ORIGIN, p) - 5000)).toBeLessThan(5); // < 0.1 %
    expect(distanceM(ORIGIN, [ORIGIN[0], ORIGIN[1] + 1])).toBeCloseTo(111_195, -1);
  });
});
