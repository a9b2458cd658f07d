// Grid workers (网格员) in the cache: the record from sync plus the latest position, which live fixes
// overwrite in batches; a fix never replaces a newer one.
import type Database from 'better-sqlite3';
import type { Worker } from '../api/model.js';
import type { PositionFix } from '../sync/hub-protocol.js';
import { cachedJson } from './cached-json.js';
import { subtreeRange } from './code-range.js';

const SQL = {
  // A synced record keeps the live position when the live one is newer than the record's.
  upsert: /* sql */ `
    INSERT INTO workers (id, grid_code, lon, lat, heading, fix_at, seq, data)
    VALUES (@id, @gridCode, @lon, @lat, @heading, @fixAt, @seq, @data)
    ON CONFLICT (id) DO UPDATE SET
      grid_code = excluded.grid_code, seq = excluded.seq, data = excluded.data,
      lon     = CASE WHEN excluded.fix_at >= workers.fix_at THEN excluded.lon ELSE workers.lon END,
      lat     = CASE WHEN excluded.fix_at >= workers.fix_at THEN excluded.lat ELSE workers.lat END,
      heading = CASE WHEN excluded.fix_at >= workers.fix_at THEN excluded.heading ELSE workers.heading END,
      fix_at  = max(excluded.fix_at, workers.fix_at)
    WHERE excluded.seq >= workers.seq`,
  // Fixes for workers the cache does not know yet are dropped: the next sync brings the record, and the
  // next fix (seconds later) its position.
  move: /* sql */ `
    UPDATE workers SET lon = @lon, lat = @lat, heading = @heading, fix_at = @fixAt
     WHERE id = @id AND fix_at <= @fixAt`,
  get: `SELECT data, lon, lat, heading, fix_at FROM workers WHERE id = ?`,
  all: `SELECT data, lon, lat, heading, fix_at FROM workers ORDER BY id`,
  inSubtree: `SELECT data, lon, lat, heading, fix_at FROM workers WHERE grid_code >= @lo AND grid_code < @hi ORDER BY id LIMIT @limit`,
  countInSubtree: `SELECT count(*) AS n FROM workers WHERE grid_code >= @lo AND grid_code < @hi`,
  count: `SELECT count(*) AS n FROM workers`,
  clear: `DELETE FROM workers`,
} as const;

interface Row {
  data: string;
  lon: number;
  lat: number;
  heading: number;
  fix_at: number;
}

function toWorker(r: Row): Worker {
  return { ...cachedJson<Worker>(r.data), position: [r.lon, r.lat], heading: r.heading, fixAt: r.fix_at };
}

export class WorkersRepo {
  private readonly s;
  private readonly moveMany: (fixes: readonly PositionFix[]) => number;

  constructor(db: Database.Database) {
    this.s = {
      upsert: db.prepare(SQL.upsert),
      move: db.prepare(SQL.move),
      get: db.prepare<[string], Row>(SQL.get),
      all: db.prepare<[], Row>(SQL.all),
      inSubtree: db.prepare<{ lo: string; hi: string; limit: number }, Row>(SQL.inSubtree),
      countInSubtree: db.prepare<{ lo: string; hi: string }, { n: number }>(SQL.countInSubtree),
      count: db.prepare<[], { n: number }>(SQL.count),
      clear: db.prepare(SQL.clear),
    };
    this.moveMany = db.transaction((fixes: readonly PositionFix[]) => {
      let moved = 0;
      for (const f of fixes) {
        moved += this.s.move.run({ id: f.id, lon: f.position[0], lat: f.position[1], heading: f.heading, fixAt: f.fixAt }).changes;
      }
      return moved;
    });
  }

  upsert(w: Worker, seq: number): void {
    this.s.upsert.run({
      id: w.id, gridCode: w.gridCode, lon: w.position[0], lat: w.position[1], heading: w.heading, fixAt: w.fixAt,
      seq, data: JSON.stringify(w),
    });
  }

  /** Applies a batch of live fixes in one transaction; returns how many workers moved. */
  applyPositions(fixes: readonly PositionFix[]): number {
    return this.moveMany(fixes);
  }

  get(id: string): Worker | null {
    const row = this.s.get.get(id);
    return row ? toWorker(row) : null;
  }

  all(): Worker[] {
    return this.s.all.all().map(toWorker);
  }

  inSubtree(code: string, limit = Number.MAX_SAFE_INTEGER): Worker[] {
    return this.s.inSubtree.all({ ...subtreeRange(code), limit }).map(toWorker);
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
