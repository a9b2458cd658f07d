// The work orders' trace in the cache: every applied action, immutable. A row never changes once written;
// the same action arriving again (sync after this seat's own write) only takes its sync sequence.
import type Database from 'better-sqlite3';
import type { EventAction } from '../api/model.js';
import { cachedJson } from './cached-json.js';

const SQL = {
  insert: /* sql */ `
    INSERT INTO event_actions (id, event_id, version, at, seq, data) VALUES (@id, @eventId, @version, @at, @seq, @data)
    ON CONFLICT (id) DO UPDATE SET seq = max(event_actions.seq, excluded.seq)`,
  forEvent: `SELECT data FROM event_actions WHERE event_id = ? ORDER BY version, at, id`,
  get: `SELECT data FROM event_actions WHERE id = ?`,
  count: `SELECT count(*) AS n FROM event_actions`,
  clear: `DELETE FROM event_actions`,
} as const;

export class EventActionsRepo {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      insert: db.prepare(SQL.insert),
      forEvent: db.prepare<[string], { data: string }>(SQL.forEvent),
      get: db.prepare<[string], { data: string }>(SQL.get),
      count: db.prepare<[], { n: number }>(SQL.count),
      clear: db.prepare(SQL.clear),
    };
  }

  /** seq 0: known from the hub's answer to this seat's write, before the pull brings it. */
  upsert(a: EventAction, seq: number): void {
    this.s.insert.run({ id: a.id, eventId: a.eventId, version: a.version, at: a.at, seq, data: JSON.stringify(a) });
  }

  /** The timeline of one event, oldest first. */
  forEvent(eventId: string): EventAction[] {
    return this.s.forEvent.all(eventId).map((r) => cachedJson<EventAction>(r.data));
  }

  get(id: string): EventAction | null {
    const r = this.s.get.get(id);
    return r ? cachedJson<EventAction>(r.data) : null;
  }

  count(): number {
    return this.s.count.get()?.n ?? 0;
  }

  clear(): void {
    this.s.clear.run();
  }
}
