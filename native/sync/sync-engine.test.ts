import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TopicBus } from '../api/bus.js';
import type { SyncProgress } from '../api/contract.js';
import { openStore, type Store } from '../store/store.js';
import { tempDir, tinyCounty } from '../store/test-fixtures.js';
import { FakeHub } from './fake-hub.js';
import { SyncEngine } from './sync-engine.js';

// The engine's pull side against the in-memory hub; its live socket points at a closed port, so the
// link stays offline and every pull comes from the catch-up the engine runs at start.
let tmp: ReturnType<typeof tempDir>;
let store: Store;
let engine: SyncEngine | null = null;
const county = tinyCounty();

function fullHub(): FakeHub {
  const hub = new FakeHub();
  hub.add('grids', county.grids);
  hub.add('buildings', county.buildings);
  hub.add('cameras', county.cameras);
  hub.add('workers', county.workers);
  hub.add('events', county.events);
  hub.add('basemap', county.basemap);
  return hub;
}

function start(hub: FakeHub, bus = new TopicBus(), pageLimit?: number): SyncEngine {
  engine = new SyncEngine({ store, hubUrl: 'http://127.0.0.1:1', liveUrl: 'ws://127.0.0.1:1/api/v1/live', hubApi: hub, bus, pageLimit });
  engine.start();
  return engine;
}

beforeEach(() => {
  tmp = tempDir();
  store = openStore(join(tmp.dir, 'cache.sqlite'));
});
afterEach(async () => {
  await engine?.stop();
  engine = null;
  store.close();
  tmp.remove();
});

describe('SyncEngine', () => {
  it('catches up at start and remembers the county and the sync time', async () => {
    const e = start(fullHub());
    await e.whenSynced();
    expect(store.counts()).toEqual({ grids: 15, buildings: 24, cameras: 8, workers: 8, events: 8 });
    expect(e.county()).toMatchObject({ code: '321023' });
    expect(e.lastSyncAt()).toBeGreaterThan(0);
    expect(e.link().state).toBe('offline');
  });

  it('reloads everything when the hub sequence is behind the cache (a reset hub)', async () => {
    // The cache remembers a longer history than the hub now has, and a row the hub no longer knows.
    store.applyPage('grids', [{ seq: 900, data: { ...county.grids[0]!, code: '321099', name: '别的县' } }], 900);
    const hub = fullHub();
    await start(hub).whenSynced();
    expect(store.grids.get('321099')).toBeNull();
    expect(store.cursors.get('grids')).toBeLessThanOrEqual(hub.seq);
    expect(store.grids.count()).toBe(15);
  });

  it('keeps the cache when the hub is ahead of it', async () => {
    const hub = fullHub();
    store.applyPage('grids', hub.rows.grids.slice(0, 5), 5);
    hub.requests.length = 0;
    await start(hub).whenSynced();
    expect(hub.requests[0]).toBe('grids>5');
  });

  it('reports a catch-up page by page, and after an outage how far behind the cache was', async () => {
    const hub = fullHub();
    const bus = new TopicBus();
    const seen: SyncProgress[] = [];
    bus.subscribe('sync.progress', (p) => seen.push(p));
    let e = start(hub, bus, 4);
    await e.whenSynced();
    expect(seen[0]).toMatchObject({ running: true, rows: 0, fraction: 0, behind: null });
    expect(seen.at(-1)).toMatchObject({ running: false, fraction: 1, rows: hub.seq });
    const fractions = seen.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    // Six pages of four buildings, then the collection's end.
    expect(seen.filter((p) => p.collection === 'buildings').length).toBe(Math.ceil(24 / 4) + 1);
    // The link was down while the hub took 10 more events: the next catch-up knows the backlog.
    await e.stop();
    hub.add('events', county.events.map((ev, i) => ({ ...ev, id: `${ev.id}-x${i}` })).concat(county.events.slice(0, 2).map((ev) => ({ ...ev, id: `${ev.id}-y` }))));
    seen.length = 0;
    e = start(hub, bus, 4);
    await e.whenSynced();
    expect(seen[0]).toMatchObject({ running: true, behind: 10 });
    expect(seen.at(-1)).toMatchObject({ running: false, fraction: 1, rows: 10 });
    expect(e.progress()).toEqual(seen.at(-1));
  });

  it('lets the event loop turn between pages of a long catch-up', async () => {
    const hub = fullHub();
    const e = start(hub, new TopicBus(), 2);
    // A macrotask queued now runs at the first yield, long before the last of the ~40 page requests.
    const requestsWhenItRan = await new Promise<number>((resolve) => setImmediate(() => resolve(hub.requests.length)));
    await e.whenSynced();
    expect(requestsWhenItRan).toBeLessThan(hub.requests.length / 4);
  });
});
