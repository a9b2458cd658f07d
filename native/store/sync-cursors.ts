// Where each collection's pull stands: the hub sequence number of the last row the cache holds.
import type Database from 'better-sqlite3';
import type { SyncCollection } from '../sync/hub-protocol.js';

const SQL = {
  get: `SELECT cursor FROM sync_cursors WHERE collection = ?`,
  all: `SELECT collection, cursor FROM sync_cursors`,
  set: /* sql */ `
    INSERT INTO sync_cursors (collection, cursor, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (collection) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
  clear: `DELETE FROM sync_cursors`,
} as const;

export class SyncCursorsRepo {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      get: db.prepare<[string], { cursor: number }>(SQL.get),
      all: db.prepare<[], { collection: SyncCollection; cursor: number }>(SQL.all),
      set: db.prepare<[string, number, number]>(SQL.set),
      clear: db.prepare(SQL.clear),
    };
  }

  /** 0 before the first pull. */
  get(collection: SyncCollection): number {
    return this.s.get.get(collection)?.cursor ?? 0;
  }

  all(): Partial<Record<SyncCollection, number>> {
    return Object.fromEntries(this.s.all.all().map((r) => [r.collection, r.cursor]));
  }

  set(collection: SyncCollection, cursor: number, now = Date.now()): void {
    this.s.set.run(collection, cursor, now);
  }

  clear(): void {
    this.s.clear.run();
  }
}
