// The call log (通话记录, issue 6): every CallInfo the station sees is upserted here, so the log names who
// took part, when, for how long, the outcome and the linked event — also after a restart.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { CallLogRow } from '../api/contract.js';
import { Participant, type CallInfo } from '../calls/protocol.js';

const SQL = {
  upsert: /* sql */ `
    INSERT INTO call_log (id, event_id, title, initiator, participants, created_at, answered_at, ended_at, outcome, duration_s)
    VALUES (@id, @eventId, @title, @initiator, @participants, @createdAt, @answeredAt, @endedAt, @outcome, @durationS)
    ON CONFLICT (id) DO UPDATE SET
      event_id = excluded.event_id, title = excluded.title, initiator = excluded.initiator, participants = excluded.participants,
      answered_at = excluded.answered_at, ended_at = excluded.ended_at, outcome = excluded.outcome, duration_s = excluded.duration_s`,
  list: `SELECT * FROM call_log ORDER BY created_at DESC, id LIMIT ?`,
  get: `SELECT * FROM call_log WHERE id = ?`,
  open: `SELECT * FROM call_log WHERE ended_at IS NULL ORDER BY created_at`,
} as const;

interface Row {
  id: string;
  event_id: string | null;
  title: string;
  initiator: string;
  participants: string;
  created_at: number;
  answered_at: number | null;
  ended_at: number | null;
  outcome: string | null;
  duration_s: number | null;
}

const Participants = z.array(Participant);

/** answeredAt → endedAt in whole seconds; null while unanswered or running. */
export function callDurationS(call: Pick<CallInfo, 'answeredAt' | 'endedAt'>): number | null {
  if (call.answeredAt === null || call.endedAt === null) return null;
  return Math.max(0, Math.round((call.endedAt - call.answeredAt) / 1000));
}

/** A row is checked on the way out like any boundary: one that does not parse (hand-edited, older build) is skipped. */
function toEntry(row: Row): CallLogRow | null {
  let participants: unknown;
  try {
    participants = JSON.parse(row.participants);
  } catch {
    return null;
  }
  const parsed = CallLogRow.safeParse({
    id: row.id, eventId: row.event_id, title: row.title, initiator: row.initiator,
    participants: Participants.safeParse(participants).data, createdAt: row.created_at, answeredAt: row.answered_at,
    endedAt: row.ended_at, outcome: row.outcome, durationS: row.duration_s,
  });
  return parsed.success ? parsed.data : null;
}

export class CallLogRepo {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      upsert: db.prepare(SQL.upsert),
      list: db.prepare<[number], Row>(SQL.list),
      get: db.prepare<[string], Row>(SQL.get),
      open: db.prepare<[], Row>(SQL.open),
    };
  }

  /** Records the call as seen now; a later sighting of the same call replaces the row. */
  record(call: CallInfo): void {
    this.s.upsert.run({
      id: call.id, eventId: call.eventId, title: call.title, initiator: call.initiator,
      participants: JSON.stringify(call.participants), createdAt: call.createdAt, answeredAt: call.answeredAt,
      endedAt: call.endedAt, outcome: call.outcome, durationS: callDurationS(call),
    });
  }

  /** Newest first. */
  list(limit: number): CallLogRow[] {
    return this.s.list.all(limit).map(toEntry).filter((r): r is CallLogRow => r !== null);
  }

  get(id: string): CallLogRow | null {
    const row = this.s.get.get(id);
    return row ? toEntry(row) : null;
  }

  /** Calls logged as still running, oldest first (after a lost link or a restart, their end was never seen). */
  unfinished(): CallLogRow[] {
    return this.s.open.all().map(toEntry).filter((r): r is CallLogRow => r !== null);
  }
}
