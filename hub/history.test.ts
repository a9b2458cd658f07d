import { describe, expect, it } from 'vitest';
import { EventAction, GridEvent } from '../native/api/model.js';
import { isOpen } from '../native/api/work-order.js';
import { seedHistory } from './history.js';
import { Simulator } from './simulator.js';
import { fixtureCounty } from './test-fixture.js';
import { replayTrail } from './test-replay.js';

const T0 = Date.UTC(2025, 2, 1, 2, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const county = fixtureCounty({ villages: 3, unitsPerVillage: 3 });

describe('seeded history', () => {
  const items = seedHistory(new Simulator(county, { now: () => T0 }), 300, 1, T0);
  const events = items.map((i) => i.event);
  const actions = items.flatMap((i) => i.trail.map((t) => t.action));

  it('is valid, numbered in report order, and never in the future', () => {
    expect(items).toHaveLength(300);
    expect(new Set(events.map((e) => e.id)).size).toBe(300);
    expect(new Set(actions.map((a) => a.id)).size).toBe(actions.length);
    for (const e of events) {
      expect(GridEvent.safeParse(e).success).toBe(true);
      expect(e.reportedAt).toBeGreaterThanOrEqual(T0 - 30 * DAY);
      expect(e.updatedAt).toBeLessThanOrEqual(T0);
    }
    for (const a of actions) {
      expect(EventAction.safeParse(a).success).toBe(true);
      expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(a.at).toBeLessThanOrEqual(T0);
    }
    for (let i = 1; i < events.length; i++) expect(events[i]!.reportedAt).toBeGreaterThanOrEqual(events[i - 1]!.reportedAt);
  });

  it('replays: each trail run through transition() from "reported" gives the stored event, step by step', () => {
    for (const { event, trail } of items) {
      expect(replayTrail(event, trail.map((t) => t.action))).toEqual(event);
      for (const t of trail) expect(t.result.version).toBe(t.action.version);
      expect(trail.at(-1)?.result ?? event).toEqual(event);
      if (trail.length) expect(event.updatedAt).toBe(trail.at(-1)!.action.at);
      for (let i = 1; i < trail.length; i++) expect(trail[i]!.action.at).toBeGreaterThanOrEqual(trail[i - 1]!.action.at);
    }
  });

  it('is mostly archived, with open, overdue and side-path work as a real month has', () => {
    const count = (p: (e: GridEvent) => boolean) => events.filter(p).length;
    const did = (name: string) => new Set(actions.filter((a) => a.action === name).map((a) => a.eventId)).size;
    expect(count((e) => e.state === 'archived')).toBeGreaterThan(180);
    const open = events.filter((e) => isOpen(e.state));
    expect(open.length).toBeGreaterThan(25);
    expect(open.length).toBeLessThan(90);
    expect(count((e) => e.state === 'reported')).toBeGreaterThan(0);
    const overdue = count((e) => (e.state === 'dispatched' || e.state === 'in_progress') && e.deadlineAt !== null && e.deadlineAt < T0);
    expect(overdue).toBeGreaterThan(0);
    expect(count((e) => e.supervised)).toBeGreaterThan(0);
    expect(count((e) => e.state === 'merged' && e.mergedInto !== null)).toBeGreaterThan(0);
    for (const name of ['escalate', 'return', 'reopen', 'supervise', 'merge']) expect(did(name), name).toBeGreaterThan(0);
    // Open work is recent: the old month is closed.
    for (const e of open) expect(e.reportedAt).toBeGreaterThan(T0 - 6 * DAY);
    // Realistic handling: from report to verification, typically hours to a few days.
    const spans = events.filter((e) => e.closedAt !== null).map((e) => e.closedAt! - e.reportedAt).sort((a, b) => a - b);
    const median = spans[Math.floor(spans.length / 2)]!;
    expect(median).toBeGreaterThan(4 * HOUR);
    expect(median).toBeLessThan(5 * DAY);
    // Most work is done in time: the department's feedback comes before the deadline it was given.
    const feedbacks = items.flatMap((i) => i.trail).filter((t) => t.action.action === 'feedback');
    const late = feedbacks.filter((t) => t.action.at > t.result.deadlineAt!).length;
    expect(feedbacks.length).toBeGreaterThan(150);
    expect(late).toBeGreaterThan(0);
    expect(late / feedbacks.length).toBeLessThan(0.2);
  });

  it('stamps every action with an actor of a role allowed to take it', () => {
    const byRole = (name: string) => new Set(actions.filter((a) => a.action === name).map((a) => a.actor.role));
    expect([...byRole('start')]).toEqual(['department_liaison']);
    expect([...byRole('verify')]).toEqual(['grid_worker']);
    for (const a of actions) {
      expect(a.actor.name.length).toBeGreaterThan(0);
      if (['return', 'feedback', 'reopen', 'escalate', 'merge', 'supervise', 'hand_down'].includes(a.action)) expect(a.reason).toBeTruthy();
    }
  });

  it('depends only on the seed and the clock', () => {
    const again = seedHistory(new Simulator(county, { now: () => T0 }), 300, 1, T0);
    expect(again).toEqual(items);
  });
});
