import { describe, expect, it } from 'vitest';
import { SEVERITY_COLOURS, severityColour } from './severity';

describe('five-colour warning scale', () => {
  it.each([
    [5, '#ff3b3b'],
    [4, '#ff8a1f'],
    [3, '#ffd60a'],
    [2, '#3d8bff'],
    [1, '#2ee6a0'],
    [9, '#ff3b3b'],
    [0, '#2ee6a0'],
  ])('severity %i → %s', (s, colour) => {
    expect(severityColour(s)).toBe(colour);
  });
  it('has five distinct colours', () => {
    expect(new Set(Object.values(SEVERITY_COLOURS)).size).toBe(5);
  });
});
