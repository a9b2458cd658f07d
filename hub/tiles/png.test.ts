// The PNG encoder: the standard CRC-32 check value, and images that a strict reader gets back byte for byte.
import { describe, expect, it } from 'vitest';
import { crc32, encodePng } from './png.js';
import { readPng } from './test-png.js';

describe('png', () => {
  it('computes CRC-32 as zlib does', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.from('IEND'), new Uint8Array(0))).toBe(0xae426082);
  });

  it.each([
    [1, 1],
    [3, 2],
    [256, 256],
  ])('encodes a %i×%i RGBA image a reader decodes exactly', (w, h) => {
    const rgba = new Uint8Array(w * h * 4).map((_, i) => (i * 37 + (i >> 4)) & 0xff);
    const png = readPng(encodePng(w, h, rgba));
    expect(png).toMatchObject({ width: w, height: h, chunks: ['IHDR', 'IDAT', 'IEND'] });
    expect(Buffer.from(png.rgba).equals(Buffer.from(rgba))).toBe(true);
  });

  it('refuses a buffer of the wrong size', () => {
    expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow(/15 bytes for 2×2/);
  });
});
