import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './backoff';

describe('reconnectDelay', () => {
  const noJitter = { baseMs: 250, maxMs: 10_000, jitter: 0 };
  it.each([
    [0, 250],
    [1, 500],
    [2, 1000],
    [5, 8000],
    [6, 10_000],
    [100, 10_000],
  ])('attempt %i waits %i ms without jitter', (attempt, expected) => {
    expect(reconnectDelay(attempt, noJitter)).toBe(expected);
  });

  it('jitter only shortens the delay, by at most the jitter fraction', () => {
    const opts = { baseMs: 1000, maxMs: 10_000, jitter: 0.2 };
    expect(reconnectDelay(0, opts, () => 0)).toBe(800);
    expect(reconnectDelay(0, opts, () => 1)).toBe(1000);
  });
});
