import { describe, expect, it } from 'vitest';
import { parseByteRange, type ByteRange } from './byte-range.js';

describe('parseByteRange', () => {
  const cases: [string | undefined, number, ByteRange][] = [
    [undefined, 1000, { kind: 'whole' }],
    ['bytes=0-', 1000, { kind: 'partial', start: 0, end: 999 }],
    ['bytes=0-99', 1000, { kind: 'partial', start: 0, end: 99 }],
    ['bytes=500-2000', 1000, { kind: 'partial', start: 500, end: 999 }],
    ['bytes=999-999', 1000, { kind: 'partial', start: 999, end: 999 }],
    ['bytes=-100', 1000, { kind: 'partial', start: 900, end: 999 }],
    ['bytes=-5000', 1000, { kind: 'partial', start: 0, end: 999 }],
    [' bytes=10-20 ', 1000, { kind: 'partial', start: 10, end: 20 }],
    ['bytes=1000-', 1000, { kind: 'unsatisfiable' }],
    ['bytes=1000-1100', 1000, { kind: 'unsatisfiable' }],
    ['bytes=-0', 1000, { kind: 'unsatisfiable' }],
    ['bytes=-10', 0, { kind: 'unsatisfiable' }],
    ['bytes=0-', 0, { kind: 'unsatisfiable' }],
    // Ignored, so the whole file: malformed, reversed, several ranges, another unit.
    ['bytes=20-10', 1000, { kind: 'whole' }],
    ['bytes=-', 1000, { kind: 'whole' }],
    ['bytes=0-1,5-9', 1000, { kind: 'whole' }],
    ['items=0-1', 1000, { kind: 'whole' }],
    ['bytes=a-b', 1000, { kind: 'whole' }],
  ];
  it.each(cases)('%j of %d bytes', (header, size, want) => {
    expect(parseByteRange(header, size)).toEqual(want);
  });
});
