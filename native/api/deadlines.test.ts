// Deadline status and countdown text: the warning rule as a table, across states and day boundaries.
import { describe, expect, it } from 'vitest';
import { EventState } from './model.js';
import { deadlineStatus, formatCountdown, isOverdue, warningWindowMs } from './deadlines.js';

const H = 3_600_000;
const M = 60_000;
const NOW = Date.UTC(2026, 10, 22, 15, 30); // 23:30 in Baoying: deadlines cross midnight below

describe('deadlineStatus', () => {
  it.each([
    // remaining, time limit (ms or null), expected
    [48 * H, null, 'ok'],
    [2 * H + 1, null, 'ok'],
    [2 * H, null, 'warning'],
    [1, null, 'warning'],
    [0, null, 'overdue'],
    [-5 * M, null, 'overdue'],
    [-3 * 24 * H, null, 'overdue'],
    // 24 h limit: window 6 h
    [6 * H + 1, 24 * H, 'ok'],
    [6 * H, 24 * H, 'warning'],
    // 8 h limit: 25 % = 2 h, the floor: window 2 h
    [2 * H + 1, 8 * H, 'ok'],
    [2 * H, 8 * H, 'warning'],
    // 4 h limit: 25 % = 1 h < 2 h: window 2 h
    [3 * H, 4 * H, 'ok'],
    [90 * M, 4 * H, 'warning'],
    // 2 h limit: in warning from the start
    [2 * H, 2 * H, 'warning'],
    // 15-day limit: window 90 h
    [91 * H, 360 * H, 'ok'],
    [89 * H, 360 * H, 'warning'],
  ] as const)('remaining %d ms with limit %s → %s', (remaining, limit, expected) => {
    const s = deadlineStatus({ state: 'dispatched', deadlineAt: NOW + remaining }, NOW, limit);
    expect(s).toEqual({ state: expected, remainingMs: remaining });
  });

  it('runs only while a department holds the work', () => {
    for (const state of EventState.options) {
      const s = deadlineStatus({ state, deadlineAt: NOW - H }, NOW);
      expect(s.state).toBe(state === 'dispatched' || state === 'in_progress' ? 'overdue' : 'none');
      if (s.state === 'none') expect(s.remainingMs).toBeNull();
    }
  });

  it('no deadline → none', () => {
    expect(deadlineStatus({ state: 'in_progress', deadlineAt: null }, NOW)).toEqual({ state: 'none', remainingMs: null });
  });

  it('a deadline past midnight (UTC+8) counts the same as any other', () => {
    // 23:30 + 1 h = 00:30 the next county day
    expect(deadlineStatus({ state: 'in_progress', deadlineAt: NOW + H }, NOW).state).toBe('warning');
    expect(isOverdue({ state: 'in_progress', deadlineAt: NOW + H }, NOW + H)).toBe(true);
    expect(isOverdue({ state: 'in_progress', deadlineAt: NOW + H }, NOW + H - 1)).toBe(false);
  });

  it('warning window', () => {
    expect(warningWindowMs()).toBe(2 * H);
    expect(warningWindowMs(0)).toBe(2 * H);
    expect(warningWindowMs(24 * H)).toBe(6 * H);
  });
});

describe('formatCountdown', () => {
  it.each([
    [2 * 24 * H + 3 * H + 59 * M, '剩余 2天3小时', '2d 3h left'],
    [3 * H + 5 * M + 59_999, '剩余 3小时05分', '3h 05m left'],
    [12 * M + 30_000, '剩余 12分', '12m left'],
    [59_999, '剩余 0分', '0m left'],
    [0, '超时 0分', 'overdue 0m'],
    [-(1 * H + 20 * M), '超时 1小时20分', 'overdue 1h 20m'],
    [-(26 * H), '超时 1天2小时', 'overdue 1d 2h'],
  ])('%d ms', (ms, zh, en) => {
    expect(formatCountdown(ms, 'zh-CN')).toBe(zh);
    expect(formatCountdown(ms, 'en')).toBe(en);
    expect(formatCountdown(ms, 'en-US')).toBe(en);
  });

  it('defaults to Chinese', () => expect(formatCountdown(5 * M)).toBe('剩余 5分'));
});
