import { describe, expect, it } from 'vitest';
import { MAX_DELAY_MS, restartDelay } from './backoff.js';

describe('restartDelay', () => {
  it.each([
    [0, 500],
    [1, 1_000],
    [2, 2_000],
    [5, 16_000],
    [6, MAX_DELAY_MS],
    [50, MAX_DELAY_MS],
    [-1, 500],
  ])('after %i failures waits %i ms', (failures, ms) => {
    expect(restartDelay(failures)).toBe(ms);
  });
});
