// Tile arithmetic: the XYZ↔TMS row flip, which tiles cover a box, tile extents, tile paths and URL templates.
import { describe, expect, it } from 'vitest';
import { flipRow, isValidTile, lonLatToTileXY, tileBox, tileCount, tileRange, tilesIn } from './tile-math.js';
import { parseTilePath, tileUrl } from './tile-path.js';

describe('tile math', () => {
  it.each([
    [0, 0, 0],
    [1, 0, 1],
    [3, 2, 5],
    [14, 0, 16383],
  ])('flips row at z%i: %i ↔ %i', (z, y, tms) => {
    expect(flipRow(z, y)).toBe(tms);
    expect(flipRow(z, tms)).toBe(y);
  });

  it.each([
    [{ z: 0, x: 0, y: 0 }, true],
    [{ z: 2, x: 3, y: 3 }, true],
    [{ z: 2, x: 4, y: 0 }, false],
    [{ z: -1, x: 0, y: 0 }, false],
    [{ z: 25, x: 0, y: 0 }, false],
    [{ z: 1, x: 0.5, y: 0 }, false],
  ])('knows %o is valid: %s', (tile, valid) => {
    expect(isValidTile(tile)).toBe(valid);
  });

  it('places points and boxes on the OpenStreetMap grid', () => {
    // 119.36 E, 33.24 N at z14: x = (lon + 180) / 360 · 2^14, y = (1 − ln(tan φ + sec φ) / π) / 2 · 2^14 ≈ 6586.5.
    const [x, y] = lonLatToTileXY([119.36, 33.24], 14);
    expect([Math.floor(x), Math.floor(y)]).toEqual([13624, 6586]);
    const box = tileBox({ z: 14, x: 13624, y: 6586 });
    expect(box[0]).toBeLessThan(119.36);
    expect(box[2]).toBeGreaterThan(119.36);
    expect(box[1]).toBeLessThan(33.24);
    expect(box[3]).toBeGreaterThan(33.24);
    expect(tileBox({ z: 0, x: 0, y: 0 })[3]).toBeCloseTo(85.0511, 4);
  });

  it('covers a box with whole tiles, an edge on a tile edge not spilling into the next', () => {
    const tile = tileBox({ z: 10, x: 851, y: 409 });
    expect(tileRange(tile, 10)).toEqual({ x0: 851, x1: 851, y0: 409, y1: 409 });
    expect(tileRange([119.1, 33.0, 119.7, 33.4], 8)).toEqual({ x0: 212, x1: 213, y0: 102, y1: 103 });
    expect(tileCount([119.1, 33.0, 119.7, 33.4], 8, 8)).toBe(4);
    const listed = [...tilesIn([119.1, 33.0, 119.7, 33.4], 8, 10)];
    expect(listed).toHaveLength(tileCount([119.1, 33.0, 119.7, 33.4], 8, 10));
    expect(listed[0]).toEqual({ z: 8, x: 212, y: 102 });
    expect(listed.at(-1)!.z).toBe(10);
  });

  it.each([
    ['/tiles/14/13624/6555.png', { z: 14, x: 13624, y: 6555 }],
    ['/tiles/0/0/0.png', { z: 0, x: 0, y: 0 }],
    ['/tiles/2/4/0.png', null],
    ['/tiles/14/13624/6555.jpg', null],
    ['/tiles/14/13624.png', null],
    ['/tiles/a/1/1.png', null],
    ['/tilesx/1/1/1.png', null],
  ])('reads %s as %o', (path, tile) => {
    expect(parseTilePath(path, '/tiles')).toEqual(tile);
  });

  it('fills URL templates, {-y} for TMS servers', () => {
    expect(tileUrl('http://h/api/v1/tiles/{z}/{x}/{y}.png?k=1', { z: 3, x: 1, y: 2 })).toBe('http://h/api/v1/tiles/3/1/2.png?k=1');
    expect(tileUrl('http://h/{z}/{x}/{-y}.png', { z: 3, x: 1, y: 2 })).toBe('http://h/3/1/5.png');
  });
});
