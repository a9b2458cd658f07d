// The station's handlers over a real SQLite cache, hosted by ApiHost with result validation on: every
// method answers with what the contract promises, and bad input gets a clear error and changes nothing.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TopicBus } from './bus.js';
import { methods, type MethodName, type ServerFrame, type StationStatus } from './contract.js';
import { ApiHost, type ApiConnection } from './host.js';
import { createHandlers } from './handlers.js';
import { openStore, type Store } from '../store/store.js';
import { tempDir, tinyCounty } from '../store/test-fixtures.js';
import { SeatWrites } from '../sync/seat-writes.js';
import { WallController } from '../video/wall-controller.js';
import { ManualClock } from '../video/wall-test-clock.js';

let tmp: ReturnType<typeof tempDir>;
let store: Store;
let conn: ApiConnection;
let frames: ServerFrame[];
let kicks: number;
let mediaFetches: string[];
let wall: WallController;
const NOW = Date.UTC(2026, 10, 22, 4, 0, 0);

function status(): StationStatus {
  return {
    county: { code: '321023', name: '宝应县', nameEn: 'Baoying', center: [119.36, 33.24] }, hubUrl: 'http://127.0.0.1:1', embeddedHub: true,
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

function tableCounts(): Record<string, number> {
  const n = (t: string): number => (store.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  return { outbox: n('outbox'), events: n('events'), actions: n('event_actions'), eventsVersion: n('events WHERE version > 1') };
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
  store.applyPage('departments', c.departments.map((data, i) => ({ seq: 601 + i, data })), 700);
  store.applyPage('collection_items', c.collectionItems.map((data, i) => ({ seq: 701 + i, data })), 800);
  store.applyPage('responsibilities', c.responsibilities.map((data, i) => ({ seq: 801 + i, data })), 900);
  store.applyPage('event_actions', c.eventActions.map((data, i) => ({ seq: 901 + i, data })), 1000);
  frames = [];
  kicks = 0;
  mediaFetches = [];
  const bus = new TopicBus();
  const identity = () => ({ name: '值班长', role: 'duty_commander' as const, seatId: 'seat-test' });
  const writes = new SeatWrites({ store, bus, identity, kick: () => kicks++, now: () => NOW });
  wall = new WallController({ store, bus, clock: new ManualClock(NOW) });
  conn = new ApiHost(createHandlers({
    store, status, writes, defaultSeatId: 'seat-test', now: () => NOW, wall,
    fetchMedia: async (path) => {
      mediaFetches.push(path);
      return { contentType: 'image/svg+xml', body: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') };
    },
  }), bus, { validateResults: true }).connect((f) => frames.push(f));
});
afterEach(() => {
  conn.close();
  wall.close();
  store.close();
  tmp.remove();
});

const REPORTED = 'e-321023100001001';

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
  'events.list': { states: ['reported'] },
  'events.detail': { id: REPORTED },
  'events.transition': { eventId: REPORTED, action: 'accept', expectedVersion: 1 },
  'events.create': { title: '井盖缺失', category: 'garbage', severity: 3, gridCode: '321023100001001', position: [119.16, 33.18] },
  'events.nearestWorkers': { id: REPORTED, limit: 3 },
  'lists.get': {},
  'lists.route': { category: 'street_vending', severity: 4, gridCode: '321023100001001' },
  // Director only, to the hub: native/sync/list-edits.test.ts and tests/integration/list-edit.test.ts.
  'lists.setResponsibility': null,
  'stats.dashboard': { range: 'month' },
  'stats.bulletin': { range: 'week', format: 'xlsx' },
  'outbox.list': {},
  'outbox.drop': null,
  'seat.identity': {},
  'seat.setIdentity': { name: '张主任', role: 'duty_director', seatId: 'seat-2' },
  'media.snapshot': { eventId: REPORTED },
  // Issue 7: the duty methods run on a cache with duty rows in native/sync/duty-writes.test.ts; null = not here.
  'duty.today': {},
  'duty.roster': null,
  'duty.setRoster': null,
  'duty.signIn': { name: '李值班' },
  'duty.signOut': {},
  'handover.draft': {},
  'handover.submit': null,
  'handover.pending': null,
  'handover.list': null,
  'handover.acknowledge': null,
  'coordination.byDepartment': null,
  'incident.active': null,
  'incident.get': null,
  'incident.list': null,
  'incident.declare': null,
  'incident.log': null,
  'incident.standDown': null,
  'incident.report': null,
  // Issue 3: presets and tours need rows first; native/video/wall-controller.test.ts runs every wall method.
  'wall.list': {},
  'wall.get': { wallId: 2 },
  'wall.setLayout': { wallId: 1, layout: { kind: '9', cols: 3, rows: 3 } },
  'wall.assign': { wallId: 1, tile: 0, cameraId: tinyCounty().cameras[0]!.id },
  'wall.fill': { wallId: 1, cameraIds: [tinyCounty().cameras[1]!.id] },
  'wall.maximize': { wallId: 1, tile: 0 },
  'wall.presets': null,
  'wall.savePreset': { wallId: 1, name: '早班' },
  'wall.applyPreset': null,
  'wall.deletePreset': { presetId: 'none' },
  'wall.tours': null,
  'wall.saveTour': { name: '巡视', dwellS: 5, steps: [{ kind: 'camera', cameraId: tinyCounty().cameras[0]!.id }] },
  'wall.deleteTour': { tourId: 'none' },
  'wall.startTour': null,
  'wall.stopTour': { wallId: 1 },
  'wall.setAlarmConfig': { wallId: 1, config: { enabled: true, tile: 1, holdS: 30 } },
  'wall.ackAlarm': { wallId: 1 },
  // Tested with a real relay in native/api/video-handlers.test.ts and tests/integration/video-*.test.ts.
  'video.endpoint': null,
  'video.relays': null,
  // Issue 5: tested with a real hub and cache in native/tiles/tile-service.test.ts and native/tiles/tile-handlers.test.ts.
  'tiles.endpoint': null,
  'tiles.status': null,
  'tiles.seed': null,
  'tiles.cancelSeed': null,
  // Issue 6: tested against a real hub's call service in native/calls/station-calls.test.ts.
  'calls.status': null,
  'calls.dial': null,
  'calls.invite': null,
  'calls.answer': null,
  'calls.decline': null,
  'calls.leave': null,
  'calls.sfu': null,
  'calls.log': null,
};

describe('handlers', () => {
  it.each((Object.keys(methods) as MethodName[]).filter((m) => goodParams[m] !== null && m !== 'outbox.list'))(
    '%s answers with a contract-valid, non-empty result', async (method) => {
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
    ['events.detail', { id: 'nope' }, /event nope/],
  ])('%s of something unknown is not_found', async (method, params, message) => {
    const res = await call(1, method, params);
    expect(res).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(res.kind === 'res' && !res.ok && res.error.message).toMatch(message);
  });

  it('event detail: timeline, grid path, the AI camera and the nearest workers, nearest first', async () => {
    const res = await call(1, 'events.detail', { id: REPORTED });
    const r = (res as { result: { path: { level: string }[]; camera: { id: string } | null; nearestWorkers: { worker: { id: string }; distanceM: number }[] } }).result;
    expect(r.path.map((p) => p.level)).toEqual(['county', 'town', 'village', 'unit']);
    expect(r.camera?.id).toBe(tinyCounty().cameras[0]!.id);
    expect(r.nearestWorkers[0]).toMatchObject({ worker: { id: 'w-321023100001001' }, distanceM: 0 });
    const d = r.nearestWorkers.map((n) => n.distanceM);
    expect(d).toEqual([...d].sort((a, b) => a - b));
    const archived = await call(2, 'events.detail', { id: 'e-321023100001002' });
    expect(archived).toMatchObject({ ok: true, result: { actions: [{ action: 'archive', toState: 'archived' }] } });
  });

  it('a transition passes the pre-check, lands in the outbox with a fresh key and wakes the sender', async () => {
    const res = await call(1, 'events.transition', { eventId: REPORTED, action: 'accept', expectedVersion: 1 });
    expect(res).toMatchObject({ ok: true, result: { outbox: 'pending' } });
    const key = (res as { result: { key: string } }).result.key;
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(store.outbox.get(key)).toMatchObject({
      state: 'pending', kind: 'transition', eventId: REPORTED, action: 'accept', clientAt: NOW,
      body: { key, action: 'accept', expectedVersion: 1, actor: { role: 'duty_commander', name: '值班长', seat: 'seat-test' } },
    });
    expect(kicks).toBe(1);
    expect(await call(2, 'outbox.list', {})).toMatchObject({ ok: true, result: [{ key, state: 'pending' }] });
  });

  it.each([
    ['out of order', { eventId: REPORTED, action: 'archive', expectedVersion: 1 }, 'forbidden_transition', /Cannot archive .*in state 'reported'/],
    ['missing reason', { eventId: REPORTED, action: 'merge', payload: { mergedInto: 'e-321023101001001' }, expectedVersion: 1 }, 'missing_reason', /needs a reason/],
    ['wrong role', { eventId: REPORTED, action: 'start', expectedVersion: 1 }, 'forbidden_transition', /Cannot start .*allowed from this state: accept, merge/],
    ['stale version', { eventId: REPORTED, action: 'accept', expectedVersion: 3 }, 'version_conflict', /expected version 3/],
    ['unknown event', { eventId: 'nope', action: 'accept', expectedVersion: 1 }, 'not_found', /event nope/],
    ['unknown action', { eventId: REPORTED, action: 'fly', expectedVersion: 1 }, 'bad_params', /action/],
  ])('a transition refused at the seat (%s) gets a clear error and writes nothing', async (_what, params, code, message) => {
    const before = tableCounts();
    const res = await call(1, 'events.transition', params);
    expect(res).toMatchObject({ ok: false, error: { code } });
    expect(res.kind === 'res' && !res.ok && res.error.message).toMatch(message);
    expect(tableCounts()).toEqual(before);
    expect(kicks).toBe(0);
  });

  it('manual intake with an unknown category or grid is refused and writes nothing', async () => {
    const before = tableCounts();
    const bad = await call(1, 'events.create', { ...(goodParams['events.create'] as object), category: 'ufo' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_params', message: expect.stringMatching(/unknown category 'ufo'/) } });
    const badGrid = await call(2, 'events.create', { ...(goodParams['events.create'] as object), gridCode: '321023999999999' });
    expect(badGrid).toMatchObject({ ok: false, error: { code: 'bad_params', message: expect.stringMatching(/unknown grid/) } });
    expect(tableCounts()).toEqual(before);
  });

  it('routes by the responsibility list, scaling the limit by severity; an unknown category is a clear error', async () => {
    expect(await call(1, 'lists.route', { category: 'street_vending', severity: 4, gridCode: '321023100001001' })).toMatchObject({
      ok: true, result: { department: 'village_committee', departmentName: '村委会', level: 'village', timeLimitHours: 12, deadlineAt: NOW + 12 * 3_600_000 },
    });
    // garbage has no village row: the town's row answers.
    expect(await call(2, 'lists.route', { category: 'garbage', severity: 1, gridCode: '321023100001001' })).toMatchObject({
      ok: true, result: { department: 'town_office', level: 'town', timeLimitHours: 12 },
    });
    expect(await call(3, 'lists.route', { category: 'ufo', severity: 1, gridCode: '321023100001001' })).toMatchObject({
      ok: false, error: { code: 'bad_params', message: expect.stringMatching(/unknown category 'ufo'/) },
    });
  });

  it('keeps the seat identity in the cache, defaulting to the duty commander', async () => {
    expect(await call(1, 'seat.identity')).toMatchObject({ ok: true, result: { name: '值班长', role: 'duty_commander', seatId: 'seat-test' } });
    await call(2, 'seat.setIdentity', { name: '李联络', role: 'department_liaison', seatId: 'seat-9' });
    expect(await call(3, 'seat.identity')).toMatchObject({ ok: true, result: { name: '李联络', role: 'department_liaison', seatId: 'seat-9' } });
    expect(await call(4, 'seat.setIdentity', { name: '网格员', role: 'grid_worker', seatId: 'x' })).toMatchObject({ ok: false, error: { code: 'bad_params' } });
  });

  it('fetches a snapshot from the hub once, then serves it from the cache', async () => {
    const a = await call(1, 'media.snapshot', { eventId: REPORTED });
    const b = await call(2, 'media.snapshot', { eventId: REPORTED });
    expect(a).toMatchObject({ ok: true, result: { contentType: 'image/svg+xml' } });
    expect(b).toEqual({ ...a, id: 2 });
    expect(mediaFetches).toEqual([`/api/v1/snapshots/${REPORTED}.svg`]);
    expect(await call(3, 'media.snapshot', { eventId: 'e-321023100001002' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('drops only a rejected write, and keeps it', async () => {
    const res = await call(1, 'events.transition', { eventId: REPORTED, action: 'accept', expectedVersion: 1 });
    const key = (res as { result: { key: string } }).result.key;
    expect(await call(2, 'outbox.drop', { key })).toMatchObject({ ok: false, error: { code: 'bad_params', message: expect.stringMatching(/pending/) } });
    store.outbox.finish(key, 'rejected', null, { code: 'version_conflict', message: 'x' });
    expect(await call(3, 'outbox.drop', { key })).toMatchObject({ ok: true, result: { key, state: 'dropped', error: { code: 'version_conflict' } } });
    expect(store.outbox.get(key)?.state).toBe('dropped');
  });
});
