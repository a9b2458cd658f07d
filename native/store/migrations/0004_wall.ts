// Schema 4 (issue 3): the video wall's own state at this seat — each wall's layout and tiles (with its
// running tour and alarm), named presets, tours, and how far alarm mode has read the AI video alerts.
import type { Migration } from '../migrate.js';

// None of these come from the hub: a hub reset (clearSynced) leaves them alone.
export const migration0004: Migration = {
  version: 4,
  name: 'wall',
  sql: /* sql */ `
    CREATE TABLE wall_state (
      wall_id    INTEGER PRIMARY KEY CHECK (wall_id BETWEEN 1 AND 16),
      data       TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE wall_presets (
      id         TEXT PRIMARY KEY,
      name       TEXT NOT NULL UNIQUE,
      data       TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE wall_tours (
      id         TEXT PRIMARY KEY,
      name       TEXT NOT NULL,
      data       TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    -- One row: how far alarm mode has read the events cache, as an events rowid. New rows get higher
    -- rowids, so an alert pulled late (a seat back from offline) is still new to alarm mode.
    CREATE TABLE wall_alert_cursor (
      id           INTEGER PRIMARY KEY CHECK (id = 1),
      events_rowid INTEGER NOT NULL
    ) STRICT;
  `,
};
