// For tests: reads a PNG the way a strict decoder would (signature, every chunk's CRC, IHDR, inflated
// IDAT, the filters undone) so a test can check what was drawn, pixel by pixel.
import { inflateSync } from 'node:zlib';
import { crc32 } from './png.js';

export interface DecodedPng {
  width: number;
  height: number;
  chunks: string[];
  rgba: Uint8Array;
}

export function readPng(png: Buffer): DecodedPng {
  if (png.readUInt32BE(0) !== 0x89504e47 || png.readUInt32BE(4) !== 0x0d0a1a0a) throw new Error('not a PNG signature');
  const chunks: string[] = [];
  const idat: Buffer[] = [];
  let width = 0, height = 0;
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (png.readUInt32BE(at + 8 + length) !== crc32(png.subarray(at + 4, at + 8), data)) throw new Error(`bad CRC in ${type}`);
    chunks.push(type);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[9] !== 6) throw new Error('not 8-bit RGBA');
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  if (raw.length !== (stride + 1) * height) throw new Error(`IDAT holds ${raw.length} bytes, want ${(stride + 1) * height}`);
  const rgba = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const v = raw[y * (stride + 1) + 1 + i]!;
      const left = i >= 4 ? rgba[y * stride + i - 4]! : 0;
      const up = y > 0 ? rgba[(y - 1) * stride + i]! : 0;
      rgba[y * stride + i] = filter === 0 ? v : filter === 1 ? (v + left) & 0xff : filter === 2 ? (v + up) & 0xff : Number.NaN;
    }
    if (filter! > 2) throw new Error(`filter ${filter} is not used by this encoder`);
  }
  return { width, height, chunks, rgba };
}
