// The station's handlers over a real SQLite cache, hosted by ApiHost with result validation on: every
// method answers with what the contract promises.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TopicBus } from './api/bus.js';
import { methods, type MethodName, type ServerFrame, type StationStatus } from './api/contract.js';
import { ApiHost, type ApiConnection } from './api/host.js';
import { createHandlers } from './handlers.js';
import { openStore, type Store } from './store/store.js';
import { tempDir, tinyCounty } from './store/test-fixtures.js';

let tmp: ReturnType<typeof tempDir>;
let store: Store;
let conn: ApiConnection;
let frames: ServerFrame[];

function status(): StationStatus {
  return {
    county: null, hubUrl: 'http://127.0.0.1:1', embeddedHub: true,
    link: { state: 'online', since: 1, rttMs: 3, reason: null }, lastSyncAt: null, counts: store.counts(),
  };
}

async function call(id: number, method: string, params: unknown = {}): Promise<ServerFrame> {
  conn.receive({ kind: 'req', id, method, params });
  const deadline = Date.now() + 2_000;
  for (;;) {
    const found = frames.find((f) => f.kind === 'res' && f.id === id);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no response to ${id}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

beforeEach(() => {
  tmp = tempDir();
  store = openStore(join(tmp.dir, 'cache.sqlite'));
  const c = tinyCounty();
  store.applyPage('grids', c.grids.map((data, i) => ({ seq: i + 1, data })), 100);
  store.applyPage('cameras', c.cameras.map((data, i) => ({ seq: 101 + i, data })), 200);
  store.applyPage('workers', c.workers.map((data, i) => ({ seq: 201 + i, data })), 300);
  store.applyPage('events', c.events.map((data, i) => ({ seq: 301 + i, data })), 400);
  store.applyPage('buildings', c.buildings.map((data, i) => ({ seq: 401 + i, data })), 500);
  store.applyPage('basemap', c.basemap.map((data, i) => ({ seq: 501 + i, data })), 600);
  frames = [];
  conn = new ApiHost(createHandlers({ store, status }), new TopicBus(), { validateResults: true }).connect((f) => frames.push(f));
});
afterEach(() => {
  conn.close();
  store.close();
  tmp.remove();
});

const goodParams: { [M in MethodName]: unknown } = {
  'station.status': {},
  'grids.tree': {},
  'grids.search': { query: '氾水' },
  'grids.detail': { code: '321023100' },
  'grids.shapes': { level: 'unit' },
  'map.basemap': {},
  'map.buildings': {},
  'cameras.list': {},
  'cameras.inView': { bbox: { west: 119, south: 33, east: 120, north: 34 } },
  'cameras.get': { id: tinyCounty().cameras[0]!.id },
  'workers.list': {},
  'workers.get': { id: 'w-321023100001001' },
  'workers.inGrid': { code: '321023100001' },
  'events.open': { limit: 2 },
};

describe('handlers', () => {
  it.each(Object.keys(methods) as MethodName[])('%s answers with a contract-valid, non-empty result', async (method) => {
    const res = await call(1, method, goodParams[method]);
    expect(res).toMatchObject({ ok: true });
    const result = (res as { result: unknown }).result;
    expect(Array.isArray(result) ? result.length : Object.keys(result as object).length).toBeGreaterThan(0);
  });

  it('fills a town detail from the cache', async () => {
    expect(await call(1, 'grids.detail', { code: '321023100' })).toMatchObject({
      ok: true,
      result: {
        grid: { name: '安宜镇' }, childCount: 2, buildingCount: 12, openEventCount: 2,
        path: [{ level: 'county' }, { level: 'town' }],
      },
    });
    expect(await call(2, 'workers.inGrid', { code: '321023100001' })).toMatchObject({ ok: true, result: [{ id: 'w-321023100001001' }, { id: 'w-321023100001002' }] });
    expect(await call(3, 'events.open', { limit: 2 })).toMatchObject({ ok: true, result: [expect.anything(), expect.anything()] });
  });

  it.each([
    ['grids.detail', { code: '321023999' }, /grid 321023999 is not in the station's cache/],
    ['workers.get', { id: 'nobody' }, /grid worker nobody/],
    ['cameras.get', { id: '00000000000000000000' }, /camera 00000000000000000000/],
  ])('%s of something unknown is not_found', async (method, params, message) => {
    const res = await call(1, method, params);
    expect(res).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(res.kind === 'res' && !res.ok && res.error.message).toMatch(message);
  });
});
