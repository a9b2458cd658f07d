import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/store.js';
import { tempDir, tinyCounty } from '../store/test-fixtures.js';
import { FakeHub } from './fake-hub.js';
import { Puller } from './puller.js';

let tmp: ReturnType<typeof tempDir>;
let store: Store;
let hub: FakeHub;
const county = tinyCounty();
let changes: [string, number][];

function puller(pageLimit = 5): Puller {
  return new Puller(store, hub, { pageLimit, onChanged: (c, n) => changes.push([c, n]) });
}

beforeEach(() => {
  tmp = tempDir();
  store = openStore(join(tmp.dir, 'cache.sqlite'));
  hub = new FakeHub();
  hub.add('grids', county.grids);
  hub.add('buildings', county.buildings);
  hub.add('cameras', county.cameras);
  hub.add('workers', county.workers);
  hub.add('events', county.events);
  hub.add('basemap', county.basemap);
  changes = [];
});
afterEach(() => {
  store.close();
  tmp.remove();
});

describe('Puller', () => {
  it('loads every collection page by page and leaves each cursor at its last row', async () => {
    const written = await puller().pullAll();
    expect(written).toBe(15 + 24 + 8 + 8 + 8 + 2);
    expect(store.counts()).toEqual({ grids: 15, buildings: 24, cameras: 8, workers: 8, events: 8 });
    expect(store.cursors.get('grids')).toBe(15);
    expect(store.cursors.get('basemap')).toBe(hub.seq);
    expect(hub.requests.filter((r) => r.startsWith('buildings'))).toEqual(['buildings>0', 'buildings>20', 'buildings>25', 'buildings>30', 'buildings>35']);
    expect(changes).toContainEqual(['buildings', 24]);
  });

  it('pulls only what is new on the next pull', async () => {
    const p = puller();
    await p.pullAll();
    hub.requests.length = 0;
    changes = [];
    const before = store.cursors.get('events');
    const moved = { ...county.events[0]!, state: 'accepted' as const };
    hub.add('events', [moved]);
    expect(await p.pull('events')).toBe(1);
    expect(hub.requests).toEqual([`events>${before}`]);
    expect(store.events.get(moved.id)?.state).toBe('accepted');
    expect(store.cursors.get('events')).toBe(hub.seq);
    expect(changes).toEqual([['events', 1]]);
    expect(await p.pull('grids')).toBe(0);
    expect(changes).toEqual([['events', 1]]);
  });

  it('resumes after the last committed page when a pull breaks off', async () => {
    const p = puller();
    await p.pull('grids');
    hub.failOn = 3; // buildings: page 1 and 2 arrive, page 3 fails
    hub.requests.length = 0;
    await expect(p.pull('buildings')).rejects.toThrow(/injected failure/);
    expect(store.buildings.count()).toBe(10);
    expect(store.cursors.get('buildings')).toBe(25);
    expect(changes).toContainEqual(['buildings', 10]);

    // A fresh puller, as after a restart: it starts from the stored cursor, not from zero.
    hub.requests.length = 0;
    expect(await puller().pull('buildings')).toBe(14);
    expect(hub.requests[0]).toBe('buildings>25');
    expect(store.buildings.count()).toBe(24);
  });

  it('writes nothing from a page that breaks the ordering rules', async () => {
    hub.tamper = (page) => ({ ...page, cursor: 3 }); // rows run past the cursor
    await expect(puller().pull('grids')).rejects.toThrow(/grids rows out of order/);
    expect(store.grids.count()).toBe(0);
    expect(store.cursors.get('grids')).toBe(0);

    hub.tamper = (page) => ({ ...page, rows: [], more: true });
    await expect(puller().pull('grids')).rejects.toThrow(/said more grids rows follow 0 but sent none/);
  });

  it('folds requests for one collection into the running pull and one follow-up', async () => {
    const p = puller(100);
    let release!: () => void;
    hub.gate = new Promise((resolve) => { release = resolve; });
    const first = p.pull('grids');
    await hub.waitForRequests(1); // the first pull is now in flight
    const late = [p.pull('grids'), p.pull('grids'), p.pull('grids')];
    expect(late[1]).toBe(late[0]);
    release();
    expect(await first).toBe(15);
    expect(await Promise.all(late)).toEqual([0, 0, 0]);
    expect(hub.requests).toEqual(['grids>0', 'grids>15']);
  });

  it('writes nothing once stopped', async () => {
    const p = puller();
    await p.stop();
    await expect(p.pull('grids')).rejects.toThrow(/sync stopped/);
    expect(store.grids.count()).toBe(0);
  });
});
