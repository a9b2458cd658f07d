// The wall.* methods through ApiHost (results checked against the contract): refusals arrive with their
// codes, every change reaches a subscriber of topic 'wall', and a station without a wall says so.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TopicBus } from './bus.js';
import type { ServerFrame, StationStatus } from './contract.js';
import { createHandlers } from './handlers.js';
import { ApiHost, type ApiConnection } from './host.js';
import { openStore, type Store } from '../store/store.js';
import { tempDir, tinyCounty } from '../store/test-fixtures.js';
import { WallController } from '../video/wall-controller.js';
import { ManualClock } from '../video/wall-test-clock.js';

const NOW = Date.UTC(2026, 10, 22, 4, 0, 0);
const [A, B] = tinyCounty().cameras.map((c) => c.id) as [string, string];

let tmp: ReturnType<typeof tempDir>;
let store: Store;
let wall: WallController;
let clock: ManualClock;
let frames: ServerFrame[];
let conn: ApiConnection;

function status(): StationStatus {
  return {
    county: null, hubUrl: 'http://127.0.0.1:1', embeddedHub: true, link: { state: 'online', since: 1, rttMs: 3, reason: null },
    lastSyncAt: null, counts: store.counts(),
  };
}

function connect(withWall: boolean): ApiConnection {
  const bus = new TopicBus();
  wall = new WallController({ store, bus, clock });
  const handlers = createHandlers({ store, status, now: () => NOW, ...(withWall ? { wall } : {}) });
  return new ApiHost(handlers, bus, { validateResults: true }).connect((f) => frames.push(f));
}

async function call(id: number, method: string, params: unknown = {}): Promise<ServerFrame> {
  conn.receive({ kind: 'req', id, method, params });
  for (let turn = 0; turn < 100; turn++) {
    const found = frames.find((f) => f.kind === 'res' && f.id === id);
    if (found) return found;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`no response to ${id}`);
}

const events = (): unknown[] => frames.flatMap((f) => (f.kind === 'evt' && f.topic === 'wall' ? [f.data] : []));

beforeEach(() => {
  tmp = tempDir();
  store = openStore(join(tmp.dir, 'station.sqlite'));
  store.applyPage('cameras', tinyCounty().cameras.map((data, i) => ({ seq: i + 1, data })), 100);
  clock = new ManualClock(NOW);
  frames = [];
  conn = connect(true);
});
afterEach(() => {
  conn.close();
  wall.close();
  store.close();
  tmp.remove();
});

describe('wall handlers', () => {
  it('a wall built over the API is published to subscribers and answers contract-valid results', async () => {
    conn.receive({ kind: 'sub', topic: 'wall' });
    expect(await call(1, 'wall.setLayout', { wallId: 2, layout: { kind: '16', cols: 4, rows: 4 } })).toMatchObject({ ok: true, result: { wallId: 2 } });
    expect(await call(2, 'wall.fill', { wallId: 2, cameraIds: [A, B] })).toMatchObject({ ok: true, result: { tiles: [A, B, ...Array(14).fill(null)] } });
    expect(await call(3, 'wall.savePreset', { wallId: 2, name: ' 十六宫 ' })).toMatchObject({ ok: true, result: { name: '十六宫' } });
    const tour = await call(4, 'wall.saveTour', { name: '巡视', dwellS: 3, steps: [{ kind: 'camera', cameraId: A }, { kind: 'camera', cameraId: B }] });
    const tourId = (tour as { result: { id: string } }).result.id;
    expect(await call(5, 'wall.startTour', { wallId: 2, tourId, tile: 5 })).toMatchObject({ ok: true, result: { tour: { tile: 5, step: 0 } } });
    clock.advance(3_000);
    expect(await call(6, 'wall.list')).toMatchObject({ ok: true, result: [{ wallId: 1 }, { wallId: 2, tour: { step: 1 } }] });
    // setLayout (wall 2 is created first), fill, savePreset, startTour, the tour's step.
    expect(events()).toHaveLength(6);
    expect(events().at(-1)).toMatchObject({ wallId: 2, tiles: expect.arrayContaining([B]), tour: { step: 1 } });
  });

  it.each<[string, string, unknown, string]>([
    ['an unknown camera', 'wall.assign', { wallId: 1, tile: 0, cameraId: 'no-such-camera' }, 'not_found'],
    ['a tile outside the layout', 'wall.assign', { wallId: 1, tile: 4, cameraId: null }, 'bad_params'],
    ['an unknown preset', 'wall.applyPreset', { wallId: 1, presetId: 'no-such' }, 'not_found'],
    ['an unknown tour', 'wall.startTour', { wallId: 1, tourId: 'no-such' }, 'not_found'],
    ['a dwell under 3 s', 'wall.saveTour', { name: 'x', dwellS: 2, steps: [{ kind: 'camera', cameraId: A }] }, 'bad_params'],
    ['a wall id over 16', 'wall.get', { wallId: 17 }, 'bad_params'],
    ['a layout 9 that is not 3 × 3', 'wall.setLayout', { wallId: 1, layout: { kind: '9', cols: 4, rows: 3 } }, 'bad_params'],
    ['an alarm hold under 5 s', 'wall.setAlarmConfig', { wallId: 1, config: { enabled: true, tile: 0, holdS: 1 } }, 'bad_params'],
  ])('refuses %s', async (_, method, params, code) => {
    expect(await call(1, method, params)).toMatchObject({ ok: false, error: { code } });
  });

  it('a station without a wall controller fails wall.* calls with a clear message', async () => {
    conn.close();
    wall.close();
    conn = connect(false);
    expect(await call(1, 'wall.list')).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('drives no video wall') } });
  });
});
