// The station's calls.* methods against a real hub's call service: a seat dials a worker's socket, the worker
// answers, the SFU answers through calls.sfu, the log keeps the outcome; refusals and a lost hub read clearly.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../hub/server.js';
import { fixtureCounty } from '../../hub/test-fixture.js';
import { TopicBus } from '../api/bus.js';
import { callHandlers } from '../api/call-handlers.js';
import type { CallsStatus, SeatIdentity } from '../api/contract.js';
import { RefusedError } from '../api/host.js';
import { openStore, type Store } from '../store/store.js';
import { tempDir } from '../store/test-fixtures.js';
import { nextEvent } from '../../tests/integration/wait.js';
import { CallClient, type CallSocket } from './call-client.js';
import { callsUrl } from './call-link.js';
import type { CallNotice } from './protocol.js';
import { StationCalls } from './station-calls.js';

const county = fixtureCounty();
const worker = county.workers[0]!;
/** A department of the shipped responsibility lists (hub/lists.ts). */
const DEPARTMENT = 'town_grid_center';
const dir = tempDir('watchfloor-calls-');
let hub: Hub;
const opened: { store: Store; calls: StationCalls }[] = [];

interface Seat {
  bus: TopicBus;
  calls: StationCalls;
  api: ReturnType<typeof callHandlers>;
  identity: SeatIdentity;
}

async function seat(identity: SeatIdentity): Promise<Seat> {
  const store = openStore(`${dir.dir}/${identity.seatId}.sqlite`);
  const bus = new TopicBus();
  const calls = new StationCalls({ store, bus, hubUrl: hub.url, identity: () => s.identity, backoff: { baseMs: 50, maxMs: 200 } });
  const s: Seat = { bus, calls, identity, api: callHandlers(() => calls, () => s.identity) };
  opened.push({ store, calls });
  const up = nextEvent(bus, 'calls', (st) => st.available, 10_000, `${identity.seatId} greeted`);
  calls.start();
  await up;
  return s;
}

/** A grid worker's field page, as a plain `ws` client. */
async function fieldWorker(): Promise<{ client: CallClient; notices: CallNotice[]; next(kind: CallNotice['notice']): Promise<CallNotice> }> {
  const client = new CallClient(new WebSocket(callsUrl(hub.url)) as unknown as CallSocket);
  const notices: CallNotice[] = [];
  const waiting: { kind: string; resolve(n: CallNotice): void }[] = [];
  client.onNotice((n) => {
    notices.push(n);
    const i = waiting.findIndex((w) => w.kind === n.notice);
    if (i >= 0) waiting.splice(i, 1)[0]!.resolve(n);
  });
  await client.request('hello', { as: 'worker', workerId: worker.id, pin: worker.phone.slice(-4) });
  return {
    client, notices,
    next: (kind) => new Promise((resolve) => waiting.push({ kind, resolve })),
  };
}

function until(s: Seat, accept: (st: CallsStatus) => boolean, what: string): Promise<CallsStatus> {
  return accept(s.calls.status()) ? Promise.resolve(s.calls.status()) : nextEvent(s.bus, 'calls', accept, 10_000, what);
}

beforeAll(async () => {
  hub = await startHub({ port: 0, dataDir: null, county, positionIntervalMs: 600_000, eventIntervalMs: 600_000, fieldIntervalMs: 3_600_000, historyEvents: 3 });
}, 60_000);

afterAll(async () => {
  for (const o of opened) {
    await o.calls.stop();
    o.store.close();
  }
  await hub?.close();
  dir.remove();
});

