import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncCollection } from '../sync/hub-protocol.js';
import { openStore, type Store, type SyncedRow } from './store.js';
import { tempDir, tinyCounty, type TinyCounty } from './test-fixtures.js';

let tmp: ReturnType<typeof tempDir>;
let store: Store;
let county: TinyCounty;

function rows<C extends SyncCollection>(items: readonly SyncedRow<C>['data'][], firstSeq = 1): SyncedRow<C>[] {
  return items.map((data, i) => ({ seq: firstSeq + i, data }));
}

function load(s: Store, c: TinyCounty): void {
  s.applyPage('grids', rows<'grids'>(c.grids, 1), 100);
  s.applyPage('buildings', rows<'buildings'>(c.buildings, 101), 200);
  s.applyPage('cameras', rows<'cameras'>(c.cameras, 201), 300);
  s.applyPage('workers', rows<'workers'>(c.workers, 301), 400);
  s.applyPage('events', rows<'events'>(c.events, 401), 500);
  s.applyPage('basemap', rows<'basemap'>(c.basemap, 501), 600);
}

beforeEach(() => {
  tmp = tempDir();
  store = openStore(join(tmp.dir, 'cache.sqlite'));
  county = tinyCounty();
  load(store, county);
});
afterEach(() => {
  store.close();
  tmp.remove();
});

describe('store', () => {
  it('counts what was synced and keeps each cursor', () => {
    expect(store.counts()).toEqual({ grids: 15, buildings: 24, cameras: 8, workers: 8, events: 8 });
    expect(store.basemap.count()).toBe(2);
    expect(store.cursors.all()).toEqual({ grids: 100, buildings: 200, cameras: 300, workers: 400, events: 500, basemap: 600 });
  });

  it('survives re-opening the file', () => {
    store.close();
    store = openStore(join(tmp.dir, 'cache.sqlite'));
    expect(store.counts().buildings).toBe(24);
    expect(store.cursors.get('events')).toBe(500);
  });

  it('rolls back a page and its cursor together when a row does not fit', () => {
    const bad = { ...county.grids[3]!, code: '321023100001', parentCode: '321023101' }; // code does not extend its parent
    const good = { ...county.grids[2]!, name: '改名' };
    expect(() => store.applyPage('grids', [{ seq: 120, data: good }, { seq: 121, data: bad }], 121)).toThrow(/CHECK constraint/);
    expect(store.cursors.get('grids')).toBe(100);
    expect(store.grids.get(good.code)?.name).toBe(county.grids[2]!.name);
  });

  it('ignores a replayed older row', () => {
    const renamed = { ...county.grids[1]!, name: '新名' };
    store.applyPage('grids', [{ seq: 150, data: renamed }], 150);
    store.applyPage('grids', [{ seq: 2, data: county.grids[1]! }], 150);
    expect(store.grids.get(renamed.code)?.name).toBe('新名');
  });

  it('clears everything synced when the hub history resets', () => {
    store.meta.set('county', { kept: true });
    store.clearSynced();
    expect(store.counts()).toEqual({ grids: 0, buildings: 0, cameras: 0, workers: 0, events: 0 });
    expect(store.cursors.all()).toEqual({});
  });
});

describe('grids', () => {
  it('returns the tree parents first, without outlines', () => {
    const tree = store.grids.tree();
    expect(tree).toHaveLength(15);
    expect(tree[0]).toEqual({ code: '321023', name: '宝应县', level: 'county', parentCode: null, center: [119.36, 33.24] });
    expect(tree.slice(1, 3).map((g) => g.level)).toEqual(['town', 'town']);
    expect(tree[0]).not.toHaveProperty('boundary');
  });

  it('finds a town subtree by code, and not its neighbour', () => {
    const sub = store.grids.subtree('321023100');
    expect(sub.map((g) => g.code)).toEqual([
      '321023100', '321023100001', '321023100002',
      '321023100001001', '321023100001002', '321023100002001', '321023100002002',
    ]);
    expect(store.grids.subtreeCount('321023101')).toBe(7);
    expect(store.grids.childCount('321023100')).toBe(2);
  });

  it('walks the path from the county down', () => {
    expect(store.grids.path('321023101002001').map((g) => g.level)).toEqual(['county', 'town', 'village', 'unit']);
    expect(store.grids.path('999999')).toEqual([]);
  });

  it('searches names anywhere and codes from their head', () => {
    expect(store.grids.search('氾水', 50).map((g) => g.code)[0]).toBe('321023101');
    expect(store.grids.search('第2村1网格', 50).map((g) => g.code)).toEqual(['321023100002001', '321023101002001']);
    expect(store.grids.search('321023101002', 50).map((g) => g.code)).toEqual(['321023101002', '321023101002001', '321023101002002']);
    expect(store.grids.search('23101', 50)).toEqual([]);
    expect(store.grids.search('%', 50)).toEqual([]);
    expect(store.grids.search('网格', 2)).toHaveLength(2);
  });

  it('returns outlines by level', () => {
    const towns = store.grids.byLevel('town');
    expect(towns.map((g) => g.name)).toEqual(['安宜镇', '氾水镇']);
    expect(towns[0]!.boundary).toHaveLength(4);
  });
});

