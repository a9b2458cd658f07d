// The video wall's rows (issue 3): wall states, presets, tours and alarm mode's alert cursor, plus the one
// query alarm mode runs over the events cache (AI video alerts added after the cursor).
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { GridEvent } from '../api/model.js';
import { Tour, WallPreset, WallState } from '../api/video.js';
import { cachedJson } from './cached-json.js';

const SQL = {
  walls: `SELECT data FROM wall_state ORDER BY wall_id`,
  wall: `SELECT data FROM wall_state WHERE wall_id = ?`,
  putWall: `INSERT INTO wall_state (wall_id, data, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (wall_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
  presets: `SELECT data FROM wall_presets ORDER BY name, id`,
  preset: `SELECT data FROM wall_presets WHERE id = ?`,
  presetByName: `SELECT data FROM wall_presets WHERE name = ?`,
  putPreset: `INSERT INTO wall_presets (id, name, data, updated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, data = excluded.data, updated_at = excluded.updated_at`,
  deletePreset: `DELETE FROM wall_presets WHERE id = ?`,
  tours: `SELECT data FROM wall_tours ORDER BY name, id`,
  tour: `SELECT data FROM wall_tours WHERE id = ?`,
  putTour: `INSERT INTO wall_tours (id, name, data, updated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, data = excluded.data, updated_at = excluded.updated_at`,
  deleteTour: `DELETE FROM wall_tours WHERE id = ?`,
  cursor: `SELECT events_rowid AS rowid FROM wall_alert_cursor WHERE id = 1`,
  setCursor: `INSERT INTO wall_alert_cursor (id, events_rowid) VALUES (1, ?)
    ON CONFLICT (id) DO UPDATE SET events_rowid = excluded.events_rowid`,
  lastEventRowid: `SELECT coalesce(max(rowid), 0) AS rowid FROM events`,
  // Rows added since the cursor are a short rowid range: NOT INDEXED keeps the planner on it rather than
  // on events_source, which would walk every AI alert of the year. The report-time floor drops stale ones.
  alertsBetween: /* sql */ `
    SELECT data FROM events NOT INDEXED
     WHERE rowid > @after AND rowid <= @upTo AND reported_at > @reportedAfter
       AND source = 'ai_video' AND state NOT IN ('archived', 'merged')
       AND json_extract(data, '$.cameraId') IS NOT NULL
     ORDER BY rowid`,
} as const;

type Row = { data: string };

/** Wall rows are the seat's own and few: each is checked on the way out, and a bad one reads as absent. */
function parsed<T>(schema: z.ZodType<T>, row: Row | undefined): T | null {
  if (!row) return null;
  const r = schema.safeParse(JSON.parse(row.data));
  return r.success ? r.data : null;
}

export class WallsRepo {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    this.s = {
      walls: db.prepare<[], Row>(SQL.walls),
      wall: db.prepare<[number], Row>(SQL.wall),
      putWall: db.prepare<[number, string, number]>(SQL.putWall),
      presets: db.prepare<[], Row>(SQL.presets),
      preset: db.prepare<[string], Row>(SQL.preset),
      presetByName: db.prepare<[string], Row>(SQL.presetByName),
      putPreset: db.prepare<[string, string, string, number]>(SQL.putPreset),
      deletePreset: db.prepare<[string]>(SQL.deletePreset),
      tours: db.prepare<[], Row>(SQL.tours),
      tour: db.prepare<[string], Row>(SQL.tour),
      putTour: db.prepare<[string, string, string, number]>(SQL.putTour),
      deleteTour: db.prepare<[string]>(SQL.deleteTour),
      cursor: db.prepare<[], { rowid: number }>(SQL.cursor),
      setCursor: db.prepare<[number]>(SQL.setCursor),
      lastEventRowid: db.prepare<[], { rowid: number }>(SQL.lastEventRowid),
      alertsBetween: db.prepare<{ after: number; upTo: number; reportedAfter: number }, Row>(SQL.alertsBetween),
    };
  }

  /** Runs `fn` in one write transaction: a change and what follows from it land together or not at all. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  walls(): WallState[] {
    return this.s.walls.all().flatMap((r) => parsed(WallState, r) ?? []);
  }
  wall(wallId: number): WallState | null {
    return parsed(WallState, this.s.wall.get(wallId));
  }
  putWall(w: WallState): void {
    this.s.putWall.run(w.wallId, JSON.stringify(w), w.updatedAt);
  }

  presets(): WallPreset[] {
    return this.s.presets.all().flatMap((r) => parsed(WallPreset, r) ?? []);
  }
  preset(id: string): WallPreset | null {
    return parsed(WallPreset, this.s.preset.get(id));
  }
  presetByName(name: string): WallPreset | null {
    return parsed(WallPreset, this.s.presetByName.get(name));
  }
  putPreset(p: WallPreset): void {
    this.s.putPreset.run(p.id, p.name, JSON.stringify(p), p.updatedAt);
  }
  deletePreset(id: string): boolean {
    return this.s.deletePreset.run(id).changes > 0;
  }

  tours(): Tour[] {
    return this.s.tours.all().flatMap((r) => parsed(Tour, r) ?? []);
  }
  tour(id: string): Tour | null {
    return parsed(Tour, this.s.tour.get(id));
  }
  putTour(t: Tour): void {
    this.s.putTour.run(t.id, t.name, JSON.stringify(t), t.updatedAt);
  }
  deleteTour(id: string): boolean {
    return this.s.deleteTour.run(id).changes > 0;
  }

  /** The events rowid alarm mode has read up to; null before it first looked. */
  alertCursor(): number | null {
    return this.s.cursor.get()?.rowid ?? null;
  }
  setAlertCursor(rowid: number): void {
    this.s.setCursor.run(rowid);
  }
  lastEventRowid(): number {
    return this.s.lastEventRowid.get()?.rowid ?? 0;
  }
  /** Open AI video alerts with a camera in events rows (after, upTo], reported after `reportedAfter`, in arrival order. */
  alertsBetween(after: number, upTo: number, reportedAfter: number): GridEvent[] {
    return this.s.alertsBetween.all({ after, upTo, reportedAfter }).map((r) => cachedJson<GridEvent>(r.data));
  }
}