describe('station calls against a real hub', () => {
  it('greets the hub as the seat and dials a worker who answers; the SFU answers through calls.sfu; the log keeps it', async () => {
    const commander = await seat({ name: '张值班', role: 'duty_commander', seatId: 's-cmd' });
    expect(commander.calls.status()).toEqual({ available: true, reason: null, selfKey: 'seat:s-cmd', calls: [] });
    const field = await fieldWorker();
    const ring = field.next('ring');
    const call = await commander.api['calls.dial']({ targets: [{ kind: 'worker', workerId: worker.id }], eventId: 'E-9', title: '现场核实' });
    expect(call.participants.map((p) => [p.key, p.state])).toEqual([['seat:s-cmd', 'joined'], [`worker:${worker.id}`, 'ringing']]);
    expect((await ring).notice).toBe('ring');
    await field.client.request('call.answer', { callId: call.id });
    const joined = await until(commander, (st) => st.calls[0]?.participants.some((p) => p.kind === 'worker' && p.state === 'joined') === true, 'worker joined');
    expect(joined.calls.map((c) => c.id)).toEqual([call.id]);

    const caps = await commander.api['calls.sfu']({ method: 'media.capabilities', params: { callId: call.id } });
    expect(caps.method).toBe('media.capabilities');
    const codecs = caps.method === 'media.capabilities' ? caps.result.codecs ?? [] : [];
    expect(codecs.map((c) => c.mimeType)).toEqual(expect.arrayContaining(['audio/opus', 'video/VP8']));
    const transport = await commander.api['calls.sfu']({ method: 'transport.create', params: { callId: call.id, direction: 'recv' } });
    expect(transport).toMatchObject({ method: 'transport.create', result: { id: expect.any(String) } });
    expect(hub.calls.stats().transports).toBe(1);

    const ended = await commander.api['calls.leave']({ callId: call.id });
    expect(ended).toMatchObject({ outcome: 'completed', endedAt: expect.any(Number) });
    expect(commander.calls.status().calls).toEqual([]);
    expect(hub.calls.stats()).toMatchObject({ transports: 0 });
    expect(commander.api['calls.log']({ limit: 10 })).toEqual([expect.objectContaining({
      id: call.id, eventId: 'E-9', title: '现场核实', outcome: 'completed', durationS: expect.any(Number),
    })]);
    field.client.close();
  });

  it('rings a department liaison seat, which declines; an offline worker is missed at once', async () => {
    const director = await seat({ name: '李主任', role: 'duty_director', seatId: 's-dir' });
    const liaison = await seat({ name: '王联络', role: 'department_liaison', seatId: 's-liaison', departmentCode: DEPARTMENT });
    const call = await director.api['calls.dial']({
      targets: [{ kind: 'department', departmentCode: DEPARTMENT }, { kind: 'worker', workerId: county.workers[1]!.id }], eventId: null, title: '',
    });
    expect(call.participants.find((p) => p.key === `worker:${county.workers[1]!.id}`)).toMatchObject({ state: 'missed', reason: expect.stringContaining('网格员不在线') });
    const rung = await until(liaison, (st) => st.calls.length === 1, 'liaison rung');
    expect(rung.calls[0]!.participants.find((p) => p.key === 'seat:s-liaison')?.state).toBe('ringing');
    const declined = await liaison.api['calls.decline']({ callId: call.id });
    // One declined, one missed: not everyone declined, and nobody ever joined.
    expect(declined.outcome).toBe('unanswered');
    expect(declined.participants.find((p) => p.key === 'seat:s-liaison')?.state).toBe('declined');
    expect(liaison.calls.status().calls).toEqual([]);
    await until(director, (st) => st.calls.length === 0, 'the director sees the call end');
    expect((await director.api['calls.log']({ limit: 5 }))[0]).toMatchObject({ id: call.id, outcome: 'unanswered', durationS: null });
  });

  it('refuses a viewer a dial at the seat, and names an unknown call', async () => {
    const viewer = await seat({ name: '观察员', role: 'viewer', seatId: 's-view' });
    expect(() => viewer.api['calls.dial']({ targets: [{ kind: 'worker', workerId: worker.id }], eventId: null, title: '' }))
      .toThrow(expect.objectContaining({ code: 'forbidden_role', message: expect.stringContaining('只读席位') }));
    await expect(viewer.api['calls.answer']({ callId: 'no-such-call' })).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('greets the hub again when the seat identity changes: a seat turned liaison is rung by its department', async () => {
    const s = await seat({ name: '周值班', role: 'duty_commander', seatId: 's-switch' });
    const dialler = await seat({ name: '吴主任', role: 'duty_director', seatId: 's-dialler' });
    const dropped = nextEvent(s.bus, 'calls', (st) => !st.available, 10_000, 'old greeting dropped');
    s.identity = { ...s.identity, role: 'department_liaison', departmentCode: 'urban_mgmt' };
    s.calls.identityChanged();
    await dropped;
    await until(s, (st) => st.available, 'greeted again');
    const call = await dialler.api['calls.dial']({ targets: [{ kind: 'department', departmentCode: 'urban_mgmt' }], eventId: null, title: '' });
    const rung = await until(s, (st) => st.calls.some((c) => c.id === call.id), 'the new liaison rung');
    expect(rung.calls[0]!.participants.find((p) => p.key === 'seat:s-switch')).toMatchObject({ state: 'ringing', role: 'department_liaison', departmentCode: 'urban_mgmt' });
    await dialler.api['calls.leave']({ callId: call.id });
    await until(s, (st) => st.calls.length === 0, 'the ring withdrawn when the dialler leaves');
  });

  it('says the dispatch service is unreachable once the hub is gone, and refuses requests with hub_unreachable', async () => {
    const s = await seat({ name: '赵值班', role: 'duty_commander', seatId: 's-late' });
    const down = nextEvent(s.bus, 'calls', (st) => !st.available, 10_000, 'link lost');
    await hub.close();
    const st = await down;
    expect(st.reason).toContain('调度服务不可达 / dispatch service unreachable');
    expect(st.selfKey).toBeNull();
    const refused = await Promise.resolve(s.api['calls.dial']({ targets: [{ kind: 'worker', workerId: worker.id }], eventId: null, title: '' })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RefusedError);
    expect(refused).toMatchObject({ code: 'hub_unreachable' });
  });
});

describe('the call link across a hub restart', () => {
  it('greets the hub again, with backoff, once it is back on the same address', async () => {
    const first = await startHub({ port: 0, dataDir: null, county, positionIntervalMs: 600_000, eventIntervalMs: 600_000, fieldIntervalMs: 3_600_000, historyEvents: 3 });
    const store = openStore(`${dir.dir}/restart.sqlite`);
    const bus = new TopicBus();
    const calls = new StationCalls({
      store, bus, hubUrl: first.url, identity: () => ({ name: '郑值班', role: 'duty_commander', seatId: 's-restart' }), backoff: { baseMs: 50, maxMs: 200 },
    });
    opened.push({ store, calls });
    let second: Hub | null = null;
    try {
      const up = nextEvent(bus, 'calls', (st) => st.available, 10_000, 'greeted');
      calls.start();
      await up;
      const down = nextEvent(bus, 'calls', (st) => !st.available, 10_000, 'hub gone');
      await first.close();
      await down;
      const back = nextEvent(bus, 'calls', (st) => st.available, 20_000, 'greeted again');
      second = await startHub({ port: first.port, dataDir: null, county, positionIntervalMs: 600_000, eventIntervalMs: 600_000, fieldIntervalMs: 3_600_000, historyEvents: 3 });
      expect(await back).toMatchObject({ available: true, reason: null, selfKey: 'seat:s-restart' });
    } finally {
      await second?.close();
    }
  }, 60_000);
});
