// The tile cache is MBTiles: the two tables as the spec names them, rows stored TMS (south up), metadata.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from './store.js';
import { tempDir } from './test-fixtures.js';
import { TileCache } from './tiles.js';

let tmp: ReturnType<typeof tempDir>;
let store: Store;
let file: string;
beforeEach(() => {
  tmp = tempDir();
  file = join(tmp.dir, 'cache.sqlite');
  store = openStore(file);
});
afterEach(() => {
  if (store.db.open) store.close();
  tmp.remove();
});

describe('tile cache', () => {
  it('has the MBTiles tables and columns', () => {
    const columns = (table: string): string[] =>
      store.db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`).all().map((r) => r.name);
    expect(columns('metadata')).toEqual(['name', 'value']);
    expect(columns('tiles')).toEqual(expect.arrayContaining(['zoom_level', 'tile_column', 'tile_row', 'tile_data']));
  });

  it('stores XYZ tiles under TMS rows and gives them back by XYZ', () => {
    const cache = new TileCache(store.db);
    const png = Buffer.from('tile 3/1/2');
    expect(cache.get({ z: 3, x: 1, y: 2 })).toBeNull();
    expect(cache.has({ z: 3, x: 1, y: 2 })).toBe(false);
    cache.put({ z: 3, x: 1, y: 2 }, png, 1000);
    expect(cache.get({ z: 3, x: 1, y: 2 })?.equals(png)).toBe(true);
    expect(cache.has({ z: 3, x: 1, y: 2 })).toBe(true);
    // XYZ row 2 at zoom 3 is TMS row 2^3 - 1 - 2 = 5: what an MBTiles reader looks up.
    store.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare('SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles').all()).toEqual([
      { zoom_level: 3, tile_column: 1, tile_row: 5, tile_data: png },
    ]);
    raw.close();
  });

  it('replaces a re-fetched tile and counts tiles and bytes', () => {
    const cache = new TileCache(store.db);
    cache.put({ z: 8, x: 212, y: 102 }, Buffer.alloc(10), 1);
    cache.put({ z: 8, x: 212, y: 102 }, Buffer.alloc(30), 2);
    cache.put({ z: 8, x: 213, y: 102 }, Buffer.alloc(5), 3);
    expect(cache.stats()).toEqual({ tiles: 2, bytes: 35 });
    expect(cache.get({ z: 8, x: 212, y: 102 })?.length).toBe(30);
  });

  it('keeps MBTiles metadata by name', () => {
    const cache = new TileCache(store.db);
    cache.setMetadata({ name: 'Watchfloor imagery', format: 'png' });
    cache.setMetadata({ format: 'png', minzoom: '8' });
    expect(cache.metadata()).toEqual({ format: 'png', minzoom: '8', name: 'Watchfloor imagery' });
  });
});
