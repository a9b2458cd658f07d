import { describe, expect, it } from 'vitest';
import { barcodeLatencyMs, barcodeRow, readBarcode } from './barcode';

/** One RGBA row as rtsp-cameras.py draws it at 1280 px, scaled to `width`. */
function drawRow(ms: number, width: number, levels = { black: 16, white: 235 }): Uint8ClampedArray {
  const row = new Uint8ClampedArray(width * 4);
  const scale = width / 1280;
  for (let x = 0; x < width; x++) {
    const bit = Math.floor(x / scale / 32);
    const on = bit < 40 && Math.floor(ms / 2 ** (39 - bit)) % 2 === 1;
    const v = on ? levels.white : levels.black;
    row.set([v, v, v, 255], x * 4);
  }
  return row;
}

describe('readBarcode', () => {
  const now = 1_795_000_123_456; // beyond 2^40: the sender keeps the low 40 bits
  const sent = now % 2 ** 40;

  it.each([1280, 640, 1920])('reads a %d px frame', (width) => {
    expect(readBarcode(drawRow(sent, width), width)).toBe(sent);
  });

  it('refuses a row that is no barcode', () => {
    expect(readBarcode(drawRow(sent, 1280, { black: 120, white: 140 }), 1280)).toBeNull();
  });

  it('refuses a row too short for 40 bits', () => {
    expect(readBarcode(drawRow(sent, 1280).subarray(0, 400 * 4), 1280)).toBeNull();
  });

  it.each([
    [1280, 48],
    [640, 24],
    [1920, 72],
  ])('reads row y for %d px at %d', (width, y) => {
    expect(barcodeRow(width)).toBe(y);
  });
});

describe('barcodeLatencyMs', () => {
  it.each([
    [1_000, 1_180, 180],
    [2 ** 40 - 50, 2 ** 40 + 130, 180], // the 40-bit clock wrapped between send and display
    [1_795_000_123_456 % 2 ** 40, 1_795_000_123_456 + 95, 95],
    [5_000, 4_990, -10], // clocks a hair apart read as slightly negative, not as 35 years
  ])('sent %d, now %d → %d ms', (barcode, now, expected) => {
    expect(barcodeLatencyMs(barcode, now)).toBe(expected);
  });
});
