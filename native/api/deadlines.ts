// Deadlines (限时办结): is a work order on time, close to its deadline, or overdue, and the countdown text.
// Warning rule: the clock runs only while a department holds the work (dispatched, in progress). The
// warning window is max(2 h, 25 % of the time limit) when the limit is known (from the dispatch trace or
// the routing suggestion), else a flat 2 h. So a 24 h limit warns in its last 6 h, an 8 h limit in its
// last 2 h, a 2 h limit from the start. Exactly at the deadline the work is overdue (remaining ≤ 0).
import type { EventState, GridEvent } from './model.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;

/** States in which the deadline clock runs. */
export const DEADLINE_STATES: readonly EventState[] = ['dispatched', 'in_progress'];

/** The flat warning window, and the floor of the proportional one. */
export const WARNING_MIN_MS = 2 * HOUR;
export const WARNING_SHARE = 0.25;

export interface DeadlineStatus {
  state: 'none' | 'ok' | 'warning' | 'overdue';
  /** deadlineAt − now (negative once overdue); null when there is no running deadline. */
  remainingMs: number | null;
}

/** The warning window for a time limit (ms), or the flat window when the limit is unknown. */
export function warningWindowMs(timeLimitMs?: number | null): number {
  return timeLimitMs && timeLimitMs > 0 ? Math.max(WARNING_MIN_MS, WARNING_SHARE * timeLimitMs) : WARNING_MIN_MS;
}

export function deadlineStatus(
  event: Pick<GridEvent, 'state' | 'deadlineAt'>, now: number, timeLimitMs?: number | null,
): DeadlineStatus {
  if (event.deadlineAt === null || !DEADLINE_STATES.includes(event.state)) return { state: 'none', remainingMs: null };
  const remainingMs = event.deadlineAt - now;
  if (remainingMs <= 0) return { state: 'overdue', remainingMs };
  return { state: remainingMs <= warningWindowMs(timeLimitMs) ? 'warning' : 'ok', remainingMs };
}

/** Overdue now (the station's filter and the list's float-to-top use the same rule). */
export function isOverdue(event: Pick<GridEvent, 'state' | 'deadlineAt'>, now: number): boolean {
  return deadlineStatus(event, now).state === 'overdue';
}

export type CountdownLocale = 'zh-CN' | 'en';

/**
 * Countdown text for a chip: '剩余 2天3小时' / '2d 3h left', '剩余 3小时05分' / '3h 05m left',
 * '剩余 12分' / '12m left', '超时 1小时20分' / 'overdue 1h 20m'. Whole minutes, rounded toward zero.
 */
export function formatCountdown(ms: number, locale: CountdownLocale | string = 'zh-CN'): string {
  const zh = !locale.startsWith('en');
  const overdue = ms <= 0;
  const abs = Math.abs(ms);
  const d = Math.floor(abs / DAY);
  const h = Math.floor((abs % DAY) / HOUR);
  const m = Math.floor((abs % HOUR) / MINUTE);
  const mm = String(m).padStart(2, '0');
  let body: string;
  if (d > 0) body = zh ? `${d}天${h}小时` : `${d}d ${h}h`;
  else if (h > 0) body = zh ? `${h}小时${mm}分` : `${h}h ${mm}m`;
  else body = zh ? `${m}分` : `${m}m`;
  if (overdue) return zh ? `超时 ${body}` : `overdue ${body}`;
  return zh ? `剩余 ${body}` : `${body} left`;
}
