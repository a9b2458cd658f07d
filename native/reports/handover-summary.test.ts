// When a shift starts: today's 08:30 (UTC+8), yesterday's before 08:30, or a later handover.
import { describe, expect, it } from 'vitest';
import { shiftStart } from './handover-summary.js';

const at = (h: number, m = 0, day = 22): number => Date.UTC(2026, 10, day, h - 8, m); // county wall time → epoch

describe('shiftStart', () => {
  it.each([
    ['noon, no handover', at(12), null, at(8, 30)],
    ['07:00, no handover: yesterday 08:30', at(7), null, at(8, 30, 21)],
    ['08:30 exactly', at(8, 30), null, at(8, 30)],
    ['a handover at 17:30 today', at(20), at(17, 30), at(17, 30)],
    ['a handover from yesterday evening', at(12), at(18, 0, 21), at(8, 30)],
    ['a handover in the future is ignored', at(12), at(13), at(8, 30)],
  ])('%s', (_what, now, last, expected) => {
    expect(shiftStart(now, last)).toBe(expected);
  });
});
