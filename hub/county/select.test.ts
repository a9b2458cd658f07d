// Taking exactly N candidates from pools with targets, best first.
import { describe, expect, it } from 'vitest';
import { takeByTier } from './select.js';

describe('takeByTier', () => {
  it.each([
    { sizes: [5, 5], targets: [2, 3], total: 5, want: { a: 2, b: 3 } },
    { sizes: [5, 1], targets: [2, 3], total: 5, want: { a: 4, b: 1 } },
    { sizes: [5, 5], targets: [4, 4], total: 5, want: { a: 4, b: 1 } },
    { sizes: [0, 3], targets: [2, 1], total: 3, want: { a: 0, b: 3 } },
  ])('takes $total from pools of $sizes aiming at $targets', ({ sizes, targets, total, want }) => {
    const pools = ['a', 'b'].map((name, k) => ({ name, items: Array.from({ length: sizes[k] as number }, (_, i) => `${name}${i}`), target: targets[k] as number }));
    const { taken, counts } = takeByTier(pools, total);
    expect(counts).toEqual(want);
    expect(taken).toHaveLength(total);
    expect(taken[0]).toBe(want.a > 0 ? 'a0' : 'b0');
  });

  it('refuses when the pools hold too few', () => {
    expect(() => takeByTier([{ name: 'a', items: [1, 2], target: 2 }], 3)).toThrow(/only 2/);
  });
});
