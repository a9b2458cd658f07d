import { describe, expect, it } from 'vitest';
import { layoutCells, standardLayout } from '../../../../native/api/video';
import { cameraSteps, cellStyle, customLayout, fillList, miniWallLive, placementTile, secondsLeft } from './wall-rules';

describe('cellStyle', () => {
  it('places layout 6: one 2 × 2 tile and five singles', () => {
    const styles = layoutCells(standardLayout('6')).map(cellStyle);
    expect(styles[0]).toEqual({ gridColumn: '1 / span 2', gridRow: '1 / span 2' });
    expect(styles[5]).toEqual({ gridColumn: '3 / span 1', gridRow: '3 / span 1' });
  });
});

describe('placementTile', () => {
  it.each([
    [[null, null], 0],
    [['a', null, 'b', null], 1],
    [['a', 'b'], 0],
    [[], 0],
  ])('%j → %i', (tiles, expected) => {
    expect(placementTile(tiles)).toBe(expected);
  });
});

describe('fillList', () => {
  it.each([
    [['a', 'b', 'c'], 0, 4, ['a', 'b', 'c']],
    [['a', 'b', 'c'], 2, 4, ['a', 'b']],
    [['a', 'b'], 4, 4, []],
    [['a'], 9, 4, []],
  ])('%j from %i of %i tiles → %j', (ids, from, count, expected) => {
    expect(fillList(ids, from, count)).toEqual(expected);
  });
});

describe('cameraSteps', () => {
  it('takes each camera once, in tile order, skipping empty tiles', () => {
    expect(cameraSteps(['b', null, 'a', 'b'])).toEqual([
      { kind: 'camera', cameraId: 'b' },
      { kind: 'camera', cameraId: 'a' },
    ]);
    expect(cameraSteps([null])).toEqual([]);
  });
});

describe('secondsLeft', () => {
  it.each([
    [10_000, 0, 10],
    [10_000, 9_001, 1],
    [10_000, 10_000, 0],
    [10_000, 12_000, 0],
  ])('until %i at %i → %i s', (at, now, expected) => {
    expect(secondsLeft(at, now)).toBe(expected);
  });
});

describe('customLayout', () => {
  it.each([
    [3, 2, { kind: 'custom', cols: 3, rows: 2 }],
    [8, 8, { kind: 'custom', cols: 8, rows: 8 }],
    [0, 2, null],
    [9, 1, null],
    [2.5, 2, null],
  ])('%d × %d → %j', (cols, rows, expected) => {
    expect(customLayout(cols, rows)).toEqual(expected);
  });
});

describe('miniWallLive', () => {
  it.each([[1, true], [9, true], [16, false], [36, false]])('%i tiles → %s', (n, expected) => {
    expect(miniWallLive(n)).toBe(expected);
  });
});
