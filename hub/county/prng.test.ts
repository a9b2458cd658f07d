// The seeded random streams the whole generator's determinism rests on.
import { describe, expect, it } from 'vitest';
import { Rng } from './prng.js';

const draw = (rng: Rng, n = 5) => Array.from({ length: n }, () => rng.next());

describe('Rng', () => {
  it('repeats its sequence for the same key and differs for another', () => {
    expect(draw(new Rng('a'))).toEqual(draw(new Rng('a')));
    expect(draw(new Rng('a'))).not.toEqual(draw(new Rng('b')));
  });

  it('forks streams by label, independent of how far the parent has run', () => {
    const a = new Rng('seed');
    const b = new Rng('seed');
    draw(b, 100);
    expect(draw(a.fork('x'))).toEqual(draw(b.fork('x')));
    expect(draw(a.fork('x'))).not.toEqual(draw(a.fork('y')));
  });

  it('keeps draws in range', () => {
    const rng = new Rng('range');
    for (let i = 0; i < 1000; i++) {
      const x = rng.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const n = rng.int(3, 5);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(5);
    }
  });

  it('shuffles into a permutation', () => {
    expect(new Rng('s').shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
