import { describe, expect, it } from 'vitest';
import { chooseProfile } from './stream-choice';

describe('chooseProfile', () => {
  it.each([
    // width in device px, camera has a sub stream, tile maximised, expected
    [640, true, false, 'sub'],
    [959, true, false, 'sub'],
    [960, true, false, 'main'],
    [1920, true, false, 'main'],
    [640, false, false, 'main'],
    [640, true, true, 'main'],
    [0, true, false, 'sub'],
  ] as const)('%d px, sub %s, maximised %s → %s', (widthDevicePx, hasSub, forceMain, expected) => {
    expect(chooseProfile({ widthDevicePx, hasSub, forceMain })).toBe(expected);
  });
});
