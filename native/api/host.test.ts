// ApiHost on its own: every frame checked against the contract, clear errors, subscriptions per
// connection. The handlers are stand-ins; native/api/handlers.test.ts runs the real ones on a real cache.
import { beforeEach, describe, expect, it } from 'vitest';
import { TopicBus } from './bus.js';
import type { LinkStatus, ServerFrame } from './contract.js';
import type { Grid, Worker } from './model.js';
import { ApiHost, NotFoundError, type ApiConnection, type Handlers } from './host.js';

const link: LinkStatus = { state: 'online', since: 1, rttMs: 3, reason: null };
const county: Grid = {
  code: '321023', name: '宝应县', level: 'county', parentCode: null,
  boundary: [[119, 33], [120, 33], [120, 34]], center: [119.5, 33.5], population: 1,
};
const worker: Worker = { id: 'w-1', name: '网格员', gridCode: '321023', phone: '1', position: [119.5, 33.5], heading: 0, fixAt: 1 };
const node = { code: county.code, name: county.name, level: county.level, parentCode: null, center: county.center };

function stubHandlers(): Handlers {
  return {
    'station.status': () => ({
      county: null, hubUrl: 'http://127.0.0.1:1', embeddedHub: true, link, lastSyncAt: null,
      counts: { grids: 1, buildings: 0, cameras: 0, workers: 1, events: 0 },
    }),
    'grids.tree': () => [node],
    'grids.search': ({ query, limit }) => (county.name.includes(query) ? [node].slice(0, limit) : []),
    'grids.detail': ({ code }) => {
      if (code !== county.code) throw new NotFoundError(`grid ${code} is not in the station's cache`);
      return { grid: county, path: [node], childCount: 0, workers: [worker], cameras: [], buildingCount: 0, openEvents: [], openEventCount: 0 };
    },
    'grids.shapes': () => [county],
    'map.basemap': () => [],
    'map.buildings': () => [],
    'cameras.list': () => [],
    'cameras.inView': () => [],
    'cameras.get': ({ id }) => { throw new NotFoundError(`camera ${id} is not in the station's cache`); },
    'workers.list': async () => [worker],
    'workers.get': ({ id }) => {
      if (id !== worker.id) throw new NotFoundError(`grid worker ${id} is not in the station's cache`);
      return worker;
    },
    'workers.inGrid': () => [worker],
    'events.open': () => [],
    ...loopStubs(),
  };
}

/** The event-loop methods are not exercised here (native/api/handlers.test.ts runs them on a real cache). */
function loopStubs(): Pick<Handlers, Exclude<keyof Handlers, 'station.status' | 'grids.tree' | 'grids.search' | 'grids.detail'
  | 'grids.shapes' | 'map.basemap' | 'map.buildings' | 'cameras.list' | 'cameras.inView' | 'cameras.get' | 'workers.list'
  | 'workers.get' | 'workers.inGrid' | 'events.open'>> {
  const unused = (): never => {
    throw new Error('not used in this test');
  };
  return {
    'events.list': unused, 'events.detail': unused, 'events.transition': unused, 'events.create': unused,
    'events.nearestWorkers': unused, 'lists.get': unused, 'lists.route': unused, 'lists.setResponsibility': unused, 'stats.dashboard': unused,
    'stats.bulletin': unused, 'outbox.list': unused, 'outbox.drop': unused, 'seat.identity': unused,
    'seat.setIdentity': unused, 'media.snapshot': unused,
    'duty.today': unused, 'duty.roster': unused, 'duty.setRoster': unused, 'duty.signIn': unused, 'duty.signOut': unused,
    'handover.draft': unused, 'handover.submit': unused, 'handover.pending': unused, 'handover.list': unused,
    'handover.acknowledge': unused, 'coordination.byDepartment': unused, 'incident.active': unused, 'incident.get': unused,
    'incident.list': unused, 'incident.declare': unused, 'incident.log': unused, 'incident.standDown': unused,
    'incident.report': unused,
    'wall.list': unused, 'wall.get': unused, 'wall.setLayout': unused, 'wall.assign': unused, 'wall.fill': unused,
    'wall.maximize': unused, 'wall.presets': unused, 'wall.savePreset': unused, 'wall.applyPreset': unused,
    'wall.deletePreset': unused, 'wall.tours': unused, 'wall.saveTour': unused, 'wall.deleteTour': unused,
    'wall.startTour': unused, 'wall.stopTour': unused, 'wall.setAlarmConfig': unused, 'wall.ackAlarm': unused,
    'video.endpoint': unused, 'video.relays': unused,
    'tiles.endpoint': unused, 'tiles.status': unused, 'tiles.seed': unused, 'tiles.cancelSeed': unused,
    'calls.status': unused, 'calls.dial': unused, 'calls.invite': unused, 'calls.answer': unused, 'calls.decline': unused,
    'calls.leave': unused, 'calls.sfu': unused, 'calls.log': unused,
  };
}