describe('buildings, cameras, workers, events', () => {
  it('count buildings in a subtree', () => {
    expect(store.buildings.countInSubtree('321023')).toBe(24);
    expect(store.buildings.countInSubtree('321023100002')).toBe(6);
    expect(store.buildings.all()).toHaveLength(24);
  });

  it('find cameras inside a view box only', () => {
    // The first town's first village sits at lon 119.16, its unit grids at lat 33.18 and 33.22.
    const view = store.cameras.inView({ west: 119.15, south: 33.17, east: 119.17, north: 33.19 });
    expect(view.map((c) => c.gridCode)).toEqual(['321023100001001']);
    expect(store.cameras.inView({ west: 0, south: 0, east: 1, north: 1 })).toEqual([]);
    expect(store.cameras.inView({ west: 119, south: 33, east: 120, north: 34 })).toHaveLength(8);
    expect(store.cameras.inSubtree('321023101')).toHaveLength(4);
  });

  it('follow a moved camera in the view index', () => {
    const moved = { ...county.cameras[0]!, position: [119.9, 33.9] as [number, number] };
    store.applyPage('cameras', [{ seq: 999, data: moved }], 999);
    expect(store.cameras.inView({ west: 119.89, south: 33.89, east: 119.91, north: 33.91 }).map((c) => c.id)).toEqual([moved.id]);
    expect(store.cameras.get(moved.id)?.position).toEqual([119.9, 33.9]);
  });

  it('move workers in a batch, never back in time, and skip unknown ids', () => {
    const [a, b] = county.workers;
    const moved = store.workers.applyPositions([
      { id: a!.id, position: [119.5, 33.5], heading: 90, fixAt: 2_000 },
      { id: b!.id, position: [119.6, 33.6], heading: 10, fixAt: 500 }, // older than what the cache holds
      { id: 'w-unknown', position: [119.6, 33.6], heading: 10, fixAt: 2_000 },
    ]);
    expect(moved).toBe(1);
    expect(store.workers.get(a!.id)).toMatchObject({ name: a!.name, position: [119.5, 33.5], heading: 90, fixAt: 2_000 });
    expect(store.workers.get(b!.id)?.position).toEqual(b!.position);
    expect(store.workers.get('w-unknown')).toBeNull();
  });

  it('keep a newer live position when an older record is synced', () => {
    const a = county.workers[0]!;
    store.workers.applyPositions([{ id: a.id, position: [119.5, 33.5], heading: 90, fixAt: 5_000 }]);
    store.applyPage('workers', [{ seq: 999, data: { ...a, phone: '13900000000', fixAt: 4_000 } }], 999);
    expect(store.workers.get(a.id)).toMatchObject({ phone: '13900000000', position: [119.5, 33.5], fixAt: 5_000 });
  });

  it('list workers of a village subtree', () => {
    expect(store.workers.inSubtree('321023101001').map((w) => w.id)).toEqual(['w-321023101001001', 'w-321023101001002']);
    expect(store.workers.countInSubtree('321023')).toBe(8);
  });

  it('list open events only, newest first, under a grid', () => {
    const open = store.events.open(100);
    expect(open).toHaveLength(4);
    expect(open.every((e) => e.state !== 'archived')).toBe(true);
    expect(open[0]!.reportedAt).toBeGreaterThan(open[1]!.reportedAt);
    expect(store.events.openInSubtree('321023100', 100)).toHaveLength(2);
    expect(store.events.openCountInSubtree('321023100001')).toBe(1);

    const closed = { ...store.events.get('e-321023100001001')!, state: 'archived' as const };
    store.applyPage('events', [{ seq: 1000, data: closed }], 1000);
    expect(store.events.openCountInSubtree('321023100001')).toBe(0);
  });
});
