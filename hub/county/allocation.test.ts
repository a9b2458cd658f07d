// Splitting the 1,258 unit grids over villages: largest remainder with a minimum, table-tested.
import { describe, expect, it } from 'vitest';
import { UNIT_GRID_TOTAL, allocateUnits, apportion, unitWeight } from './allocation.js';
import { loadDivisions } from './divisions.js';
import { Rng } from './prng.js';

describe('apportion', () => {
  it.each([
    { weights: [1, 1, 1], total: 9, min: 1, want: [3, 3, 3] },
    { weights: [2, 1, 1], total: 8, min: 1, want: [4, 2, 2] },
    { weights: [1, 1, 1], total: 10, min: 1, want: [4, 3, 3] },
    { weights: [100, 1, 1], total: 10, min: 2, want: [6, 2, 2] },
    { weights: [0, 0], total: 5, min: 2, want: [3, 2] },
    { weights: [3, 2], total: 4, min: 2, want: [2, 2] },
  ])('splits $total over $weights with at least $min each', ({ weights, total, min, want }) => {
    const got = apportion(weights, total, min);
    expect(got).toEqual(want);
    expect(got.reduce((a, b) => a + b, 0)).toBe(total);
  });

  it('refuses when the minimums alone exceed the total', () => {
    expect(() => apportion([1, 1, 1], 5, 2)).toThrow(/cannot each get 2/);
  });
});

describe('allocateUnits', () => {
  it('gives the county exactly 1,258 unit grids, most to the county seat communities', () => {
    const towns = loadDivisions();
    const counts = allocateUnits(new Rng('t'), towns);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(UNIT_GRID_TOTAL);
    expect(Math.min(...counts.values())).toBeGreaterThanOrEqual(2);
    expect(counts.get('321023100003') ?? 0).toBeGreaterThan(counts.get('321023102200') ?? 0);
    expect(unitWeight('321023100', 'community')).toBeGreaterThan(unitWeight('321023102', 'village'));
  });
});