let bus: TopicBus;
let host: ApiHost;
let frames: ServerFrame[];
let conn: ApiConnection;

function connect(h: ApiHost): ApiConnection {
  return h.connect((f) => frames.push(f));
}

/** The response to request `id`; handlers may answer a few microtasks later. */
async function response(id: number | null): Promise<ServerFrame> {
  for (let turn = 0; turn < 50; turn++) {
    const found = frames.find((f) => f.kind === 'res' && f.id === id);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  throw new Error(`no response to ${id}; frames: ${JSON.stringify(frames)}`);
}

async function call(id: number, method: string, params: unknown = {}): Promise<ServerFrame> {
  conn.receive({ kind: 'req', id, method, params });
  return response(id);
}

beforeEach(() => {
  bus = new TopicBus();
  host = new ApiHost(stubHandlers(), bus, { validateResults: true, snapshots: { link: () => link } });
  frames = [];
  conn = connect(host);
});

describe('ApiHost', () => {
  it('greets with the contract version', () => {
    expect(frames[0]).toEqual({ kind: 'hello', contract: 1 });
  });

  it('answers requests, applying the params defaults of the contract', async () => {
    expect(await call(1, 'grids.search', { query: '宝应' })).toEqual({ kind: 'res', id: 1, ok: true, result: [node] });
    expect(await call(2, 'workers.list')).toEqual({ kind: 'res', id: 2, ok: true, result: [worker] });
  });

  it.each([
    ['a string', 'hello', null, 'bad_frame', /not a Station API frame/],
    ['null', null, null, 'bad_frame', /not a Station API frame/],
    ['an unknown kind', { kind: 'rpc', id: 1 }, 1, 'bad_frame', /kind/],
    ['a request without a method', { kind: 'req', id: 7, params: {} }, 7, 'bad_frame', /method/],
    ['a request without params', { kind: 'req', id: 10, method: 'grids.tree' }, 10, 'bad_frame', /params/],
    ['a negative id', { kind: 'req', id: -1, method: 'grids.tree', params: {} }, null, 'bad_frame', /id/],
    ['an unknown method', { kind: 'req', id: 8, method: 'grids.delete', params: {} }, 8, 'unknown_method', /unknown method "grids.delete"; known: station.status/],
    ['a prototype key as method', { kind: 'req', id: 9, method: 'toString', params: {} }, 9, 'unknown_method', /toString/],
    ['missing params', { kind: 'req', id: 16, method: 'grids.detail', params: {} }, 16, 'bad_params', /bad params for grids.detail: code: /],
    ['null params', { kind: 'req', id: 17, method: 'grids.tree', params: null }, 17, 'bad_params', /bad params for grids.tree/],
    ['a bad grid code', { kind: 'req', id: 11, method: 'grids.detail', params: { code: '12ab' } }, 11, 'bad_params', /grid code must have 6, 9, 12 or 15 digits/],
    ['an extra param', { kind: 'req', id: 12, method: 'grids.tree', params: { all: true } }, 12, 'bad_params', /all/],
    ['a too long search', { kind: 'req', id: 18, method: 'grids.search', params: { query: 'x'.repeat(51) } }, 18, 'bad_params', /query/],
    ['an inverted bbox', { kind: 'req', id: 13, method: 'cameras.inView', params: { bbox: { west: 2, south: 0, east: 1, north: 1 } } }, 13, 'bad_params', /west ≤ east/],
    ['an unknown grid', { kind: 'req', id: 14, method: 'grids.detail', params: { code: '321023999' } }, 14, 'not_found', /grid 321023999 is not in the station's cache/],
    ['an unknown worker', { kind: 'req', id: 15, method: 'workers.get', params: { id: 'nobody' } }, 15, 'not_found', /grid worker nobody/],
    ['an unknown topic', { kind: 'sub', topic: 'secrets' }, null, 'unknown_topic', /unknown topic "secrets"/],
    ['an unsub of an unknown topic', { kind: 'unsub', topic: 'secrets' }, null, 'unknown_topic', /unknown topic "secrets"/],
  ])('answers %s with a clear error', async (_name, raw, id, code, message) => {
    conn.receive(raw);
    const frame = await response(id);
    expect(frame).toMatchObject({ kind: 'res', ok: false, error: { code } });
    expect(frame.kind === 'res' && !frame.ok && frame.error.message).toMatch(message);
    // The connection still serves after the error.
    expect(await call(99, 'grids.tree')).toMatchObject({ ok: true });
  });

  it('reports a failing handler as internal, and a result that breaks the contract when validating', async () => {
    const broken = stubHandlers();
    broken['grids.tree'] = () => { throw new Error('disk on fire'); };
    broken['workers.list'] = () => [{ id: 'x' }] as never;
    conn = connect(new ApiHost(broken, bus, { validateResults: true }));
    expect(await call(1, 'grids.tree')).toMatchObject({ ok: false, error: { code: 'internal', message: 'grids.tree failed: disk on fire' } });
    expect(await call(2, 'workers.list')).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/result of workers.list breaks the contract: 0\.name/) } });
    // Production skips the result check.
    conn = connect(new ApiHost(broken, bus));
    expect(await call(3, 'workers.list')).toMatchObject({ ok: true, result: [{ id: 'x' }] });
  });

  it('forwards subscribed topics, sends the current link at once, and stops after unsub or close', async () => {
    conn.receive({ kind: 'sub', topic: 'link' });
    conn.receive({ kind: 'sub', topic: 'workers.positions' });
    conn.receive({ kind: 'sub', topic: 'workers.positions' }); // twice is once
    expect(frames.filter((f) => f.kind === 'evt')).toEqual([{ kind: 'evt', topic: 'link', data: link }]);

    const batch = { t: 5, items: [{ id: 'w-1', position: [119.3, 33.2] as [number, number], heading: 10, fixAt: 5 }] };
    bus.publish('workers.positions', batch);
    expect(frames.filter((f) => f.kind === 'evt' && f.topic === 'workers.positions')).toEqual([{ kind: 'evt', topic: 'workers.positions', data: batch }]);

    conn.receive({ kind: 'unsub', topic: 'workers.positions' });
    bus.publish('workers.positions', batch);
    expect(frames.filter((f) => f.kind === 'evt' && f.topic === 'workers.positions')).toHaveLength(1);

    expect(bus.listenerCount('link')).toBe(1);
    expect(host.connections).toBe(1);
    conn.close();
    expect(bus.listenerCount('link')).toBe(0);
    expect(host.connections).toBe(0);
    const before = frames.length;
    bus.publish('link', link);
    conn.receive({ kind: 'req', id: 50, method: 'grids.tree', params: {} });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(frames).toHaveLength(before);
  });

  it('keeps other subscribers hearing when one connection fails to send', () => {
    const good: ServerFrame[] = [];
    host.connect(() => { throw new Error('socket gone'); }).receive({ kind: 'sub', topic: 'data.changed' });
    host.connect((f) => good.push(f)).receive({ kind: 'sub', topic: 'data.changed' });
    bus.publish('data.changed', { collection: 'events', count: 1 });
    expect(good.at(-1)).toEqual({ kind: 'evt', topic: 'data.changed', data: { collection: 'events', count: 1 } });
  });
});
