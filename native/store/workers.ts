// Grid workers (网格员) in the cache: the record from sync plus the latest position, which live fixes
// overwrite in batches; a fix never replaces a newer one.
import type Database from 'better-sqlite3';
import type { LonLat, Worker } from '../api/model.js';
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
  inBox: `SELECT data, lon, lat, heading, fix_at FROM workers WHERE lon BETWEEN @west AND @east AND lat BETWEEN @south AND @north`,
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

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres. */
export function haversineM(a: LonLat, b: LonLat): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
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
      inBox: db.prepare<{ west: number; east: number; south: number; north: number }, Row>(SQL.inBox),
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

  /**
   * The workers nearest a point by great-circle distance: a box around the point prefilters, growing until
   * it holds enough workers; only a worker inside the circle the box encloses is surely among the nearest.
   */
  nearest(at: LonLat, limit: number): { worker: Worker; distanceM: number }[] {
    const [lon, lat] = at;
    for (let radiusM = 2_000; ; radiusM *= 2) {
      const dLat = radiusM / 111_320;
      const dLon = radiusM / (111_320 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
      const all = radiusM > 200_000;
      const rows = all ? this.s.all.all() : this.s.inBox.all({ west: lon - dLon, east: lon + dLon, south: lat - dLat, north: lat + dLat });
      const found = rows
        .map((r) => ({ worker: toWorker(r), distanceM: haversineM(at, [r.lon, r.lat]) }))
        .filter((n) => all || n.distanceM <= radiusM)
        .sort((a, b) => a.distanceM - b.distanceM || a.worker.id.localeCompare(b.worker.id));
      if (found.length >= limit || all) return found.slice(0, limit).map((n) => ({ ...n, distanceM: Math.round(n.distanceM) }));
    }
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
