// The closed event loop (issue 4): work-order columns on events for the list and statistics indexes,
// the immutable action trace, the routing lists, the outbox of writes made at this seat, and cached media.
import type { Migration } from '../migrate.js';

// Events are rebuilt rather than altered: rows cached under schema 1 lack the work-order fields, so the
// table starts empty and its cursor is forgotten; the next pull brings every event back from the hub.
// The filter/sort columns are explicit (written by the repository from the record) so that each has a
// plain index; town_code, is_open and live are generated from them.
export const migration0002: Migration = {
  version: 2,
  name: 'event_loop',
  sql: /* sql */ `
    DROP TABLE events;
    DELETE FROM sync_cursors WHERE collection = 'events';

    CREATE TABLE events (
      id          TEXT PRIMARY KEY,
      grid_code   TEXT NOT NULL,
      town_code   TEXT GENERATED ALWAYS AS (substr(grid_code, 1, 9)) VIRTUAL,
      state       TEXT NOT NULL,
      -- Open = still somebody's work (not archived, not merged).
      is_open     INTEGER GENERATED ALWAYS AS (state NOT IN ('archived', 'merged')) VIRTUAL,
      -- Live = a department holds the work and its deadline runs (DEADLINE_STATES in native/api/deadlines.ts).
      live        INTEGER GENERATED ALWAYS AS (state IN ('dispatched', 'in_progress')) VIRTUAL,
      source      TEXT NOT NULL,
      category    TEXT NOT NULL,
      severity    INTEGER NOT NULL,
      department  TEXT,
      level       TEXT NOT NULL,
      deadline_at INTEGER,
      supervised  INTEGER NOT NULL,
      reported_at INTEGER NOT NULL,
      closed_at   INTEGER,
      updated_at  INTEGER NOT NULL,
      version     INTEGER NOT NULL,
      lon         REAL NOT NULL,
      lat         REAL NOT NULL,
      -- title, address and description in one column for the text filter.
      search      TEXT NOT NULL,
      seq         INTEGER NOT NULL,
      data        TEXT NOT NULL
    ) STRICT;
    -- Open work is the few among a year of archived events (175,000 a year): is_open leads the list's
    -- segment indexes, so open work is a short range and the archive is walked in reported order.
    CREATE INDEX events_open ON events (grid_code, reported_at) WHERE state NOT IN ('archived', 'merged');
    -- Covers every filter and sort column of open work, so the list's open segments never touch the
    -- (wide) table rows until the page's ≤ 500 rows are read.
    CREATE INDEX events_open_work ON events (
      deadline_at, supervised, live, state, source, category, department, town_code, reported_at, severity, search
    ) WHERE state NOT IN ('archived', 'merged');
    -- Overdue (a running deadline) and supervised work: few rows, partial indexes.
    CREATE INDEX events_live_deadline ON events (deadline_at) WHERE live = 1;
    CREATE INDEX events_supervised ON events (reported_at) WHERE supervised = 1;
    -- One index per filter, each ending in reported_at so a filtered page by date needs no sort.
    CREATE INDEX events_reported ON events (reported_at);
    CREATE INDEX events_state ON events (state, reported_at);
    CREATE INDEX events_source ON events (source, state, reported_at);
    CREATE INDEX events_category ON events (category, reported_at);
    CREATE INDEX events_town ON events (town_code, reported_at);
    CREATE INDEX events_department ON events (department, reported_at);
    -- Statistics windows: intake/closure/level by reported_at, handling time by closed_at, both covering.
    CREATE INDEX events_window ON events (reported_at, state, level, closed_at);
    CREATE INDEX events_closed ON events (closed_at, reported_at) WHERE closed_at IS NOT NULL;

    -- The trace: one row per applied action, never updated or deleted (a replay of the same id is ignored).
    CREATE TABLE event_actions (
      id       TEXT PRIMARY KEY,
      event_id TEXT NOT NULL,
      version  INTEGER NOT NULL,
      at       INTEGER NOT NULL,
      seq      INTEGER NOT NULL,
      data     TEXT NOT NULL
    ) STRICT;
    CREATE INDEX event_actions_event ON event_actions (event_id, version);

    CREATE TABLE departments (
      code TEXT PRIMARY KEY,
      seq  INTEGER NOT NULL,
      data TEXT NOT NULL
    ) STRICT;
    CREATE TABLE collection_items (
      category TEXT PRIMARY KEY,
      seq      INTEGER NOT NULL,
      data     TEXT NOT NULL
    ) STRICT;
    CREATE TABLE responsibilities (
      category TEXT NOT NULL,
      level    TEXT NOT NULL,
      seq      INTEGER NOT NULL,
      data     TEXT NOT NULL,
      PRIMARY KEY (category, level)
    ) STRICT;

    -- Every write made at this seat, committed here before it is sent; nothing is ever deleted
    -- (an operator gives up on a rejected write by marking it 'dropped').
    CREATE TABLE outbox (
      key        TEXT PRIMARY KEY,
      kind       TEXT NOT NULL CHECK (kind IN ('transition', 'create')),
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
    CREATE INDEX outbox_pending ON outbox (created_at) WHERE state = 'pending';
    CREATE INDEX outbox_created ON outbox (created_at);

    -- Images seen once (AI alert snapshots), kept so they still show when the hub is out of reach.
    CREATE TABLE media (
      path         TEXT PRIMARY KEY,
      content_type TEXT NOT NULL,
      body         BLOB NOT NULL,
      fetched_at   INTEGER NOT NULL
    ) STRICT;
  `,
};
