import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

const opts = { baseMs: 500, maxMs: 15_000 };

describe('backoffDelay', () => {
  it.each([
    // attempt, random, expected ms
    [0, 0, 250],
    [0, 0.999999, 500],
    [1, 0, 500],
    [2, 0.5, 1500],
    [4, 0, 4000],
    [5, 0.5, 11250],
    [6, 0, 7500], // the step is capped at maxMs
    [6, 0.999999, 15000],
    [40, 0.5, 11250],
    [-3, 0, 250],
  ])('attempt %i with random %f waits %i ms', (attempt, random, expected) => {
    expect(backoffDelay(attempt, opts, () => random)).toBe(expected);
  });

  it('never exceeds the cap', () => {
    for (let a = 0; a < 50; a++) expect(backoffDelay(a, opts)).toBeLessThanOrEqual(opts.maxMs);
  });
});
