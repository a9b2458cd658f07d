import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { HubInfo, SYNC_PAGE_MAX, syncPage, type SyncCollection, type SyncPage } from '../native/sync/hub-protocol.js';
import { startHub, type Hub } from './server.js';
import { LiveTestClient } from './test-live-client.js';
import { fixtureCounty } from './test-fixture.js';
import { ROSTER_DAYS_AHEAD, ROSTER_DAYS_BACK } from './duty.js';
import { LIAISONS } from './liaisons.js';
import { SHIPPED_LISTS } from './lists.js';
import { PLANS } from './plans.js';

const county = fixtureCounty();
/** A history whose action trail (about seven actions an event) is more than one page holds. */
const HISTORY = 800;
/** A machine whose template cache is cold runs initdb first (seconds, more on a busy 2-core box). */
const HUB_START_TIMEOUT = 60_000;

async function getJson(url: string): Promise<{ status: number; body: unknown; type: string | null }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.json(), type: res.headers.get('content-type') };
}

async function page<C extends SyncCollection>(hub: Hub, collection: C, after: number, limit?: number): Promise<SyncPage<C>> {
  const { status, body } = await getJson(`${hub.url}/api/v1/sync/${collection}?after=${after}${limit ? `&limit=${limit}` : ''}`);
  expect(status).toBe(200);
  return syncPage(collection).parse(body) as SyncPage<C>;
}

async function pullAll<C extends SyncCollection>(hub: Hub, collection: C, limit?: number) {
  const rows: SyncPage<C>['rows'] = [];
  let cursor = 0;
  let pages = 0;
  for (;;) {
    const p = await page(hub, collection, cursor, limit);
    pages++;
    rows.push(...p.rows);
    cursor = p.cursor;
    if (!p.more) return { rows, cursor, pages };
  }
}

async function info(hub: Hub): Promise<HubInfo> {
  const { status, body } = await getJson(`${hub.url}/api/v1/info`);
  expect(status).toBe(200);
  return HubInfo.parse(body);
}

