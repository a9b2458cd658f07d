// WallController over a real SQLite file and a hand-stepped clock: every wall method, what a restart keeps,
// tours stepping and resuming, alarm mode raising, reverting and acknowledging, and the refusals.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TopicBus } from '../api/bus.js';
import { topics } from '../api/contract.js';
import { NotFoundError, RefusedError } from '../api/host.js';
import type { GridEvent } from '../api/model.js';
import { standardLayout, type WallState } from '../api/video.js';
import { openStore, type Store } from '../store/store.js';
import { fixtureEvent, tempDir, tinyCounty } from '../store/test-fixtures.js';
import { WallController } from './wall-controller.js';
import { ManualClock } from './wall-test-clock.js';

const NOW = Date.UTC(2026, 10, 22, 4, 0, 0);
const county = tinyCounty();
const [A, B, C, D] = county.cameras.map((c) => c.id) as [string, string, string, string];

let tmp: ReturnType<typeof tempDir>;
let store: Store;
let bus: TopicBus;
let clock: ManualClock;
let wall: WallController;
let published: WallState[];
let ids: number;

function open(): void {
  store = openStore(join(tmp.dir, 'station.sqlite'));
  bus = new TopicBus();
  bus.subscribe('wall', (s) => {
    // Every publication must be what the contract says the topic carries.
    published.push(topics.wall.parse(s));
  });
  wall = new WallController({ store, bus, clock, newId: () => `id-${++ids}` });
}

function restart(): void {
  wall.close();
  store.close();
  open();
}

let seq = 10_000;
/** An AI video alert arrives by sync: the row lands and the bus says events changed. */
function alert(id: string, cameraId: string, reportedAt = clock.now(), over: Partial<GridEvent> = {}): void {
  const e = fixtureEvent({ id, gridCode: county.cameras[0]!.gridCode, position: [119.2, 33.2], source: 'ai_video', cameraId, reportedAt, title: `告警 ${id}`, ...over });
  seq++;
  store.applyPage('events', [{ seq, data: e }], seq);
  bus.publish('data.changed', { collection: 'events', count: 1 });
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof NotFoundError) return 'not_found';
    if (err instanceof RefusedError) return err.code;
    throw err;
  }
  throw new Error('expected a refusal');
}

beforeEach(() => {
  tmp = tempDir();
  clock = new ManualClock(NOW);
  published = [];
  ids = 0;
  const s = openStore(join(tmp.dir, 'station.sqlite'));
  s.applyPage('grids', county.grids.map((data, i) => ({ seq: i + 1, data })), 100);
  s.applyPage('cameras', county.cameras.map((data, i) => ({ seq: 101 + i, data })), 200);
  s.applyPage('events', county.events.map((data, i) => ({ seq: 301 + i, data })), 400);
  s.close();
  open();
});
afterEach(() => {
  wall.close();
  store.close();
  tmp.remove();
});

