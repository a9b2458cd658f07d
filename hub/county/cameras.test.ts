// Camera ids (GB/T 28181) and the house numbers camera names and addresses use.
import { describe, expect, it } from 'vitest';
import { cameraId, houseNumber } from './cameras.js';

describe('cameraId', () => {
  it.each([
    [1, '32102300001320000001'],
    [3146, '32102300001320003146'],
    [9_999_999, '32102300001329999999'],
  ])('serial %i → %s', (serial, id) => {
    expect(cameraId(serial)).toBe(id);
    expect(id).toHaveLength(20);
  });

  it.each([0, 10_000_000])('refuses serial %i', (serial) => {
    expect(() => cameraId(serial)).toThrow(/out of range/);
  });
});

describe('houseNumber', () => {
  it.each([
    { along: 0, odd: true, want: 1 },
    { along: 0, odd: false, want: 2 },
    { along: 19.9, odd: true, want: 1 },
    { along: 20, odd: true, want: 3 },
    { along: 205, odd: false, want: 22 },
    { along: -5, odd: true, want: 1 },
  ])('$along m along, odd side $odd → $want', ({ along, odd, want }) => {
    expect(houseNumber(along, odd)).toBe(want);
  });
});
