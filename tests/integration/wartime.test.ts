// Wartime over the real wire: a real hub and two stations. An incident declared at seat A switches seat B
// into the incident workspace; plan steps ticked at A while the hub is down wait in A's outbox — through
// a restart of A — and reach the hub and seat B once the hub is back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub } from '../../hub/server.js';
import type { MethodName, Params, Result, ServerFrame, TopicData, TopicName } from '../../native/api/contract.js';
import type { ApiConnection } from '../../native/api/host.js';
import { startStation, type Station } from '../../native/station.js';
import { tempDir } from '../../native/store/test-fixtures.js';
import { eventually, within } from './wait.js';

type Hub = Awaited<ReturnType<typeof startHub>>;
const HUB_OPTS = { host: '127.0.0.1', positionIntervalMs: 600_000, eventIntervalMs: 600_000, fieldIntervalMs: 3_600_000, historyEvents: 20 };

/** An in-process renderer connection to a station's API. */
class Renderer {
  readonly frames: ServerFrame[] = [];
  private readonly conn: ApiConnection;
  private nextId = 1;

  constructor(station: Station) {
    this.conn = station.api.connect((f) => this.frames.push(f));
  }

  async call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
    const id = this.nextId++;
    this.conn.receive({ kind: 'req', id, method, params });
    const res = await eventually(() => this.frames.find((f) => f.kind === 'res' && f.id === id), 10_000, `response to ${method}`, 5);
    if (res.kind !== 'res' || !res.ok) throw new Error(`${method} failed: ${JSON.stringify(res)}`);
    return res.result as Result<M>;
  }

  subscribe(topic: TopicName): void {
    this.conn.receive({ kind: 'sub', topic });
  }

  event<T extends TopicName>(topic: T, accept: (d: TopicData<T>) => boolean, what: string, timeoutMs = 20_000): Promise<TopicData<T>> {
    return eventually(() => {
      const f = this.frames.find((x) => x.kind === 'evt' && x.topic === topic && accept(x.data as TopicData<T>));
      return f && f.kind === 'evt' ? (f.data as TopicData<T>) : null;
    }, timeoutMs, what, 20);
  }

  close(): void {
    this.conn.close();
  }
}

let hub: Hub | null = null;
let hubPort = 0;
const hubDir = tempDir('watchfloor-wartime-hub-');
const dirs = [tempDir('watchfloor-wartime-a-'), tempDir('watchfloor-wartime-b-')];
let stationA: Station;
let stationB: Station;
let a: Renderer;
let b: Renderer;

const open = (dir: string): Promise<Station> => startStation({ dataDir: dir, hubUrl: `http://127.0.0.1:${hubPort}`, pingIntervalMs: 300 });

beforeAll(async () => {
  hub = await startHub({ ...HUB_OPTS, port: 0, dataDir: hubDir.dir });
  hubPort = hub.port;
  [stationA, stationB] = await Promise.all([open(dirs[0]!.dir), open(dirs[1]!.dir)]);
  await within(Promise.all([stationA.whenSynced(), stationB.whenSynced()]), 90_000, 'both stations synced');
  a = new Renderer(stationA);
  b = new Renderer(stationB);
  await a.call('seat.setIdentity', { name: '张主任', role: 'duty_director', seatId: 'seat-a' });
  await b.call('seat.setIdentity', { name: '值班长', role: 'duty_commander', seatId: 'seat-b' });
  b.subscribe('incident');
}, 120_000);

afterAll(async () => {
  a?.close();
  b?.close();
  await Promise.all([stationA?.close(), stationB?.close()]);
  await hub?.close();
  for (const d of [...dirs, hubDir]) d.remove();
});