describe('walls and tiles', () => {
  it('wall 1 exists from the start; another wall is created empty on first ask', () => {
    expect(wall.list().map((w) => w.wallId)).toEqual([1]);
    expect(wall.get(3)).toMatchObject({ wallId: 3, layout: { kind: '4' }, tiles: [null, null, null, null] });
    expect(wall.list().map((w) => w.wallId)).toEqual([1, 3]);
    // Wall 1 was published when the controller made it; wall 3 on its first ask.
    expect(published.map((s) => s.wallId)).toEqual([1, 3]);
  });

  it('a new layout keeps the tiles that fit and drops the rest', () => {
    wall.fill(1, [A, B, C, D], 0);
    expect(wall.setLayout(1, standardLayout('9')).tiles).toEqual([A, B, C, D, null, null, null, null, null]);
    expect(wall.setLayout(1, standardLayout('1')).tiles).toEqual([A]);
    expect(wall.setLayout(1, { kind: 'custom', cols: 2, rows: 1 }).tiles).toEqual([A, null]);
    expect(published.at(-1)).toMatchObject({ layout: { kind: 'custom', cols: 2, rows: 1 } });
  });

  it('assign puts a camera on a tile or clears it; unknown cameras and tiles outside the layout are refused', () => {
    expect(wall.assign(1, 2, A).tiles).toEqual([null, null, A, null]);
    expect(wall.assign(1, 2, null).tiles).toEqual([null, null, null, null]);
    const before = published.length;
    expect(refusal(() => wall.assign(1, 0, 'no-such-camera'))).toBe('not_found');
    expect(refusal(() => wall.assign(1, 4, A))).toBe('bad_params');
    expect(published).toHaveLength(before);
    expect(wall.get(1).tiles).toEqual([null, null, null, null]);
  });

  it('assign takes a call participant (call:<key>) where a camera would go, without a camera record', () => {
    expect(wall.assign(1, 1, 'call:worker:w-1').tiles).toEqual([null, 'call:worker:w-1', null, null]);
    expect(refusal(() => wall.assign(1, 0, 'call:'))).toBe('not_found');
  });

  it('fill places cameras from a tile on, as many as fit, and places none when one is unknown', () => {
    expect(wall.fill(1, [A, B, C], 2).tiles).toEqual([null, null, A, B]);
    expect(refusal(() => wall.fill(1, [D, 'no-such-camera'], 0))).toBe('not_found');
    expect(refusal(() => wall.fill(1, [D], 4))).toBe('bad_params');
    expect(wall.get(1).tiles).toEqual([null, null, A, B]);
  });

  it('maximize shows one tile full-wall and back; a tile outside the layout is refused', () => {
    expect(wall.maximize(1, 3).maximized).toBe(3);
    expect(wall.maximize(1, null).maximized).toBeNull();
    expect(refusal(() => wall.maximize(1, 9))).toBe('bad_params');
  });

  it('each change to a wall is newer than the last, even within one millisecond', () => {
    const first = wall.assign(1, 0, A).updatedAt;
    const second = wall.assign(1, 1, B).updatedAt;
    expect(second).toBeGreaterThan(first);
    expect(published.at(-1)?.updatedAt).toBe(second);
  });

  it('a wall row that does not read as a WallState is started afresh, not trusted', () => {
    store.db.prepare(`INSERT INTO wall_state (wall_id, data, updated_at) VALUES (2, '{"wallId":2,"tiles":"nonsense"}', 1)`).run();
    expect(wall.list().map((w) => w.wallId)).toEqual([1]);
    expect(wall.get(2)).toMatchObject({ wallId: 2, layout: { kind: '4' }, tiles: [null, null, null, null] });
  });

  it('every change survives a restart', () => {
    wall.setLayout(1, standardLayout('6'));
    wall.fill(1, [A, B], 4);
    wall.maximize(1, 5);
    wall.get(2);
    const before = wall.list();
    restart();
    expect(wall.list()).toEqual(before);
  });
});

describe('presets', () => {
  it('saves, replaces by name, applies and deletes', () => {
    wall.fill(1, [A, B], 0);
    const p = wall.savePreset(1, '早班');
    expect(p).toMatchObject({ id: 'id-1', name: '早班', layout: { kind: '4' }, tiles: [A, B, null, null] });
    expect(wall.get(1).presetId).toBe('id-1');
    wall.setLayout(1, standardLayout('1'));
    expect(wall.get(1).presetId).toBeNull();
    wall.assign(1, 0, D);
    expect(wall.savePreset(1, '早班')).toMatchObject({ id: 'id-1', tiles: [D] });
    expect(wall.presets()).toHaveLength(1);

    wall.setLayout(1, standardLayout('9'));
    wall.fill(1, [C, C, C], 0);
    wall.maximize(1, 2);
    wall.savePreset(1, '夜班');
    const applied = wall.applyPreset(1, 'id-1');
    expect(applied).toMatchObject({ layout: { kind: '1' }, tiles: [D], maximized: null, presetId: 'id-1' });
    expect(wall.presets().map((x) => x.name).sort()).toEqual(['夜班', '早班']);

    expect(wall.deletePreset('id-1')).toEqual({ deleted: true });
    expect(wall.get(1).presetId).toBeNull();
    expect(wall.deletePreset('id-1')).toEqual({ deleted: false });
    expect(refusal(() => wall.applyPreset(1, 'id-1'))).toBe('not_found');
  });

  it('a preset saved before a restart is restored after it', () => {
    wall.setLayout(1, standardLayout('9'));
    wall.fill(1, [A, B, C], 3);
    const p = wall.savePreset(1, '大屏');
    wall.setLayout(1, standardLayout('1'));
    restart();
    expect(wall.presets()).toEqual([p]);
    expect(wall.applyPreset(1, p.id).tiles).toEqual([null, null, null, A, B, C, null, null, null]);
  });
});

