// The first cache schema: the county's collections as JSON payloads plus the indexed columns queries use,
// the sync cursors, and a small key/value table for what the station learns about its hub.
import type { Migration } from '../migrate.js';

// No foreign keys between synced collections: the hub owns their integrity, and an incremental pull may
// bring a building before the new grid it stands in. Grid codes must extend their parent's code, which
// is what lets every "subtree" query be an index range on a code prefix.
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  sql: /* sql */ `
    CREATE TABLE meta (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE sync_cursors (
      collection TEXT PRIMARY KEY,
      cursor     INTEGER NOT NULL CHECK (cursor >= 0),
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE grids (
      code        TEXT PRIMARY KEY,
      parent_code TEXT,
      level       TEXT NOT NULL CHECK (level IN ('county', 'town', 'village', 'unit')),
      depth       INTEGER NOT NULL,
      name        TEXT NOT NULL,
      center_lon  REAL NOT NULL,
      center_lat  REAL NOT NULL,
      west        REAL NOT NULL,
      south       REAL NOT NULL,
      east        REAL NOT NULL,
      north       REAL NOT NULL,
      seq         INTEGER NOT NULL,
      data        TEXT NOT NULL,
      CHECK (parent_code IS NULL
             OR (length(code) > length(parent_code) AND substr(code, 1, length(parent_code)) = parent_code))
    ) STRICT;
    CREATE INDEX grids_parent ON grids (parent_code);
    CREATE INDEX grids_level ON grids (level, code);

    CREATE TABLE buildings (
      id        TEXT PRIMARY KEY,
      grid_code TEXT NOT NULL,
      seq       INTEGER NOT NULL,
      data      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX buildings_grid ON buildings (grid_code);

    -- rid is the integer key the R*Tree needs (camera ids are 20-digit GB/T 28181 strings).
    CREATE TABLE cameras (
      rid       INTEGER PRIMARY KEY,
      id        TEXT NOT NULL UNIQUE,
      grid_code TEXT NOT NULL,
      lon       REAL NOT NULL,
      lat       REAL NOT NULL,
      online    INTEGER NOT NULL,
      seq       INTEGER NOT NULL,
      data      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX cameras_grid ON cameras (grid_code);
    CREATE VIRTUAL TABLE cameras_rtree USING rtree (rid, min_lon, max_lon, min_lat, max_lat);
    CREATE TRIGGER cameras_rtree_insert AFTER INSERT ON cameras BEGIN
      INSERT INTO cameras_rtree VALUES (new.rid, new.lon, new.lon, new.lat, new.lat);
    END;
    CREATE TRIGGER cameras_rtree_update AFTER UPDATE OF lon, lat ON cameras BEGIN
      UPDATE cameras_rtree SET min_lon = new.lon, max_lon = new.lon, min_lat = new.lat, max_lat = new.lat
       WHERE rid = new.rid;
    END;
    CREATE TRIGGER cameras_rtree_delete AFTER DELETE ON cameras BEGIN
      DELETE FROM cameras_rtree WHERE rid = old.rid;
    END;

    -- The position columns are the truth for where a worker is; data holds the record as last synced.
    CREATE TABLE workers (
      id        TEXT PRIMARY KEY,
      grid_code TEXT NOT NULL,
      lon       REAL NOT NULL,
      lat       REAL NOT NULL,
      heading   REAL NOT NULL,
      fix_at    INTEGER NOT NULL,
      seq       INTEGER NOT NULL,
      data      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX workers_grid ON workers (grid_code);

    CREATE TABLE events (
      id          TEXT PRIMARY KEY,
      grid_code   TEXT NOT NULL,
      state       TEXT NOT NULL,
      severity    INTEGER NOT NULL,
      reported_at INTEGER NOT NULL,
      updated_at  INTEGER NOT NULL,
      seq         INTEGER NOT NULL,
      data        TEXT NOT NULL
    ) STRICT;
    -- Open events are the few among a year of archived ones (175,000 a year): a partial index keeps them cheap.
    CREATE INDEX events_open ON events (grid_code, reported_at) WHERE state NOT IN ('archived', 'merged');
    CREATE INDEX events_updated ON events (updated_at);

    CREATE TABLE basemap (
      id   TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      seq  INTEGER NOT NULL,
      data TEXT NOT NULL
    ) STRICT;
  `,
};