describe('demo hub over HTTP', () => {
  let hub: Hub;
  const logs: string[] = [];

  beforeAll(async () => {
    hub = await startHub({
      port: 0, county, dataDir: null, historyEvents: HISTORY,
      positionIntervalMs: 60_000, eventIntervalMs: 600_000, workerWriteBackMs: 600_000, log: (l) => logs.push(l),
    });
  }, HUB_START_TIMEOUT);
  afterAll(() => hub?.close());

  it('listens on 127.0.0.1 and describes itself', async () => {
    expect(hub.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const i = await info(hub);
    expect(i.protocol).toBe(1);
    expect(i.county.code).toBe('321023');
    expect(i.seq).toBeGreaterThan(0);
    expect(Math.abs(i.serverTime - Date.now())).toBeLessThan(10_000);
  });

  it('serves every collection in full, in seq order, resuming from each cursor', async () => {
    const expected: Record<SyncCollection, number> = {
      grids: county.grids.length, buildings: county.buildings.length, cameras: county.cameras.length,
      workers: county.workers.length, basemap: county.basemap.length, events: HISTORY,
      event_actions: await hub.store.count('event_actions'), departments: SHIPPED_LISTS.departments.length,
      collection_items: SHIPPED_LISTS.collectionItems.length, responsibilities: SHIPPED_LISTS.responsibilities.length,
      liaisons: LIAISONS.length, plans: PLANS.length, handovers: 0, incidents: 0, incident_log: 0,
      // 30 days back, 60 ahead, today: for the county and for each town.
      roster: (ROSTER_DAYS_BACK + ROSTER_DAYS_AHEAD + 1) * (1 + county.grids.filter((g) => g.level === 'town').length),
    };
    expect(expected.event_actions).toBeGreaterThan(SYNC_PAGE_MAX);
    const { seq } = await info(hub);
    for (const [collection, count] of Object.entries(expected) as [SyncCollection, number][]) {
      // Small pages for the small collections; the long event history in pages of 1,000.
      const size = collection === 'events' || collection === 'event_actions' ? 1000 : 3;
      const { rows, cursor, pages } = await pullAll(hub, collection, size);
      expect(pages).toBe(Math.max(1, Math.ceil(count / size)));
      expect(rows, collection).toHaveLength(count);
      const seqs = rows.map((r) => r.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(count);
      expect(cursor).toBe(seqs.at(-1) ?? 0);
      expect(cursor).toBeLessThanOrEqual(seq);
    }
  });

  it('cuts pages at the limit, says when more follow, and an empty page keeps the cursor', async () => {
    const first = await page(hub, 'buildings', 0, 3);
    expect(first.rows).toHaveLength(3);
    expect(first.more).toBe(true);
    expect(first.cursor).toBe(first.rows[2]!.seq);
    const rest = await page(hub, 'buildings', first.cursor, 1000);
    expect(rest.rows).toHaveLength(county.buildings.length - 3);
    expect(rest.more).toBe(false);
    expect(rest.rows[0]!.seq).toBeGreaterThan(first.cursor);
    const empty = await page(hub, 'buildings', rest.cursor, 10);
    expect(empty).toEqual({ collection: 'buildings', rows: [], cursor: rest.cursor, more: false });
  });

  it(`never sends more than ${SYNC_PAGE_MAX} rows a page`, async () => {
    const total = await hub.store.count('event_actions');
    const big = await page(hub, 'event_actions', 0, 1_000_000);
    expect(big.rows).toHaveLength(SYNC_PAGE_MAX);
    expect(big.more).toBe(true);
    const unlimited = await page(hub, 'event_actions', 0);
    expect(unlimited.rows).toHaveLength(SYNC_PAGE_MAX);
    const rest = await page(hub, 'event_actions', big.cursor);
    expect(rest.rows).toHaveLength(total - SYNC_PAGE_MAX);
    expect(rest.more).toBe(false);
  });

  it('answers bad sync requests with 400 and a JSON error, and changes nothing', async () => {
    const before = await info(hub);
    const pageBefore = await page(hub, 'grids', 0, 5);
    for (const [query, code] of [
      ['nope?after=0', 'bad_collection'],
      ['grids?after=-1', 'bad_cursor'],
      ['grids?after=abc', 'bad_cursor'],
      ['grids?after=1&after=2', 'bad_cursor'],
      ['grids?limit=0', 'bad_limit'],
      ['grids?limit=2.5', 'bad_limit'],
      ['%E0%A4%A?after=0', 'bad_collection'],
    ] as const) {
      const { status, body, type } = await getJson(`${hub.url}/api/v1/sync/${query}`);
      expect(status, query).toBe(400);
      expect(type).toContain('application/json');
      expect(body).toMatchObject({ error: { code, message: expect.any(String) } });
    }
    expect((await info(hub)).seq).toBe(before.seq);
    expect(await page(hub, 'grids', 0, 5)).toEqual(pageBefore);
  });

  it('answers unknown paths with 404 and other methods with 405, as JSON', async () => {
    for (const path of ['/', '/api/v1', '/api/v2/info', '/api/v1/sync/grids/extra', '/api/v1/live']) {
      const { status, body } = await getJson(`${hub.url}${path}`);
      expect(status, path).toBe(404);
      expect(body).toMatchObject({ error: { code: 'not_found' } });
    }
    // A request target that is no URL path at all.
    const odd = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${hub.url}/`, { path: '//x:99999' }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(odd.status).toBe(400);
    expect(JSON.parse(odd.body)).toMatchObject({ error: { code: 'bad_request' } });
    const res = await fetch(`${hub.url}/api/v1/sync/grids`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(405);
    expect(await res.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
  });
});

describe('demo hub live socket', () => {
  let hub: Hub;
  const logs: string[] = [];

  beforeAll(async () => {
    hub = await startHub({
      port: 0, county, dataDir: null, historyEvents: 20,
      positionIntervalMs: 100, eventIntervalMs: 300, workerWriteBackMs: 400, log: (l) => logs.push(l),
    });
  }, HUB_START_TIMEOUT);
  afterAll(() => hub?.close());

  it('says hello, then streams every worker’s position', async () => {
    const live = await LiveTestClient.connect(hub.url);
    try {
      const hello = await live.next('hello');
      expect(hello.seq).toBeGreaterThan(0);
      expect(hello.seq).toBeLessThanOrEqual((await info(hub)).seq);
      expect(live.received[0]?.type).toBe('hello');
      const first = await live.next('positions');
      // A second later every worker has walked ≥ 0.8 m, well above the 6-decimal (~0.1 m) rounding of a fix;
      // two consecutive 100 ms updates can round to the same coordinates.
      const second = await live.next('positions', (m) => m.t >= first.t + 1000);
      expect(second.items).toHaveLength(county.workers.length);
      expect(new Set(second.items.map((i) => i.id))).toEqual(new Set(county.workers.map((w) => w.id)));
      // Workers walk: at least one has moved between the two updates.
      const moved = second.items.some((b) => {
        const a = first.items.find((x) => x.id === b.id)!;
        return a.position[0] !== b.position[0] || a.position[1] !== b.position[1];
      });
      expect(moved).toBe(true);
      expect(live.invalid).toEqual([]);
    } finally {
      await live.close();
    }
  });

  it('answers ping with pong and shrugs off garbage', async () => {
    const live = await LiveTestClient.connect(hub.url);
    try {
      await live.next('hello');
      live.send('{"type":"ping","nonce":"a1"}');
      expect((await live.next('pong')).nonce).toBe('a1');
      live.send('not json at all');
      live.send(Buffer.from([1, 2, 3]));
      live.send('{"type":"ping"}');
      live.send('{"type":"subscribe","nonce":"x"}');
      live.send('[1,2,3]');
      live.send('x'.repeat(100_000));
      live.send('{"type":"ping","nonce":"b2"}');
      const pong = await live.next('pong');
      expect(pong.nonce).toBe('b2');
      expect(live.ws.readyState).toBe(live.ws.OPEN);
      expect(logs.filter((l) => l.includes('ignored a message')).length).toBe(5);
      expect(logs.some((l) => l.includes('further bad messages are ignored silently'))).toBe(true);
      expect(logs.some((l) => l.includes('not JSON'))).toBe(true);
      expect(live.invalid).toEqual([]);
    } finally {
      await live.close();
    }
  });

  it('announces each new event, which the next pull after the old cursor brings', async () => {
    const { rows, cursor } = await pullAll(hub, 'events');
    const known = new Set(rows.map((r) => r.data.id));
    const live = await LiveTestClient.connect(hub.url);
    try {
      // The hub's own event tick (every 300 ms here) reports the next one.
      const changed = await live.next('changed', (m) => m.collection === 'events' && m.seq > cursor);
      const next = await page(hub, 'events', cursor);
      const fresh = next.rows.filter((r) => !known.has(r.data.id));
      expect(fresh.length).toBeGreaterThanOrEqual(1);
      const announced = next.rows.find((r) => r.seq === changed.seq);
      expect(announced?.data.state).toBe('reported');
      expect(announced?.data.id).toMatch(/^EV\d{14}$/);
      expect(next.rows.every((r) => r.seq > cursor)).toBe(true);
    } finally {
      await live.close();
    }
  });

  it('writes workers’ fixes back to the workers table without announcing them', async () => {
    const before = await pullAll(hub, 'workers');
    expect(before.rows).toHaveLength(county.workers.length);
    const live = await LiveTestClient.connect(hub.url);
    try {
      await live.next('hello');
      const at = await hub.writeBackWorkers();
      expect(at).toBeGreaterThan(before.cursor);
      const after = await page(hub, 'workers', before.cursor);
      expect(after.rows).toHaveLength(county.workers.length);
      for (const row of after.rows) {
        const old = before.rows.find((r) => r.data.id === row.data.id)!;
        expect(row.data.fixAt).toBeGreaterThan(old.data.fixAt);
        expect(row.data).not.toHaveProperty('route');
      }
      // The hub sends in order: by the time an event reported after the write-back is announced, an
      // announcement of the workers would already have arrived.
      const event = await hub.reportEvent();
      await live.next('changed', (m) => m.collection === 'events' && m.seq === event.seq);
      expect(live.received.filter((m) => m.type === 'changed' && m.collection === 'workers')).toEqual([]);
    } finally {
      await live.close();
    }
  });

  it('refuses a socket on any other path', async () => {
    const ws = new WebSocket(`${hub.url.replace('http', 'ws')}/api/v1/other`);
    const status = await new Promise<number>((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(404);
  });

  it('closes live sockets with 1001 and stops answering when it stops', async () => {
    const live = await LiveTestClient.connect(hub.url);
    await live.next('hello');
    const code = new Promise<number>((resolve) => live.ws.once('close', (c) => resolve(c)));
    await hub.close();
    expect(await code).toBe(1001);
    await expect(fetch(`${hub.url}/api/v1/info`)).rejects.toThrow();
  });
});