describe('tours', () => {
  it('a camera tour cycles its tile every dwell and wraps around', () => {
    wall.fill(1, [D], 0);
    const tour = wall.saveTour({ id: null, name: '巡视', dwellS: 5, steps: [{ kind: 'camera', cameraId: A }, { kind: 'camera', cameraId: B }] });
    expect(wall.startTour(1, tour.id, 1)).toMatchObject({ tiles: [D, A, null, null], tour: { step: 0, stepCount: 2, tile: 1, nextAt: NOW + 5_000 } });
    clock.advance(4_999);
    expect(wall.get(1).tiles[1]).toBe(A);
    clock.advance(1);
    expect(wall.get(1)).toMatchObject({ tiles: [D, B, null, null], tour: { step: 1, nextAt: NOW + 10_000 } });
    clock.advance(5_000);
    expect(wall.get(1)).toMatchObject({ tiles: [D, A, null, null], tour: { step: 0 } });
    expect(published.at(-1)).toMatchObject({ tiles: [D, A, null, null] });
  });

  it('a preset tour replaces the whole wall at each step', () => {
    wall.fill(1, [A, B], 0);
    const p1 = wall.savePreset(1, '一');
    wall.setLayout(1, standardLayout('1'));
    wall.assign(1, 0, C);
    const p2 = wall.savePreset(1, '二');
    const tour = wall.saveTour({ id: null, name: '轮巡', dwellS: 3, steps: [{ kind: 'preset', presetId: p1.id }, { kind: 'preset', presetId: p2.id }] });
    expect(wall.startTour(1, tour.id, 0)).toMatchObject({ layout: { kind: '4' }, tiles: [A, B, null, null], presetId: p1.id });
    clock.advance(3_000);
    expect(wall.get(1)).toMatchObject({ layout: { kind: '1' }, tiles: [C], presetId: p2.id, tour: { step: 1 } });
  });

  it('a hand change to the tile a tour drives stops it; a change elsewhere does not', () => {
    const tour = wall.saveTour({ id: null, name: '巡视', dwellS: 3, steps: [{ kind: 'camera', cameraId: A }, { kind: 'camera', cameraId: B }] });
    wall.startTour(1, tour.id, 2);
    wall.assign(1, 0, C);
    expect(wall.get(1).tour).not.toBeNull();
    wall.setLayout(1, standardLayout('9'));
    expect(wall.get(1).tour).not.toBeNull();
    wall.assign(1, 2, D);
    expect(wall.get(1)).toMatchObject({ tour: null, tiles: [C, null, D, null, null, null, null, null, null] });
    clock.advance(10_000);
    expect(wall.get(1).tiles[2]).toBe(D);
    expect(clock.pending).toBe(0);
  });

  it('stopTour and deleteTour end the run and its timer', () => {
    const tour = wall.saveTour({ id: null, name: '巡视', dwellS: 3, steps: [{ kind: 'camera', cameraId: A }] });
    wall.startTour(1, tour.id, 0);
    expect(wall.stopTour(1).tour).toBeNull();
    expect(clock.pending).toBe(0);
    wall.startTour(1, tour.id, 0);
    expect(wall.deleteTour(tour.id)).toEqual({ deleted: true });
    expect(wall.get(1).tour).toBeNull();
    expect(wall.tours()).toEqual([]);
    expect(clock.pending).toBe(0);
  });

  it('a tour resumes after a restart at the step and time it had reached', () => {
    const tour = wall.saveTour({ id: null, name: '巡视', dwellS: 10, steps: [A, B, C].map((cameraId) => ({ kind: 'camera' as const, cameraId })) });
    wall.startTour(1, tour.id, 0);
    clock.advance(10_000);
    expect(wall.get(1).tiles[0]).toBe(B);
    restart();
    expect(wall.get(1).tour).toMatchObject({ step: 1, nextAt: NOW + 20_000 });
    clock.advance(9_999);
    expect(wall.get(1).tiles[0]).toBe(B);
    clock.advance(1);
    expect(wall.get(1)).toMatchObject({ tiles: [C, null, null, null], tour: { step: 2 } });
  });

  it('a step missed while the station was down is shown at once on restart', () => {
    const tour = wall.saveTour({ id: null, name: '巡视', dwellS: 5, steps: [{ kind: 'camera', cameraId: A }, { kind: 'camera', cameraId: B }] });
    wall.startTour(1, tour.id, 0);
    wall.close();
    store.close();
    clock.advance(60_000);
    open();
    clock.advance(0);
    expect(wall.get(1)).toMatchObject({ tiles: [B, null, null, null], tour: { step: 1, nextAt: NOW + 65_000 } });
  });

  it('a clock set back while the station was down holds a tour for one dwell at most', () => {
    const tour = wall.saveTour({ id: null, name: '巡视', dwellS: 5, steps: [{ kind: 'camera', cameraId: A }, { kind: 'camera', cameraId: B }] });
    wall.startTour(1, tour.id, 0);
    wall.close();
    store.close();
    clock = new ManualClock(NOW - 3_600_000);
    open();
    expect(wall.get(1).tour).toMatchObject({ nextAt: NOW - 3_600_000 + 5_000 });
    clock.advance(5_000);
    expect(wall.get(1).tiles[0]).toBe(B);
  });

  it('an edit changes a running tour; a step whose preset was deleted is passed over', () => {
    wall.assign(1, 0, A);
    const p = wall.savePreset(1, '一');
    const tour = wall.saveTour({ id: null, name: '混合', dwellS: 3, steps: [{ kind: 'camera', cameraId: B }, { kind: 'preset', presetId: p.id }] });
    wall.startTour(1, tour.id, 1);
    expect(wall.saveTour({ id: tour.id, name: '混合二', dwellS: 4, steps: [{ kind: 'camera', cameraId: B }, { kind: 'preset', presetId: p.id }, { kind: 'camera', cameraId: C }] }))
      .toMatchObject({ id: tour.id, name: '混合二', dwellS: 4 });
    expect(wall.get(1).tour).toMatchObject({ name: '混合二', stepCount: 3, step: 0 });
    wall.deletePreset(p.id);
    clock.advance(3_000);
    expect(wall.get(1)).toMatchObject({ tiles: [A, C, null, null], tour: { step: 2, nextAt: NOW + 7_000 } });
  });

  it('refuses unknown cameras, presets, tours and a tile outside the layout', () => {
    expect(refusal(() => wall.saveTour({ id: null, name: 'x', dwellS: 3, steps: [{ kind: 'camera', cameraId: 'no-such' }] }))).toBe('not_found');
    expect(refusal(() => wall.saveTour({ id: null, name: 'x', dwellS: 3, steps: [{ kind: 'preset', presetId: 'no-such' }] }))).toBe('not_found');
    expect(refusal(() => wall.saveTour({ id: 'no-such', name: 'x', dwellS: 3, steps: [{ kind: 'camera', cameraId: A }] }))).toBe('not_found');
    expect(refusal(() => wall.startTour(1, 'no-such', 0))).toBe('not_found');
    const tour = wall.saveTour({ id: null, name: 'x', dwellS: 3, steps: [{ kind: 'camera', cameraId: A }] });
    expect(refusal(() => wall.startTour(1, tour.id, 4))).toBe('bad_params');
    expect(wall.tours()).toEqual([tour]);
  });
});

