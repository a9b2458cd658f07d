// Events (事件) in the cache: upsert from sync, the open ones county-wide or under a grid.
import type Database from 'better-sqlite3';
import type { EventState, GridEvent } from '../api/model.js';
import { cachedJson } from './cached-json.js';
import { subtreeRange } from './code-range.js';

/** States that end an event's life; every other state is open work. Keep in step with the partial index. */
export const CLOSED_EVENT_STATES: readonly EventState[] = ['archived', 'merged'];

export function isOpenEvent(state: EventState): boolean {
  return !CLOSED_EVENT_STATES.includes(state);
}

const OPEN = `state NOT IN ('archived', 'merged')`;

const SQL = {
  upsert: /* sql */ `
    INSERT INTO events (id, grid_code, state, severity, reported_at, updated_at, seq, data)
    VALUES (@id, @gridCode, @state, @severity, @reportedAt, @updatedAt, @seq, @data)
    ON CONFLICT (id) DO UPDATE SET
      grid_code = excluded.grid_code, state = excluded.state, severity = excluded.severity,
      reported_at = excluded.reported_at, updated_at = excluded.updated_at, seq = excluded.seq, data = excluded.data
    WHERE excluded.seq >= events.seq`,
  get: `SELECT data FROM events WHERE id = ?`,
  open: `SELECT data FROM events WHERE ${OPEN} ORDER BY reported_at DESC, id LIMIT @limit`,
  openInSubtree: `
    SELECT data FROM events WHERE ${OPEN} AND grid_code >= @lo AND grid_code < @hi
     ORDER BY reported_at DESC, id LIMIT @limit`,
  openCountInSubtree: `SELECT count(*) AS n FROM events WHERE ${OPEN} AND grid_code >= @lo AND grid_code < @hi`,
  count: `SELECT count(*) AS n FROM events`,
  clear: `DELETE FROM events`,
} as const;

export class EventsRepo {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      upsert: db.prepare(SQL.upsert),
      get: db.prepare<[string], { data: string }>(SQL.get),
      open: db.prepare<{ limit: number }, { data: string }>(SQL.open),
      openInSubtree: db.prepare<{ lo: string; hi: string; limit: number }, { data: string }>(SQL.openInSubtree),
      openCountInSubtree: db.prepare<{ lo: string; hi: string }, { n: number }>(SQL.openCountInSubtree),
      count: db.prepare<[], { n: number }>(SQL.count),
      clear: db.prepare(SQL.clear),
    };
  }

  upsert(e: GridEvent, seq: number): void {
    this.s.upsert.run({
      id: e.id, gridCode: e.gridCode, state: e.state, severity: e.severity, reportedAt: e.reportedAt,
      updatedAt: e.updatedAt, seq, data: JSON.stringify(e),
    });
  }

  get(id: string): GridEvent | null {
    const row = this.s.get.get(id);
    return row ? cachedJson<GridEvent>(row.data) : null;
  }

  /** Open events, newest first. */
  open(limit: number): GridEvent[] {
    return this.s.open.all({ limit }).map((r) => cachedJson<GridEvent>(r.data));
  }

  openInSubtree(code: string, limit: number): GridEvent[] {
    return this.s.openInSubtree.all({ ...subtreeRange(code), limit }).map((r) => cachedJson<GridEvent>(r.data));
  }

  openCountInSubtree(code: string): number {
    return this.s.openCountInSubtree.get(subtreeRange(code))?.n ?? 0;
  }

  count(): number {
    return this.s.count.get()?.n ?? 0;
  }

  clear(): void {
    this.s.clear.run();
  }
}
