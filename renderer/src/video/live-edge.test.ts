import { describe, expect, it } from 'vitest';
import { NUDGE_BEHIND_S, gapJumpTarget, isStalled, liveEdgeAction, quotaTrimRange, trimRange } from './live-edge';

describe('liveEdgeAction', () => {
  it.each([
    // bufferedEnd, currentTime, expected
    [10, 10, { kind: 'rate', rate: 1 }],
    [10, 9.8, { kind: 'rate', rate: 1 }],
    [10, 9.7, { kind: 'rate', rate: 1 }],
    [10, 9.6, { kind: 'rate', rate: 1.1 }],
    [10, 8.6, { kind: 'rate', rate: 1.1 }],
    [10, 8.4, { kind: 'seek', to: 9.9 }],
    // a fresh MediaSource whose first fragment starts at the relay's running clock
    [37.24, 0, { kind: 'seek', to: 37.14 }],
    // the playhead past the buffer (left there by a reset)
    [2, 30, { kind: 'seek', to: 1.9 }],
    [10, 10.2, { kind: 'rate', rate: 1 }],
    // a seek never lands before zero
    [0.05, 3, { kind: 'seek', to: 0 }],
  ] as const)('end %d, playhead %d → %j', (end, current, expected) => {
    expect(liveEdgeAction(end, current)).toEqual(expected);
  });
});

describe('liveEdgeAction right after the first frame', () => {
  it.each([
    [10, 9.7, { kind: 'rate', rate: 1 }],
    [10, 9.6, { kind: 'seek', to: 9.9 }],
    [10, 9, { kind: 'seek', to: 9.9 }],
  ] as const)('end %d, playhead %d → %j', (end, current, expected) => {
    expect(liveEdgeAction(end, current, NUDGE_BEHIND_S)).toEqual(expected);
  });
});

describe('trimRange', () => {
  it.each([
    [0, 5, null],
    [0, 11.9, null],
    [0, 12, { start: 0, end: 2 }],
    [100, 130, { start: 100, end: 120 }],
    [125, 130, null],
  ] as const)('buffer from %d, playhead %d → %j', (start, current, expected) => {
    expect(trimRange(start, current)).toEqual(expected);
  });

  it('keeps what it is told to keep', () => {
    expect(trimRange(0, 10, 3)).toEqual({ start: 0, end: 7 });
  });
});

describe('quotaTrimRange', () => {
  it.each([
    [0, 5, { start: 0, end: 4 }],
    [4.5, 5, null],
    [4, 5, null],
  ] as const)('buffer from %d, playhead %d → %j', (start, current, expected) => {
    expect(quotaTrimRange(start, current)).toEqual(expected);
  });
});

describe('gapJumpTarget', () => {
  it.each([
    [[[0, 5]], 3, null],
    [[[0, 5]], 5.05, null], // at the live edge, waiting for the next frame
    [[[0, 5], [5.6, 8]], 5.02, null],
    [[[0, 5], [5.6, 8]], 5.3, 5.6], // stuck in the hole dropped frames left
    [[[2, 5]], 0, 2], // a fresh stream whose media starts later than zero
    [[[0, 5]], 9, null],
    [[], 1, null],
  ] as const)('ranges %j, playhead %d → %s', (ranges, current, expected) => {
    expect(gapJumpTarget(ranges, current)).toBe(expected);
  });
});

describe('isStalled', () => {
  it.each([
    // seconds without progress, fragments meanwhile, stalled?
    [0, 500, false],
    [5.9, 200, false],
    [6, 150, true],
    [30, 25, true],
    // a camera that sends nothing is no-signal, not a stuck decoder
    [30, 24, false],
    [30, 0, false],
  ] as const)('%d s still, %d fragments → %s', (since, fragments, expected) => {
    expect(isStalled(since, fragments)).toBe(expected);
  });
});
