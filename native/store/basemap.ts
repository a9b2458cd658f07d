// The town's own ground (roads, water, green, blocks) in the cache, drawn by the map as vector layers.
import type Database from 'better-sqlite3';
import type { MapFeature } from '../api/model.js';
import { cachedJson } from './cached-json.js';

const SQL = {
  upsert: /* sql */ `
    INSERT INTO basemap (id, kind, seq, data) VALUES (@id, @kind, @seq, @data)
    ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, seq = excluded.seq, data = excluded.data
    WHERE excluded.seq >= basemap.seq`,
  all: `SELECT data FROM basemap ORDER BY kind, id`,
  count: `SELECT count(*) AS n FROM basemap`,
  clear: `DELETE FROM basemap`,
} as const;

export class BasemapRepo {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      upsert: db.prepare(SQL.upsert),
      all: db.prepare<[], { data: string }>(SQL.all),
      count: db.prepare<[], { n: number }>(SQL.count),
      clear: db.prepare(SQL.clear),
    };
  }

  upsert(f: MapFeature, seq: number): void {
    this.s.upsert.run({ id: f.id, kind: f.kind, seq, data: JSON.stringify(f) });
  }

  all(): MapFeature[] {
    return this.s.all.all().map((r) => cachedJson<MapFeature>(r.data));
  }

  count(): number {
    return this.s.count.get()?.n ?? 0;
  }

  clear(): void {
    this.s.clear.run();
  }
}
