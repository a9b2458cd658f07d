// The seat's tile service against a real HTTP tile source (the hub's tile routes) and a real SQLite cache:
// a miss is fetched once and kept, offline serves the cache and misses fast, a seed reports progress,
// skips what is cached and can be cancelled.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SeedProgress } from '../api/tiles.js';
import { fixtureCounty } from '../../hub/test-fixture.js';
import { tileRoutes } from '../../hub/tiles/tile-routes.js';
import { openStore, type Store } from '../store/store.js';
import { tempDir } from '../store/test-fixtures.js';
import { TileCache } from '../store/tiles.js';
import { boxOf, lonLatToTileXY, tileCount, type TileId } from './tile-math.js';
import { TileService } from './tile-service.js';

const county = fixtureCounty();
const extent = boxOf(county.grids[0]!.boundary)!;
const routes = tileRoutes({ county, sendError: (res, status) => res.writeHead(status).end() });

let tmp: ReturnType<typeof tempDir>;
let store: Store;
let server: Server;
let source: string;
let requests: string[];
/** Set to hold requests until the test lets them go. */
let gate: Promise<void> | null;
let online: boolean;
let progress: SeedProgress[];

function tileOf(z: number): TileId {
  const [x, y] = lonLatToTileXY(county.county.center, z);
  return { z, x: Math.floor(x), y: Math.floor(y) };
}

let made: TileService[] = [];
function service(box = extent): TileService {
  const s = new TileService({
    cache: new TileCache(store.db), source, online: () => online, extent: () => box, publish: (p) => progress.push(p), log: () => undefined, fetchTimeoutMs: 2000,
  });
  made.push(s);
  return s;
}

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeEach(async () => {
  tmp = tempDir();
  store = openStore(join(tmp.dir, 'station.sqlite'));
  requests = [];
  gate = null;
  online = true;
  progress = [];
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(req.url ?? '');
    void (gate ?? Promise.resolve()).then(() => routes.handle(req, res, new URL(req.url ?? '/', 'http://hub')) || res.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  source = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/tiles/{z}/{x}/{y}.png`;
});

afterEach(async () => {
  for (const s of made) s.close();
  made = [];
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  store.close();
  tmp.remove();
});

describe('tile service', () => {
  it('fetches a miss once, keeps it, and answers the next ask from the cache', async () => {
    const tiles = service();
    const t = tileOf(15);
    const first = await tiles.tile(t);
    expect(first?.subarray(1, 4).toString()).toBe('PNG');
    expect(requests).toEqual([`/api/v1/tiles/15/${t.x}/${t.y}.png`]);
    const again = await tiles.tile(t);
    expect(again?.equals(first!)).toBe(true);
    expect(requests).toHaveLength(1);
    expect(new TileCache(store.db).stats().tiles).toBe(1);
  });

  it('shares one fetch between two asks for the same tile', async () => {
    const tiles = service();
    const [a, b] = await Promise.all([tiles.tile(tileOf(14)), tiles.tile(tileOf(14))]);
    expect(a?.equals(b!)).toBe(true);
    expect(requests).toHaveLength(1);
  });

  it('answers null for a tile the source does not have, and keeps nothing', async () => {
    expect(await service().tile({ z: 14, x: 0, y: 0 })).toBeNull();
    expect(new TileCache(store.db).stats().tiles).toBe(0);
  });

  it('offline: serves what is cached, and a miss is null at once without asking the source', async () => {
    const tiles = service();
    await tiles.tile(tileOf(13));
    online = false;
    expect(await tiles.tile(tileOf(13))).not.toBeNull();
    expect(await tiles.tile(tileOf(14))).toBeNull();
    // The miss never reached the source: only the first, online fetch did.
    expect(requests).toHaveLength(1);
  });

  it('a source that is gone: a miss is null as soon as the connection is refused', async () => {
    const tiles = service();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await tiles.tile(tileOf(12))).toBeNull();
    server = createServer().listen(0);
  });

  it('seeds the county at z 8–16 with progress, skipping tiles already cached', async () => {
    const tiles = service();
    await tiles.tile(tileOf(16));
    const total = tileCount(extent, 8, 16);
    const first = tiles.startSeed(8, 16);
    expect(first).toMatchObject({ state: 'running', total, done: 0, minZoom: 8, maxZoom: 16 });
    await until(() => progress.at(-1)?.state === 'done', 'the seed to end');
    const last = progress.at(-1)!;
    expect(last).toMatchObject({ state: 'done', total, done: total, fetched: total - 1, failed: 0, detail: null });
    expect(last.finishedAt).toBeGreaterThanOrEqual(last.startedAt);
    expect(new TileCache(store.db).stats().tiles).toBe(total);
    // Every tile fetched once: the one already cached was not asked for again.
    expect(new Set(requests).size).toBe(requests.length);
    expect(requests).toHaveLength(total);
    expect(tiles.progress()).toEqual(last);
  });

  it('answers a second seed with the running one, and stops on cancel keeping what it fetched', async () => {
    const tiles = service();
    let open!: () => void;
    gate = new Promise<void>((resolve) => (open = resolve));
    const first = tiles.startSeed(8, 16);
    await until(() => requests.length >= 4, 'four fetches in flight');
    expect(tiles.startSeed(10, 12)).toMatchObject({ minZoom: 8, maxZoom: 16, startedAt: first.startedAt });
    expect(tiles.cancelSeed()).toBe(true);
    open();
    await until(() => progress.at(-1)?.state === 'cancelled', 'the seed to stop');
    const last = progress.at(-1)!;
    expect(last.done).toBeLessThan(last.total);
    expect(requests.length).toBeLessThan(last.total);
    expect(tiles.cancelSeed()).toBe(false);
  });

  it('refuses to seed offline or without a county', () => {
    online = false;
    expect(() => service().startSeed(8, 14)).toThrow(expect.objectContaining({ reason: 'offline' }));
    online = true;
    const none = new TileService({ cache: new TileCache(store.db), source, online: () => true, extent: () => null, publish: () => undefined, log: () => undefined });
    expect(() => none.startSeed(8, 14)).toThrow(expect.objectContaining({ reason: 'no_extent' }));
    // A whole degree square at z 8–18 is ~900,000 tiles.
    expect(() => service([119, 33, 120, 34]).startSeed(8, 18)).toThrow(expect.objectContaining({ reason: 'too_many' }));
    expect(progress).toEqual([]);
  });

  it('a seed fails when the link goes down under it', async () => {
    const tiles = service();
    let open!: () => void;
    gate = new Promise<void>((resolve) => (open = resolve));
    tiles.startSeed(8, 16);
    await until(() => requests.length >= 1, 'a fetch in flight');
    online = false;
    open();
    await until(() => progress.at(-1)?.state === 'failed', 'the seed to fail');
    expect(progress.at(-1)?.detail).toMatch(/link/);
  });
});
