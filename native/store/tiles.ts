// The map tile cache in the MBTiles layout: `metadata(name, value)` and `tiles(zoom_level, tile_column,
// tile_row, tile_data)` with TMS rows. Callers speak XYZ (as map clients ask); the flip happens here only.
import type Database from 'better-sqlite3';
import { flipRow, type TileId } from '../tiles/tile-math.js';

export interface TileCacheStats {
  tiles: number;
  bytes: number;
}

export class TileCache {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      get: db.prepare<[number, number, number], { tile_data: Buffer }>(
        `SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?`),
      has: db.prepare<[number, number, number], { n: number }>(
        `SELECT 1 AS n FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?`),
      put: db.prepare<[number, number, number, Buffer, number]>(
        `INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data, fetched_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (zoom_level, tile_column, tile_row) DO UPDATE SET tile_data = excluded.tile_data, fetched_at = excluded.fetched_at`),
      stats: db.prepare<[], { tiles: number; bytes: number | null }>(`SELECT count(*) AS tiles, sum(length(tile_data)) AS bytes FROM tiles`),
      setMeta: db.prepare<[string, string]>(`INSERT INTO metadata (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`),
      meta: db.prepare<[], { name: string; value: string }>(`SELECT name, value FROM metadata ORDER BY name`),
    };
  }

  get({ z, x, y }: TileId): Buffer | null {
    return this.s.get.get(z, x, flipRow(z, y))?.tile_data ?? null;
  }

  has({ z, x, y }: TileId): boolean {
    return this.s.has.get(z, x, flipRow(z, y)) !== undefined;
  }

  put({ z, x, y }: TileId, data: Buffer, now = Date.now()): void {
    this.s.put.run(z, x, flipRow(z, y), data, now);
  }

  stats(): TileCacheStats {
    const r = this.s.stats.get();
    return { tiles: r?.tiles ?? 0, bytes: r?.bytes ?? 0 };
  }

  /** MBTiles metadata (name, format, bounds, minzoom, maxzoom…). */
  setMetadata(values: Record<string, string>): void {
    for (const [name, value] of Object.entries(values)) this.s.setMeta.run(name, value);
  }

  metadata(): Record<string, string> {
    return Object.fromEntries(this.s.meta.all().map((r) => [r.name, r.value]));
  }
}
