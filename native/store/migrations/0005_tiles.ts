// Schema 5 (issue 5): the map tile cache, in the MBTiles layout (metadata + tiles, TMS row order), so a
// seat shows its imagery offline and the tables can be copied out as an .mbtiles file as they are.
import type { Migration } from '../migrate.js';

// Not synced rows: a hub reset (clearSynced) leaves the tiles alone; fetched_at is ours, beside the
// MBTiles columns, so a re-seed can tell old tiles from new.
export const migration0005: Migration = {
  version: 5,
  name: 'tiles',
  sql: /* sql */ `
    CREATE TABLE metadata (
      name  TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE tiles (
      zoom_level  INTEGER NOT NULL CHECK (zoom_level BETWEEN 0 AND 24),
      tile_column INTEGER NOT NULL CHECK (tile_column >= 0),
      tile_row    INTEGER NOT NULL CHECK (tile_row >= 0),
      tile_data   BLOB NOT NULL,
      fetched_at  INTEGER NOT NULL,
      PRIMARY KEY (zoom_level, tile_column, tile_row)
    ) STRICT, WITHOUT ROWID;
  `,
};