describe('wartime across seats', () => {
  let incidentId = '';

  it('an incident declared at seat A switches seat B into the incident workspace', async () => {
    expect(await b.call('incident.active', {})).toBeNull();
    const county = stationA.status().county!;
    const { key } = await a.call('incident.declare', { type: 'fire', title: '城区仓库火灾', level: 3, position: county.center, radiusM: 2_000 });
    incidentId = key;
    const seen = await b.event('incident', (d) => d.active?.id === key, 'seat B to follow the county into wartime');
    expect(seen.active).toMatchObject({ type: 'fire', state: 'active', declaredBy: '张主任' });
    // The incident and its timeline are two collections: the 'declared' line may be pulled a moment later.
    const w = await eventually(async () => {
      const ws = await b.call('incident.active', {});
      return ws?.log.some((e) => e.kind === 'declared') ? ws : null;
    }, 20_000, "the 'declared' line at seat B");
    expect(w.incident.id).toBe(key);
    expect(w.plan?.type).toBe('fire');
    expect(w.steps.length).toBe(w.plan!.steps.length);
    expect(w.steps.every((s) => !s.done)).toBe(true);
    expect(w.wartimeGrids.length).toBeGreaterThan(0);
    expect(w.cameras.length).toBeGreaterThan(0);
    expect(w.cameras.length).toBeLessThanOrEqual(9);
    expect(w.workers.length).toBeGreaterThan(0);
    expect(w.workers.length).toBeLessThanOrEqual(10);
    expect(w.departments.length).toBeGreaterThan(0);
  }, 60_000);

  it('steps ticked while the hub is down stay in the outbox through a restart and arrive when it is back', async () => {
    expect(incidentId).not.toBe('');
    const plan = (await a.call('incident.active', {}))!.plan!;
    const [s1, s2] = [plan.steps[0]!.id, plan.steps[1]!.id];

    await hub!.close();
    hub = null;
    const k1 = (await a.call('incident.log', { incidentId, kind: 'step_done', stepId: s1 })).key;
    const k2 = (await a.call('incident.log', { incidentId, kind: 'step_done', stepId: s2 })).key;
    await eventually(() => (stationA.store.outbox.get(k1)?.attempts ?? 0) > 0, 20_000, 'a failed send of the first tick');
    expect(stationA.store.outbox.get(k1)).toMatchObject({ state: 'pending', error: { code: 'unreachable' } });

    // Seat A restarts while the hub is still down: the ticks are still pending and still shown.
    a.close();
    await stationA.close();
    stationA = await open(dirs[0]!.dir);
    a = new Renderer(stationA);
    expect(stationA.store.outbox.pending().map((r) => r.key)).toEqual([k1, k2]);
    const offline = (await a.call('incident.active', {}))!;
    expect(offline.steps.filter((s) => s.done).map((s) => s.stepId)).toEqual([s1, s2]);

    // The hub comes back on the same port with its data: the outbox drains, and seat B sees the ticks.
    hub = await startHub({ ...HUB_OPTS, port: hubPort, dataDir: hubDir.dir });
    await eventually(() => [k1, k2].every((k) => stationA.store.outbox.get(k)?.state === 'sent'), 30_000, 'both ticks sent');
    await eventually(() => stationB.store.duty.log(incidentId).filter((e) => e.kind === 'step_done').length === 2, 30_000, 'seat B to pull the ticks');
    const atB = (await b.call('incident.active', {}))!;
    expect(atB.steps.filter((s) => s.done).map((s) => s.stepId)).toEqual([s1, s2]);
    expect(atB.log.filter((e) => e.kind === 'step_done').map((e) => e.id).sort()).toEqual([k1, k2].sort());
  }, 120_000);

  it('standing down at seat A returns seat B to peacetime and keeps the record', async () => {
    await a.call('incident.standDown', { incidentId, reason: '明火扑灭,现场移交' });
    await b.event('incident', (d) => d.active === null && d.changedIds.length === 0 && stationB.store.duty.incident(incidentId)?.state === 'stood_down',
      'seat B back to peacetime');
    expect(await b.call('incident.active', {})).toBeNull();
    const record = await b.call('incident.get', { id: incidentId });
    expect(record.incident.state).toBe('stood_down');
    expect(record.log.map((e) => e.kind)).toEqual(['declared', 'step_done', 'step_done', 'stood_down']);
    const report = await b.call('incident.report', { id: incidentId });
    expect(Buffer.from(report.base64, 'base64').subarray(0, 2).toString()).toBe('PK');
  }, 60_000);
});

describe('handover across seats', () => {
  it('a handover submitted at seat A is pending at seat B until its incoming director acknowledges it', async () => {
    const draft = await a.call('handover.draft', {});
    expect(draft.to).toBeGreaterThan(draft.from);
    const { key } = await a.call('handover.submit', { remarks: '仓库火灾已处置完毕', toName: '周主任' });
    const pending = await eventually(async () => (await b.call('handover.pending', {})).find((h) => h.id === key), 20_000, 'the handover at seat B');
    expect(pending).toMatchObject({ fromName: '张主任', toName: '周主任', remarks: '仓库火灾已处置完毕', acknowledgedAt: null, level: 'county' });
    await b.call('seat.setIdentity', { name: '周主任', role: 'duty_director', seatId: 'seat-b' });
    await b.call('handover.acknowledge', { id: key });
    const acked = await eventually(() => {
      const h = stationA.store.duty.handover(key);
      return h?.acknowledgedAt ? h : null;
    }, 20_000, 'the acknowledgement at seat A');
    expect(acked.acknowledgedBy).toBe('周主任');
    expect((await a.call('handover.pending', {})).some((h) => h.id === key)).toBe(false);
  }, 60_000);
});
