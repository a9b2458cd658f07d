// The work-order reads behind a shift handover and the daily coordination view: events reported in a
// window, overdue and due-soon work, supervised work, and the trace in a window (all on indexed columns).
import type Database from 'better-sqlite3';
import type { EventAction, GridEvent } from '../api/model.js';
import { cachedJson } from './cached-json.js';

const SQL = {
  reportedBetween: `SELECT data FROM events WHERE reported_at >= ? AND reported_at < ? ORDER BY reported_at, id`,
  // A running deadline (live = dispatched/in_progress) that ends before the given time.
  liveDueBefore: `SELECT data FROM events WHERE live = 1 AND deadline_at < ? ORDER BY deadline_at, id`,
  supervisedOpen: `SELECT data FROM events WHERE supervised = 1 AND is_open = 1 ORDER BY reported_at, id`,
  actionsBetween: `SELECT data FROM event_actions WHERE at >= ? AND at < ? ORDER BY at, id`,
  event: `SELECT data FROM events WHERE id = ?`,
} as const;

type Row = { data: string };

export class ShiftRepo {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      reportedBetween: db.prepare<[number, number], Row>(SQL.reportedBetween),
      liveDueBefore: db.prepare<[number], Row>(SQL.liveDueBefore),
      supervisedOpen: db.prepare<[], Row>(SQL.supervisedOpen),
      actionsBetween: db.prepare<[number, number], Row>(SQL.actionsBetween),
      event: db.prepare<[string], Row>(SQL.event),
    };
  }

  reportedBetween(from: number, to: number): GridEvent[] {
    return this.s.reportedBetween.all(from, to).map((r) => cachedJson<GridEvent>(r.data));
  }

  /** Work whose running deadline ends before `t` (t = now: overdue; t = end of today: due by tonight). */
  liveDueBefore(t: number): GridEvent[] {
    return this.s.liveDueBefore.all(t).map((r) => cachedJson<GridEvent>(r.data));
  }

  supervisedOpen(): GridEvent[] {
    return this.s.supervisedOpen.all().map((r) => cachedJson<GridEvent>(r.data));
  }

  actionsBetween(from: number, to: number): EventAction[] {
    return this.s.actionsBetween.all(from, to).map((r) => cachedJson<EventAction>(r.data));
  }

  events(ids: Iterable<string>): Map<string, GridEvent> {
    const out = new Map<string, GridEvent>();
    for (const id of ids) {
      const r = this.s.event.get(id);
      if (r) out.set(id, cachedJson<GridEvent>(r.data));
    }
    return out;
  }
}
