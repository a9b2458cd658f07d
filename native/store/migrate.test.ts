import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkMigrationList, migrate, type Migration } from './migrate.js';
import { migrations } from './migrations/index.js';
import { openStore } from './store.js';
import { tempDir } from './test-fixtures.js';

let tmp: ReturnType<typeof tempDir>;
let file: string;
beforeEach(() => {
  tmp = tempDir();
  file = join(tmp.dir, 'cache.sqlite');
});
afterEach(() => tmp.remove());

function tables(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all().map((r) => r.name);
  } finally {
    db.close();
  }
}

describe('migrations', () => {
  it('bring a fresh file to the newest version, in WAL mode with foreign keys on', () => {
    const store = openStore(file);
    expect(store.migration).toEqual({ from: 0, to: migrations.length, applied: ['1_initial', '2_event_loop', '3_duty', '4_wall', '5_tiles', '6_calls'] });
    expect(store.db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.prepare('SELECT version, name FROM schema_migrations').all()).toEqual([
      { version: 1, name: 'initial' }, { version: 2, name: 'event_loop' }, { version: 3, name: 'duty' }, { version: 4, name: 'wall' }, { version: 5, name: 'tiles' },
      { version: 6, name: 'calls' },
    ]);
    store.close();
    expect(tables(file)).toEqual(expect.arrayContaining(['grids', 'buildings', 'cameras', 'cameras_rtree', 'workers', 'events', 'basemap', 'sync_cursors', 'meta',
      'event_actions', 'departments', 'collection_items', 'responsibilities', 'outbox', 'media', 'metadata', 'tiles']));
  });

  it('apply nothing when the file is re-opened', () => {
    openStore(file).close();
    const again = openStore(file);
    expect(again.migration).toEqual({ from: migrations.length, to: migrations.length, applied: [] });
    expect(again.db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: migrations.length });
    again.close();
  });

  it('roll back a failing migration and leave the file as it was', () => {
    const store = openStore(file);
    store.meta.set('marker', 'kept');
    store.close();

    const broken: Migration[] = [
      ...migrations,
      { version: migrations.length + 1, name: 'adds_a_table', sql: 'CREATE TABLE added (id TEXT PRIMARY KEY)' },
      { version: migrations.length + 2, name: 'broken', sql: 'ALTER TABLE grids ADD COLUMN x INTEGER; SELECT * FROM no_such_table' },
    ];
    expect(() => openStore(file, { migrations: broken })).toThrow(/migration \d+ "broken" failed: no such table: no_such_table/);

    expect(tables(file)).not.toContain('added');
    const reopened = openStore(file);
    expect(reopened.migration.from).toBe(migrations.length);
    expect(reopened.db.prepare(`SELECT count(*) AS n FROM pragma_table_info('grids') WHERE name = 'x'`).get()).toEqual({ n: 0 });
    expect(reopened.meta.get('marker', z.string())).toBe('kept');
    reopened.close();
  });

  it('upgrade a schema-1 cache: events are re-pulled (cursor forgotten), other collections and cursors stay', () => {
    // A cache as the schema-1 station left it (opened raw: today's repositories expect today's columns).
    const old = new Database(file);
    migrate(old, migrations.slice(0, 1));
    old.prepare(`INSERT INTO events (id, grid_code, state, severity, reported_at, updated_at, seq, data) VALUES ('e1', '321023', 'reported', 1, 1, 1, 5, '{}')`).run();
    old.prepare(`INSERT INTO sync_cursors (collection, cursor, updated_at) VALUES ('events', 5, 1), ('grids', 9, 1)`).run();
    old.close();
    const store = openStore(file);
    expect(store.migration).toEqual({ from: 1, to: migrations.length, applied: ['2_event_loop', '3_duty', '4_wall', '5_tiles', '6_calls'] });
    expect(store.events.count()).toBe(0);
    expect(store.cursors.all()).toEqual({ grids: 9 });
    store.close();
  });

  it('refuse a file from a newer station', () => {
    openStore(file).close();
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openStore(file)).toThrow(/schema version 99 is newer than this station knows/);
  });

  it('reject a list with gaps', () => {
    expect(() => checkMigrationList([{ version: 2, name: 'x', sql: '' }])).toThrow(/has version 2, expected 1/);
  });

  it('load the Node build of better-sqlite3 by default and an explicit binding when given', () => {
    const binding = join(process.cwd(), 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(existsSync(binding)).toBe(true);
    const store = openStore(file, { nativeBinding: binding });
    expect(store.counts().grids).toBe(0);
    store.close();
    expect(() => openStore(join(tmp.dir, 'other.sqlite'), { nativeBinding: join(tmp.dir, 'missing.node') })).toThrow();
  });
});

