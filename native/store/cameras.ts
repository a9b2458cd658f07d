// Cameras in the cache: upsert from sync, list, by grid subtree, and the ones inside a view box (R*Tree).
import type Database from 'better-sqlite3';
import type { Camera } from '../api/model.js';
import type { BBox } from '../api/contract.js';
import { cachedJson } from './cached-json.js';
import { subtreeRange } from './code-range.js';

const SQL = {
  upsert: /* sql */ `
    INSERT INTO cameras (id, grid_code, lon, lat, online, seq, data)
    VALUES (@id, @gridCode, @lon, @lat, @online, @seq, @data)
    ON CONFLICT (id) DO UPDATE SET
      grid_code = excluded.grid_code, lon = excluded.lon, lat = excluded.lat, online = excluded.online,
      seq = excluded.seq, data = excluded.data
    WHERE excluded.seq >= cameras.seq`,
  get: `SELECT data FROM cameras WHERE id = ?`,
  all: `SELECT data FROM cameras ORDER BY id`,
  inSubtree: `SELECT data FROM cameras WHERE grid_code >= @lo AND grid_code < @hi ORDER BY id LIMIT @limit`,
  countInSubtree: `SELECT count(*) AS n FROM cameras WHERE grid_code >= @lo AND grid_code < @hi`,
  // The R*Tree stores 32-bit floats rounded outwards, so it finds a superset; the exact test follows.
  inView: /* sql */ `
    SELECT c.data FROM cameras_rtree r JOIN cameras c ON c.rid = r.rid
     WHERE r.max_lon >= @west AND r.min_lon <= @east AND r.max_lat >= @south AND r.min_lat <= @north
       AND c.lon BETWEEN @west AND @east AND c.lat BETWEEN @south AND @north
     ORDER BY c.id LIMIT @limit`,
  count: `SELECT count(*) AS n FROM cameras`,
  clear: `DELETE FROM cameras`,
} as const;

/** More cameras than any screen can show in one view; the renderer asks again after zooming in. */
export const IN_VIEW_LIMIT = 5000;

export class CamerasRepo {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      upsert: db.prepare(SQL.upsert),
      get: db.prepare<[string], { data: string }>(SQL.get),
      all: db.prepare<[], { data: string }>(SQL.all),
      inSubtree: db.prepare<{ lo: string; hi: string; limit: number }, { data: string }>(SQL.inSubtree),
      countInSubtree: db.prepare<{ lo: string; hi: string }, { n: number }>(SQL.countInSubtree),
      inView: db.prepare<BBox & { limit: number }, { data: string }>(SQL.inView),
      count: db.prepare<[], { n: number }>(SQL.count),
      clear: db.prepare(SQL.clear),
    };
  }

  upsert(c: Camera, seq: number): void {
    this.s.upsert.run({
      id: c.id, gridCode: c.gridCode, lon: c.position[0], lat: c.position[1], online: c.online ? 1 : 0,
      seq, data: JSON.stringify(c),
    });
  }

  get(id: string): Camera | null {
    const row = this.s.get.get(id);
    return row ? cachedJson<Camera>(row.data) : null;
  }

  all(): Camera[] {
    return this.s.all.all().map((r) => cachedJson<Camera>(r.data));
  }

  inSubtree(code: string, limit = Number.MAX_SAFE_INTEGER): Camera[] {
    return this.s.inSubtree.all({ ...subtreeRange(code), limit }).map((r) => cachedJson<Camera>(r.data));
  }

  countInSubtree(code: string): number {
    return this.s.countInSubtree.get(subtreeRange(code))?.n ?? 0;
  }

  inView(box: BBox, limit = IN_VIEW_LIMIT): Camera[] {
    const { west, south, east, north } = box;
    return this.s.inView.all({ west, south, east, north, limit }).map((r) => cachedJson<Camera>(r.data));
  }

  count(): number {
    return this.s.count.get()?.n ?? 0;
  }

  clear(): void {
    this.s.clear.run();
  }
}
