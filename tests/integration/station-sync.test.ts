// The station against the real demo hub, over real HTTP and WebSocket, into a real SQLite file.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub } from '../../hub/server.js';
import type { ServerFrame } from '../../native/api/contract.js';
import { openStore } from '../../native/store/store.js';
import { tempDir } from '../../native/store/test-fixtures.js';
import { HubClient } from '../../native/sync/hub-client.js';
import { type SyncCollection } from '../../native/sync/hub-protocol.js';
import { CACHE_FILE, startStation, type Station } from '../../native/station.js';
import { eventually, nextEvent, within } from './wait.js';

type Hub = Awaited<ReturnType<typeof startHub>>;
let hub: Hub;
let hubClosed = false;
let station: Station;
let tmp: ReturnType<typeof tempDir>;

/** How many rows the hub serves for a collection, counted by paging its API as any station would. */
async function hubRows(collection: SyncCollection): Promise<number> {
  const client = new HubClient(hub.url);
  let after = 0;
  let n = 0;
  for (;;) {
    const page = await client.page(collection, after, 5000);
    n += page.rows.length;
    after = page.cursor;
    if (!page.more) return n;
  }
}

beforeAll(async () => {
  tmp = tempDir('watchfloor-it-');
  // Events only when the test reports one; positions fast enough to see workers move.
  hub = await startHub({ port: 0, dataDir: null, positionIntervalMs: 300, eventIntervalMs: 600_000 });
  station = await startStation({ dataDir: tmp.dir, hubUrl: hub.url, pingIntervalMs: 300 });
  await within(station.whenSynced(), 45_000, 'the initial sync');
});

afterAll(async () => {
  await station?.close();
  if (!hubClosed) await hub?.close();
  tmp?.remove();
});

describe('station ⇄ demo hub', () => {
  it('syncs the routing lists and the action trace of the hub\'s history', async () => {
    const lists = station.store.lists;
    expect(lists.departments().length).toBe(await hubRows('departments'));
    expect(lists.collectionItems().length).toBe(await hubRows('collection_items'));
    expect(lists.responsibilities().length).toBe(await hubRows('responsibilities'));
    expect(lists.collectionItems().length).toBeGreaterThan(5);
    // The hub's simulated field may act meanwhile: the counts agree once the pull has caught up.
    await eventually(async () => station.store.actions.count() === (await hubRows('event_actions')), 10_000, 'the action trace in step');
    expect(station.store.actions.count()).toBeGreaterThan(0);
  });

  it('fills the cache with the whole county on the initial sync', async () => {
    const counts = station.status().counts;
    expect(counts.grids).toBe(await hubRows('grids'));
    expect(counts.buildings).toBe(await hubRows('buildings'));
    expect(counts.cameras).toBe(await hubRows('cameras'));
    expect(counts.workers).toBe(await hubRows('workers'));
    expect(counts.grids).toBeGreaterThan(1_000);
    expect(counts.buildings).toBeGreaterThan(5_000);
    expect(counts.workers).toBeGreaterThan(500);
    expect(station.store.basemap.count()).toBeGreaterThan(0);
    expect(station.status().county).toMatchObject({ code: '321023' });
    expect(station.status().lastSyncAt).toBeGreaterThan(0);
  });

  it('shows the link online once the hub answers pings', async () => {
    const status = await eventually(() => station.status().link.state === 'online' && station.status().link, 10_000, 'link online');
    expect(status.rttMs).not.toBeNull();
    expect(status.reason).toBeNull();
  });

  it('pulls only the new rows when the hub reports a new event', async () => {
    const before = station.store.cursors.get('events');
    const total = station.status().counts.events;
    const pulled: number[] = [];
    const unsubscribe = station.bus.subscribe('data.changed', (d) => d.collection === 'events' && pulled.push(d.count));
    const reported = await hub.reportEvent();
    await eventually(() => station.store.cursors.get('events') >= reported.seq, 10_000, `the events cursor to reach ${reported.seq}`);
    unsubscribe();
    expect(reported.seq).toBeGreaterThan(before);
    const event = station.store.events.get(reported.id);
    expect(event?.id).toBe(reported.id);
    expect(station.status().counts.events).toBeGreaterThan(total);
    // Incremental: a row or two, not the county's history again.
    expect(pulled.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(pulled.reduce((a, b) => a + b, 0)).toBeLessThan(10);
    const page = await new HubClient(hub.url).page('events', before, 5000);
    expect(page.rows.find((r) => r.data.id === reported.id)?.data).toEqual(event);
  });

  it('moves workers in the store as live positions arrive', async () => {
    const first = await nextEvent(station.bus, 'workers.positions', (d) => d.items.length > 0, 10_000, 'a position batch');
    const fix = first.items[0]!;
    const stored = station.store.workers.get(fix.id);
    expect(stored).not.toBeNull();
    expect(stored!.fixAt).toBeGreaterThanOrEqual(fix.fixAt);
    const later = await nextEvent(
      station.bus, 'workers.positions',
      (d) => d.items.some((i) => i.id === fix.id && (i.position[0] !== fix.position[0] || i.position[1] !== fix.position[1])),
      15_000, `worker ${fix.id} to move`,
    );
    const moved = later.items.find((i) => i.id === fix.id)!;
    expect(station.store.workers.get(fix.id)?.position).toEqual(moved.position);
    expect(station.store.workers.get(fix.id)?.position).not.toEqual(fix.position);
  });

  it('answers the Station API from the cache', async () => {
    const frames: ServerFrame[] = [];
    const conn = station.api.connect((f) => frames.push(f));
    const town = station.store.grids.byLevel('town')[0]!;
    conn.receive({ kind: 'req', id: 1, method: 'grids.detail', params: { code: town.code } });
    const res = await eventually(() => frames.find((f) => f.kind === 'res' && f.id === 1), 5_000, 'grids.detail');
    conn.close();
    expect(res).toMatchObject({ ok: true, result: { grid: { code: town.code, level: 'town' } } });
    const detail = (res as { result: { childCount: number; buildingCount: number } }).result;
    expect(detail.childCount).toBeGreaterThan(0);
    expect(detail.buildingCount).toBe(station.store.buildings.countInSubtree(town.code));
  });

  it('resumes from its cursors after a restart instead of reloading', async () => {
    const cursors = station.store.cursors.all();
    const counts = station.status().counts;
    await station.close();
    const changes: { collection: string; count: number }[] = [];
    station = await startStation({ dataDir: tmp.dir, hubUrl: hub.url, pingIntervalMs: 300 });
    station.bus.subscribe('data.changed', (d) => changes.push(d));
    await within(station.whenSynced(), 20_000, 'the catch-up after restart');
    expect(station.status().counts.grids).toBe(counts.grids);
    expect(station.store.cursors.get('grids')).toBe(cursors.grids);
    expect(changes.filter((c) => c.collection === 'grids' || c.collection === 'buildings')).toEqual([]);
  });

  it('turns the link offline when the hub goes away, and keeps serving from the cache', async () => {
    const offline = nextEvent(station.bus, 'link', (l) => l.state === 'offline', 15_000, 'link offline');
    hubClosed = true;
    await hub.close();
    const link = await offline;
    expect(link.reason).toMatch(/hub|live/);
    expect(station.status().counts.grids).toBeGreaterThan(1_000);
    // The cache file is a plain SQLite file another reader can open.
    const reader = openStore(join(tmp.dir, CACHE_FILE));
    expect(reader.counts().grids).toBe(station.status().counts.grids);
    reader.close();
  });
});
