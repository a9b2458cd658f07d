// Schema 6 (issue 6): the call log (通话记录): every video dispatch call this seat took part in or was
// rung by, as it last saw it, kept across restarts.
import type { Migration } from '../migrate.js';

// The seat's own rows, not synced: a hub reset (clearSynced) leaves them alone. participants holds the
// protocol's Participant list as JSON, checked again on every read.
export const migration0006: Migration = {
  version: 6,
  name: 'calls',
  sql: /* sql */ `
    CREATE TABLE call_log (
      id           TEXT PRIMARY KEY,
      event_id     TEXT,
      title        TEXT NOT NULL,
      initiator    TEXT NOT NULL,
      participants TEXT NOT NULL,
      created_at   INTEGER NOT NULL,
      answered_at  INTEGER,
      ended_at     INTEGER,
      outcome      TEXT CHECK (outcome IN ('completed', 'unanswered', 'declined', 'failed')),
      duration_s   INTEGER CHECK (duration_s >= 0)
    ) STRICT;

    CREATE INDEX call_log_created ON call_log (created_at DESC);
    CREATE INDEX call_log_event ON call_log (event_id) WHERE event_id IS NOT NULL;
  `,
};
