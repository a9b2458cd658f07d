// Buildings (统一地址库 entries with footprints) in the cache: upsert from sync, all for the map, counts per subtree.
import type Database from 'better-sqlite3';
import type { Building } from '../api/model.js';
import { cachedJson } from './cached-json.js';
import { subtreeRange } from './code-range.js';

const SQL = {
  upsert: /* sql */ `
    INSERT INTO buildings (id, grid_code, seq, data) VALUES (@id, @gridCode, @seq, @data)
    ON CONFLICT (id) DO UPDATE SET grid_code = excluded.grid_code, seq = excluded.seq, data = excluded.data
    WHERE excluded.seq >= buildings.seq`,
  all: `SELECT data FROM buildings ORDER BY id`,
  inSubtree: `SELECT data FROM buildings WHERE grid_code >= @lo AND grid_code < @hi ORDER BY id`,
  countInSubtree: `SELECT count(*) AS n FROM buildings WHERE grid_code >= @lo AND grid_code < @hi`,
  count: `SELECT count(*) AS n FROM buildings`,
  clear: `DELETE FROM buildings`,
} as const;

export class BuildingsRepo {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      upsert: db.prepare(SQL.upsert),
      all: db.prepare<[], { data: string }>(SQL.all),
      inSubtree: db.prepare<{ lo: string; hi: string }, { data: string }>(SQL.inSubtree),
      countInSubtree: db.prepare<{ lo: string; hi: string }, { n: number }>(SQL.countInSubtree),
      count: db.prepare<[], { n: number }>(SQL.count),
      clear: db.prepare(SQL.clear),
    };
  }

  upsert(b: Building, seq: number): void {
    this.s.upsert.run({ id: b.id, gridCode: b.gridCode, seq, data: JSON.stringify(b) });
  }

  all(): Building[] {
    return this.s.all.all().map((r) => cachedJson<Building>(r.data));
  }

  inSubtree(code: string): Building[] {
    return this.s.inSubtree.all(subtreeRange(code)).map((r) => cachedJson<Building>(r.data));
  }

  countInSubtree(code: string): number {
    return this.s.countInSubtree.get(subtreeRange(code))?.n ?? 0;
  }

  count(): number {
    return this.s.count.get()?.n ?? 0;
  }

  clear(): void {
    this.s.clear.run();
  }
}
