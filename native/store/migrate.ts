// Applies the numbered cache migrations that a database file has not seen yet, all in one transaction:
// either the file ends at the newest version or it stays exactly as it was.
import type Database from 'better-sqlite3';

export interface Migration {
  /** 1, 2, 3…: the schema version the file has once this migration is applied. */
  version: number;
  name: string;
  sql: string;
}

export interface MigrationResult {
  from: number;
  to: number;
  applied: string[];
}

export function checkMigrationList(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`migration list is broken: entry ${i} ("${m.name}") has version ${m.version}, expected ${i + 1}`);
    }
  });
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Database.Database, list: readonly Migration[]): MigrationResult {
  checkMigrationList(list);
  const from = schemaVersion(db);
  const newest = list.length;
  if (from > newest) {
    throw new Error(`cache schema version ${from} is newer than this station knows (${newest}); use a newer station or a fresh data directory`);
  }
  const pending = list.slice(from);
  if (pending.length === 0) return { from, to: from, applied: [] };

  const applyAll = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of pending) {
      try {
        db.exec(m.sql);
      } catch (err) {
        throw new Error(`migration ${m.version} "${m.name}" failed: ${(err as Error).message}`, { cause: err });
      }
      record.run(m.version, m.name, Date.now());
      // user_version lives in the file header, which the transaction journals too: it rolls back with the rest.
      db.pragma(`user_version = ${m.version}`);
    }
  });
  applyAll.immediate();
  return { from, to: newest, applied: pending.map((m) => `${m.version}_${m.name}`) };
}
