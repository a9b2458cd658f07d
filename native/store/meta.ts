// Small facts the station keeps about its hub (county, last sync time), as JSON values by key.
import type Database from 'better-sqlite3';
import type { z } from 'zod';

const SQL = {
  get: `SELECT value FROM meta WHERE key = ?`,
  set: `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  delete: `DELETE FROM meta WHERE key = ?`,
} as const;

export class MetaRepo {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      get: db.prepare<[string], { value: string }>(SQL.get),
      set: db.prepare<[string, string]>(SQL.set),
      delete: db.prepare<[string]>(SQL.delete),
    };
  }

  /** Meta values are few and cheap, so they are checked on the way out: a bad value reads as absent. */
  get<T>(key: string, schema: z.ZodType<T>): T | null {
    const row = this.s.get.get(key);
    if (!row) return null;
    const parsed = schema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : null;
  }

  set(key: string, value: unknown): void {
    this.s.set.run(key, JSON.stringify(value));
  }

  delete(key: string): void {
    this.s.delete.run(key);
  }
}
