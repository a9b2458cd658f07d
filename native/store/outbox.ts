// The outbox: every write made at this seat (a transition, a manual intake), committed here with its
// idempotency key before it is sent. Rows are never deleted: they end 'sent', 'rejected' (with the hub's
// reason) or 'dropped' (the operator gave up on a rejected one).
import type Database from 'better-sqlite3';
import type { OutboxEntry, OutboxError, OutboxState } from '../api/contract.js';
import { cachedJson } from './cached-json.js';

export interface NewOutboxEntry {
  key: string;
  kind: OutboxEntry['kind'];
  eventId: string | null;
  action: string;
  /** The request body exactly as it will be sent (and re-sent) to the hub. */
  body: unknown;
  clientAt: number;
}

export interface OutboxRow extends OutboxEntry {
  body: unknown;
}

interface Raw {
  key: string;
  kind: OutboxEntry['kind'];
  event_id: string | null;
  action: string;
  body: string;
  client_at: number;
  state: OutboxState;
  attempts: number;
  last_error: string | null;
  created_at: number;
}

function toRow(r: Raw): OutboxRow {
  return {
    key: r.key, kind: r.kind, eventId: r.event_id, action: r.action, state: r.state, attempts: r.attempts,
    error: r.last_error === null ? null : cachedJson<OutboxError>(r.last_error), clientAt: r.client_at,
    createdAt: r.created_at, body: cachedJson<unknown>(r.body),
  };
}

/** The entry as the API shows it (without the request body). */
export function publicEntry(r: OutboxRow): OutboxEntry {
  const { body: _body, ...entry } = r;
  return entry;
}

const SQL = {
  insert: /* sql */ `
    INSERT INTO outbox (key, kind, event_id, action, body, client_at, state, attempts, last_error, created_at, updated_at)
    VALUES (@key, @kind, @eventId, @action, @body, @clientAt, 'pending', 0, NULL, @now, @now)`,
  get: `SELECT * FROM outbox WHERE key = ?`,
  pending: `SELECT * FROM outbox WHERE state = 'pending' ORDER BY created_at, rowid`,
  list: `SELECT * FROM outbox ORDER BY created_at DESC, rowid DESC LIMIT ?`,
  attempt: `UPDATE outbox SET attempts = attempts + 1, last_error = ?, updated_at = ? WHERE key = ? AND state = 'pending'`,
  finish: `UPDATE outbox SET state = ?, event_id = coalesce(?, event_id), last_error = ?, attempts = attempts + 1, updated_at = ?
    WHERE key = ? AND state = 'pending'`,
  drop: `UPDATE outbox SET state = 'dropped', updated_at = ? WHERE key = ? AND state = 'rejected'`,
} as const;

export class OutboxRepo {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      insert: db.prepare(SQL.insert),
      get: db.prepare<[string], Raw>(SQL.get),
      pending: db.prepare<[], Raw>(SQL.pending),
      list: db.prepare<[number], Raw>(SQL.list),
      attempt: db.prepare<[string | null, number, string]>(SQL.attempt),
      finish: db.prepare<[OutboxState, string | null, string | null, number, string]>(SQL.finish),
      drop: db.prepare<[number, string]>(SQL.drop),
    };
  }

  add(e: NewOutboxEntry, now = Date.now()): OutboxRow {
    this.s.insert.run({ key: e.key, kind: e.kind, eventId: e.eventId, action: e.action, body: JSON.stringify(e.body), clientAt: e.clientAt, now });
    return this.get(e.key)!;
  }

  get(key: string): OutboxRow | null {
    const r = this.s.get.get(key);
    return r ? toRow(r) : null;
  }

  /** Oldest first: writes reach the hub in the order the operator made them. */
  pending(): OutboxRow[] {
    return this.s.pending.all().map(toRow);
  }

  list(states: readonly OutboxState[] | undefined, limit: number): OutboxRow[] {
    // The outbox of one seat is small; filtering the newest rows in memory keeps one statement.
    const rows = this.s.list.all(states ? 100_000 : limit).map(toRow);
    return (states ? rows.filter((r) => states.includes(r.state)) : rows).slice(0, limit);
  }

  /** A send that did not reach the hub (network): stays pending, the error is kept for the operator. */
  recordAttempt(key: string, error: OutboxError, now = Date.now()): void {
    this.s.attempt.run(JSON.stringify(error), now, key);
  }

  /** The hub answered: 'sent' or 'rejected' with its reason. Only a pending entry moves; returns whether it did. */
  finish(key: string, state: 'sent' | 'rejected', eventId: string | null, error: OutboxError | null, now = Date.now()): boolean {
    return this.s.finish.run(state, eventId, error ? JSON.stringify(error) : null, now, key).changes > 0;
  }

  /** Only a rejected entry can be dropped; returns whether it was. */
  drop(key: string, now = Date.now()): boolean {
    return this.s.drop.run(now, key).changes > 0;
  }
}
