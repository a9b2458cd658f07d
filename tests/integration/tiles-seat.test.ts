// Map tiles through a real browser seat and a real hub: the seat's `/tiles/...` route (token-checked)
// serves the hub's imagery and keeps it in SQLite (MBTiles), a pre-seed over the Station API fills the
// county's extent with progress, and with the hub gone the cache still serves while a miss is a quick 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub } from '../../hub/server.js';
import { fixtureCounty } from '../../hub/test-fixture.js';
import { readPng } from '../../hub/tiles/test-png.js';
import type { SeedProgress } from '../../native/api/tiles.js';
import { startSeat, type Seat } from '../../native/seat/server.js';
import { tempDir } from '../../native/store/test-fixtures.js';
import { boxOf, lonLatToTileXY, tileCount, type TileId } from '../../native/tiles/tile-math.js';
import { ApiError, SeatClient } from './api-client.js';
import { eventually, within } from './wait.js';

const TOKEN = 'tiles-seat-token';
const county = fixtureCounty();
const extent = boxOf(county.grids[0]!.boundary)!;
let hub: Awaited<ReturnType<typeof startHub>> | null;
let seat: Seat;
let client: SeatClient;
const dir = tempDir('watchfloor-tiles-');

function tileAt(z: number): TileId {
  const [x, y] = lonLatToTileXY(county.county.center, z);
  return { z, x: Math.floor(x), y: Math.floor(y) };
}

function seatTile({ z, x, y }: TileId, token: string | null = TOKEN): Promise<Response> {
  return fetch(`${seat.url}/tiles/${z}/${x}/${y}.png${token === null ? '' : `?token=${token}`}`);
}

beforeAll(async () => {
  hub = await startHub({ port: 0, dataDir: null, county, positionIntervalMs: 600_000, eventIntervalMs: 600_000, fieldIntervalMs: 3_600_000, historyEvents: 3 });
  seat = await startSeat({ port: 0, hubUrl: hub.url, dataDir: dir.dir, token: TOKEN, pingIntervalMs: 300 });
  await within(seat.station.whenSynced(), 60_000, 'seat synced');
  client = await SeatClient.open(seat.url, TOKEN);
}, 90_000);

afterAll(async () => {
  client?.close();
  await seat?.close();
  await hub?.close();
  dir.remove();
});

describe('map tiles at the seat', () => {
  it('tells the renderer where tiles are: the seat path with its token, the zooms and the county extent', async () => {
    expect(await client.call('tiles.endpoint', {})).toEqual({
      url: `/tiles/{z}/{x}/{y}.png?token=${TOKEN}`, minZoom: 8, maxZoom: 16, bounds: [...extent],
    });
  });

  it('serves a tile from the hub and keeps it; refuses a request without the token', async () => {
    expect((await seatTile(tileAt(14), null)).status).toBe(401);
    expect((await seatTile(tileAt(14), 'wrong')).status).toBe(401);
    const res = await seatTile(tileAt(14));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(readPng(Buffer.from(await res.arrayBuffer()))).toMatchObject({ width: 256, height: 256 });
    expect(seat.station.tiles.cache.has(tileAt(14))).toBe(true);
    expect((await client.call('tiles.status', {})).tiles).toBe(1);
  });

  it('pre-seeds the county at z 8–15 with progress on tiles.progress', async () => {
    const total = tileCount(extent, 8, 15);
    client.subscribe('tiles.progress');
    const started: SeedProgress = await client.call('tiles.seed', { minZoom: 8, maxZoom: 15 });
    expect(started).toMatchObject({ state: 'running', total, done: 0 });
    const ended = await client.event('tiles.progress', (p) => p.state !== 'running', 'the seed to end', 30_000);
    expect(ended).toMatchObject({ state: 'done', total, done: total, fetched: total - 1, failed: 0 });
    expect(await client.call('tiles.status', {})).toMatchObject({ tiles: total, seed: { state: 'done' } });
    expect(seat.station.tiles.cache.metadata()).toMatchObject({ format: 'png', scheme: 'tms', minzoom: '8', maxzoom: '16', bounds: extent.join(',') });
  });

  it('rejects seed params that make no sense', async () => {
    const err = await client.call('tiles.seed', { minZoom: 12, maxZoom: 9 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('bad_params');
  });

  it('with the hub gone: cached tiles still served, a miss is a quick 404, seeding is refused', async () => {
    await hub!.close();
    hub = null;
    await eventually(() => seat.station.sync.link().state === 'offline', 20_000, 'the link to go offline');
    const cached = await seatTile(tileAt(13));
    expect(cached.status).toBe(200);
    expect(readPng(Buffer.from(await cached.arrayBuffer())).width).toBe(256);
    const miss = await seatTile(tileAt(16));
    expect(miss.status).toBe(404);
    const err = await client.call('tiles.seed', { minZoom: 8, maxZoom: 16 }).catch((e: unknown) => e);
    expect((err as ApiError).code).toBe('hub_unreachable');
  }, 30_000);
});
