// The Electron utility's loopback tile server: tiles for the right token only (with CORS, since the app's
// pages are another origin), nothing for a wrong token or a path that is not a tile.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/store.js';
import { tempDir } from '../store/test-fixtures.js';
import { TileCache } from '../store/tiles.js';
import { tileUrl } from './tile-path.js';
import { startTileServer, type TileServer } from './tile-server.js';
import { TileService } from './tile-service.js';

let tmp: ReturnType<typeof tempDir>;
let store: Store;
let server: TileServer;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

beforeEach(async () => {
  tmp = tempDir();
  store = openStore(join(tmp.dir, 'station.sqlite'));
  const cache = new TileCache(store.db);
  cache.put({ z: 10, x: 851, y: 409 }, PNG);
  const service = new TileService({
    cache, source: 'http://127.0.0.1:9/{z}/{x}/{y}.png', online: () => false, extent: () => null, publish: () => undefined, log: () => undefined,
  });
  server = await startTileServer(service, () => undefined);
});

afterEach(async () => {
  await server.close();
  store.close();
  tmp.remove();
});

describe('tile server', () => {
  it('serves cached tiles on loopback for its token, with CORS for the app origin', async () => {
    expect(server.urlTemplate).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/tiles\/\{z\}\/\{x\}\/\{y\}\.png\?token=[\w-]{43}$/);
    const res = await fetch(tileUrl(server.urlTemplate, { z: 10, x: 851, y: 409 }));
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('answers an offline miss with 404 at once', async () => {
    const res = await fetch(tileUrl(server.urlTemplate, { z: 10, x: 852, y: 409 }));
    expect(res.status).toBe(404);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a wrong token and anything that is not a tile', async () => {
    const wrong = tileUrl(server.urlTemplate, { z: 10, x: 851, y: 409 }).replace(/token=.*/, 'token=guess');
    expect((await fetch(wrong)).status).toBe(401);
    const origin = new URL(server.urlTemplate).origin;
    expect((await fetch(`${origin}/video`)).status).toBe(404);
    expect((await fetch(`${origin}/tiles/10/851/409.png`)).status).toBe(401);
  });
});
