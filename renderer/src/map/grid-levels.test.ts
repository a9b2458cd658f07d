import { describe, expect, it } from 'vitest';
import { shortGridName, visibleGridLevels, visibleLabelLevels } from './grid-levels';

describe('visibleGridLevels', () => {
  it.each([
    [300_000, ['county', 'town']],
    [59_000, ['county', 'town', 'village']],
    [11_000, ['county', 'town', 'village', 'unit']],
    [500, ['county', 'town', 'village', 'unit']],
  ])('at %i m shows %j', (height, levels) => {
    expect(visibleGridLevels(height).sort()).toEqual([...levels].sort());
  });
});

describe('visibleLabelLevels', () => {
  it.each([
    [300_000, ['town']],
    [25_000, ['town', 'village']],
    [3_000, ['town', 'village', 'unit']],
  ])('at %i m labels %j', (height, levels) => {
    expect(visibleLabelLevels(height).sort()).toEqual([...levels].sort());
  });
});

describe('shortGridName', () => {
  it.each([
    ['刘沟社区第5网格', '刘沟社区', '第5网格'],
    ['刘沟社区', '刘沟社区', '刘沟社区'],
    ['城南片区', '刘沟社区', '城南片区'],
    ['安宜镇', null, '安宜镇'],
  ])('%s under %s → %s', (name, parent, expected) => {
    expect(shortGridName(name, parent)).toBe(expected);
  });
});