describe('alarm mode', () => {
  const on = { enabled: true, tile: 3, holdS: 30 };

  beforeEach(() => {
    wall.fill(1, [A, B, C, D], 0);
  });

  it('puts a new AI video alert on the alarm tile and takes it down after the hold time', () => {
    wall.setAlarmConfig(1, on);
    alert('ai-1', A);
    expect(wall.get(1)).toMatchObject({
      tiles: [A, B, C, A],
      alarm: { tile: 3, cameraId: A, eventId: 'ai-1', title: '告警 ai-1', since: NOW, until: NOW + 30_000, previousCameraId: D },
    });
    expect(published.at(-1)?.alarm).toMatchObject({ eventId: 'ai-1' });
    clock.advance(29_999);
    expect(wall.get(1).alarm).not.toBeNull();
    clock.advance(1);
    expect(wall.get(1)).toMatchObject({ tiles: [A, B, C, D], alarm: null });
    expect(published.at(-1)).toMatchObject({ tiles: [A, B, C, D], alarm: null });
  });

  it('acknowledging reverts at once; an alarm over an alarm keeps the first covered camera', () => {
    wall.setAlarmConfig(1, on);
    alert('ai-1', A);
    clock.advance(5_000);
    alert('ai-2', B);
    expect(wall.get(1).alarm).toMatchObject({ eventId: 'ai-2', cameraId: B, previousCameraId: D, until: NOW + 35_000 });
    expect(wall.ackAlarm(1)).toMatchObject({ tiles: [A, B, C, D], alarm: null });
    expect(clock.pending).toBe(0);
  });

  it('passes over alerts that are stale, closed, without a camera, already seen, or when alarm mode is off', () => {
    alert('ai-off', A);
    expect(wall.get(1).alarm).toBeNull();
    wall.setAlarmConfig(1, on);
    alert('ai-old', A, NOW - 31_000);
    alert('ai-closed', A, NOW, { state: 'archived' });
    alert('ai-nocam', A, NOW, { cameraId: null });
    alert('hotline', A, NOW, { source: 'hotline_12345' });
    bus.publish('data.changed', { collection: 'events', count: 0 });
    expect(wall.get(1).alarm).toBeNull();
    alert('ai-new', C);
    expect(wall.get(1).alarm).toMatchObject({ eventId: 'ai-new', cameraId: C });
    wall.ackAlarm(1);
    bus.publish('data.changed', { collection: 'events', count: 0 });
    expect(wall.get(1).alarm).toBeNull();
    restart();
    bus.publish('data.changed', { collection: 'events', count: 0 });
    expect(wall.get(1).alarm).toBeNull();
  });

  it('raises an alert pulled late but still within the hold time, whatever its id', () => {
    wall.setAlarmConfig(1, on);
    alert('zz-first', B);
    wall.ackAlarm(1);
    alert('aa-late', C, NOW - 20_000);
    expect(wall.get(1).alarm).toMatchObject({ eventId: 'aa-late', cameraId: C, until: NOW + 30_000 });
  });

  it('after the hub resets and the cache is refilled, new alerts still go up', () => {
    wall.setAlarmConfig(1, on);
    alert('ai-1', A);
    wall.ackAlarm(1);
    store.clearSynced();
    bus.publish('data.changed', { collection: 'events', count: 0 });
    alert('ai-2', B);
    expect(wall.get(1).alarm).toMatchObject({ eventId: 'ai-2' });
  });

  it('an alarm up at a restart still reverts at its time', () => {
    wall.setAlarmConfig(1, on);
    alert('ai-1', B);
    restart();
    expect(wall.get(1).alarm).toMatchObject({ eventId: 'ai-1' });
    clock.advance(30_000);
    expect(wall.get(1)).toMatchObject({ tiles: [A, B, C, D], alarm: null });
  });

  it('turning alarm mode off or moving its tile takes the alarm down; a tile outside the layout is refused', () => {
    wall.setAlarmConfig(1, on);
    alert('ai-1', A);
    expect(wall.setAlarmConfig(1, { ...on, holdS: 60 }).alarm).not.toBeNull();
    expect(wall.setAlarmConfig(1, { ...on, tile: 0 })).toMatchObject({ alarm: null, tiles: [A, B, C, D], alarmConfig: { tile: 0 } });
    expect(refusal(() => wall.setAlarmConfig(1, { ...on, tile: 4 }))).toBe('bad_params');
  });

  it('a tour step on the alarm tile waits under the alarm and shows once it reverts', () => {
    wall.setAlarmConfig(1, on);
    const tour = wall.saveTour({ id: null, name: '巡视', dwellS: 10, steps: [{ kind: 'camera', cameraId: B }, { kind: 'camera', cameraId: C }] });
    wall.startTour(1, tour.id, 3);
    alert('ai-1', A);
    clock.advance(10_000);
    expect(wall.get(1)).toMatchObject({ tiles: [A, B, C, A], alarm: { previousCameraId: C }, tour: { step: 1 } });
    clock.advance(10_000);
    expect(wall.get(1)).toMatchObject({ tiles: [A, B, C, A], alarm: { previousCameraId: B }, tour: { step: 0 } });
    clock.advance(10_000);
    expect(wall.get(1)).toMatchObject({ tiles: [A, B, C, C], alarm: null, tour: { step: 1 } });
  });
});
