// Statistics windows in the county's time (Asia/Shanghai, UTC+8, no daylight saving): the start of today,
// this ISO week (Monday) and this month, by arithmetic on the offset so the machine's TZ never matters.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** China Standard Time has had no daylight saving since 1991: a fixed offset is exact. */
export const COUNTY_UTC_OFFSET_MS = 8 * HOUR;

export type StatsRange = 'today' | 'week' | 'month';

/** Epoch ms of 00:00 (UTC+8) of the day containing `at`. */
export function dayStart(at: number): number {
  return Math.floor((at + COUNTY_UTC_OFFSET_MS) / DAY) * DAY - COUNTY_UTC_OFFSET_MS;
}

/** Epoch ms of the start of today / this ISO week (Monday 00:00) / this month (1st 00:00), in UTC+8. */
export function windowStart(range: StatsRange, now: number): number {
  const day = dayStart(now);
  if (range === 'today') return day;
  if (range === 'week') {
    // 1970-01-01 was a Thursday: with Monday = 0 the weekday of day index n is (n + 3) mod 7.
    const dayIndex = Math.round((day + COUNTY_UTC_OFFSET_MS) / DAY);
    const weekday = (((dayIndex + 3) % 7) + 7) % 7;
    return day - weekday * DAY;
  }
  // Shift into UTC+8 wall time and read it with the UTC getters, which ignore the machine's TZ.
  const wall = new Date(now + COUNTY_UTC_OFFSET_MS);
  return Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), 1) - COUNTY_UTC_OFFSET_MS;
}

/** The county's calendar date of an instant, 'YYYY-MM-DD' (for bulletins and daily buckets). */
export function countyDate(at: number): string {
  return new Date(at + COUNTY_UTC_OFFSET_MS).toISOString().slice(0, 10);
}
