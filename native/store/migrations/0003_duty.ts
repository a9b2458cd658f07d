// Schema 3 (issue 7): caches for the duty roster, liaisons, handovers, incidents, their timeline and the
// emergency plans; the seat's sign-in log; and an outbox that accepts the duty and incident writes.
import type { Migration } from '../migrate.js';

// The outbox's kind CHECK (schema 2) names only 'transition' and 'create', and SQLite cannot alter a CHECK:
// the table is rebuilt and every row copied, so pending writes made under schema 2 still go out.
export const migration0003: Migration = {
  version: 3,
  name: 'duty',
  sql: /* sql */ `
    CREATE TABLE outbox_v3 (
      key        TEXT PRIMARY KEY,
      kind       TEXT NOT NULL CHECK (kind IN ('transition', 'create', 'roster', 'handover', 'handover_ack',
                   'incident_declare', 'incident_log', 'incident_stand_down')),
      event_id   TEXT,
      action     TEXT NOT NULL,
      body       TEXT NOT NULL,
      client_at  INTEGER NOT NULL,
      state      TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'rejected', 'dropped')),
      attempts   INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    INSERT INTO outbox_v3 (rowid, key, kind, event_id, action, body, client_at, state, attempts, last_error, created_at, updated_at)
      SELECT rowid, key, kind, event_id, action, body, client_at, state, attempts, last_error, created_at, updated_at FROM outbox;
    DROP TABLE outbox;
    ALTER TABLE outbox_v3 RENAME TO outbox;
    CREATE INDEX outbox_pending ON outbox (created_at) WHERE state = 'pending';
    CREATE INDEX outbox_created ON outbox (created_at);

    CREATE TABLE liaisons (
      id              TEXT PRIMARY KEY,
      department_code TEXT NOT NULL,
      seq             INTEGER NOT NULL,
      data            TEXT NOT NULL
    ) STRICT;
    CREATE INDEX liaisons_department ON liaisons (department_code);

    CREATE TABLE roster (
      id        TEXT PRIMARY KEY,
      date      TEXT NOT NULL,
      level     TEXT NOT NULL,
      town_code TEXT,
      seq       INTEGER NOT NULL,
      data      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX roster_date ON roster (date, level, town_code);

    CREATE TABLE handovers (
      id              TEXT PRIMARY KEY,
      level           TEXT NOT NULL,
      town_code       TEXT,
      created_at      INTEGER NOT NULL,
      acknowledged_at INTEGER,
      seq             INTEGER NOT NULL,
      data            TEXT NOT NULL
    ) STRICT;
    CREATE INDEX handovers_created ON handovers (created_at);

    CREATE TABLE incidents (
      id          TEXT PRIMARY KEY,
      state       TEXT NOT NULL,
      declared_at INTEGER NOT NULL,
      seq         INTEGER NOT NULL,
      data        TEXT NOT NULL
    ) STRICT;
    CREATE INDEX incidents_declared ON incidents (declared_at);

    CREATE TABLE incident_log (
      id          TEXT PRIMARY KEY,
      incident_id TEXT NOT NULL,
      at          INTEGER NOT NULL,
      seq         INTEGER NOT NULL,
      data        TEXT NOT NULL
    ) STRICT;
    CREATE INDEX incident_log_incident ON incident_log (incident_id, at);

    CREATE TABLE plans (
      id   TEXT PRIMARY KEY,
      type TEXT NOT NULL,
      seq  INTEGER NOT NULL,
      data TEXT NOT NULL
    ) STRICT;

    -- The handover summary reads the trace by time (escalations and supervisions of a shift).
    CREATE INDEX IF NOT EXISTS event_actions_at ON event_actions (at);

    -- Who signed in and out at this seat (值班签到): the seat's own record, never synced or cleared.
    CREATE TABLE duty_sign_log (
      id      INTEGER PRIMARY KEY,
      kind    TEXT NOT NULL CHECK (kind IN ('in', 'out')),
      name    TEXT NOT NULL,
      role    TEXT NOT NULL,
      seat_id TEXT NOT NULL,
      at      INTEGER NOT NULL
    ) STRICT;
  `,
};
