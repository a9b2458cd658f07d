// Statistics windows in UTC+8 with instants right at the day, week, month and year boundaries, and the same
// answers from child processes running under TZ=UTC and TZ=America/New_York (TZ cannot change in-process).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { countyDate, dayStart, windowStart } from './stats-window.js';

/** Epoch ms of a Beijing wall time (UTC+8). */
const bj = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number =>
  Date.UTC(y, mo - 1, d, h - 8, mi, s, ms);

describe('windowStart', () => {
  it.each([
    // now (Beijing wall time), today, week (Monday), month
    ['mid-day Sunday', bj(2026, 11, 22, 14), bj(2026, 11, 22), bj(2026, 11, 16), bj(2026, 11, 1)],
    ['first ms of a Monday', bj(2026, 11, 23), bj(2026, 11, 23), bj(2026, 11, 23), bj(2026, 11, 1)],
    ['last ms of a Sunday', bj(2026, 11, 23) - 1, bj(2026, 11, 22), bj(2026, 11, 16), bj(2026, 11, 1)],
    // 07:59 Beijing = 23:59 UTC the day before: the UTC date would be wrong
    ['early morning (previous UTC day)', bj(2026, 12, 1, 7, 59), bj(2026, 12, 1), bj(2026, 11, 30), bj(2026, 12, 1)],
    ['last ms of November', bj(2026, 12, 1) - 1, bj(2026, 11, 30), bj(2026, 11, 30), bj(2026, 11, 1)],
    // New Year: 2027-01-01 is a Friday, its ISO week began Monday 2026-12-28
    ['first ms of 2027', bj(2027, 1, 1), bj(2027, 1, 1), bj(2026, 12, 28), bj(2027, 1, 1)],
    ['last ms of 2026', bj(2027, 1, 1) - 1, bj(2026, 12, 31), bj(2026, 12, 28), bj(2026, 12, 1)],
    // 16:00 UTC Dec 31 = 00:00 Jan 1 in Beijing; New York is still on Dec 31 morning
    ['New York morning, Beijing midnight', Date.UTC(2026, 11, 31, 16, 0, 0, 1), bj(2027, 1, 1), bj(2026, 12, 28), bj(2027, 1, 1)],
    // leap day and a Monday on the 1st
    ['leap day 2028', bj(2028, 2, 29, 12), bj(2028, 2, 29), bj(2028, 2, 28), bj(2028, 2, 1)],
    ['Monday 1 March 2027', bj(2027, 3, 1, 0, 0, 0, 1), bj(2027, 3, 1), bj(2027, 3, 1), bj(2027, 3, 1)],
    // US daylight-saving switch (8 March 2026) changes nothing in Beijing
    ['US DST switch', Date.UTC(2026, 2, 8, 7, 30), bj(2026, 3, 8), bj(2026, 3, 2), bj(2026, 3, 1)],
  ])('%s', (_name, now, today, week, month) => {
    expect(windowStart('today', now)).toBe(today);
    expect(windowStart('week', now)).toBe(week);
    expect(windowStart('month', now)).toBe(month);
  });

  it('every day for two years: today ≤ now < today + 24 h, week start is a Monday 00:00 within 7 days', () => {
    const DAY = 86_400_000;
    for (let now = bj(2026, 1, 1, 3, 17); now < bj(2028, 1, 1); now += DAY + 3_600_000) {
      const today = windowStart('today', now);
      expect(now - today).toBeGreaterThanOrEqual(0);
      expect(now - today).toBeLessThan(DAY);
      const week = windowStart('week', now);
      expect(new Date(week + 8 * 3_600_000).getUTCDay()).toBe(1);
      expect(today - week).toBeLessThan(7 * DAY);
      const month = windowStart('month', now);
      expect(countyDate(month).endsWith('-01')).toBe(true);
      expect(countyDate(month).slice(0, 7)).toBe(countyDate(now).slice(0, 7));
    }
  });
});

describe('machine time zone', () => {
  it.each(['UTC', 'America/New_York'])('TZ=%s gives the same windows as this process', (tz) => {
    const instants = [bj(2027, 1, 1), bj(2027, 1, 1) - 1, bj(2026, 12, 1, 7, 59), Date.UTC(2026, 2, 8, 7, 30), bj(2028, 2, 29, 12)];
    const module = fileURLToPath(new URL('./stats-window.ts', import.meta.url));
    const script = `const m = await import(${JSON.stringify(module)});
      const out = ${JSON.stringify(instants)}.map((t) => ['today', 'week', 'month'].map((r) => m.windowStart(r, t)).concat(m.countyDate(t)));
      console.log(JSON.stringify({ offset: new Date(2026, 0, 15).getTimezoneOffset(), out }));`;
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, TZ: tz }, encoding: 'utf8', timeout: 15_000,
    });
    const child = JSON.parse(stdout) as { offset: number; out: unknown[] };
    expect(child.offset).toBe(tz === 'UTC' ? 0 : 300); // the child really ran in that zone
    expect(child.out).toEqual(instants.map((t) => [windowStart('today', t), windowStart('week', t), windowStart('month', t), countyDate(t)]));
  });
});

describe('dayStart / countyDate', () => {
  it('uses the county calendar date', () => {
    expect(countyDate(bj(2026, 12, 1, 7, 59))).toBe('2026-12-01');
    expect(countyDate(bj(2026, 12, 1) - 1)).toBe('2026-11-30');
    expect(dayStart(bj(2026, 12, 1, 23, 59, 59, 999))).toBe(bj(2026, 12, 1));
  });

  it('before 1970 still floors correctly', () => {
    expect(windowStart('week', bj(1969, 12, 31, 12))).toBe(bj(1969, 12, 29));
  });
});
