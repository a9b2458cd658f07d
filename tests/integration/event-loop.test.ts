// The closed event loop over the real wire: the demo hub raises an AI video alert, and a seat's operator
// takes it to archived through the Station API (WebSocket) — every write through the seat's outbox to the
// hub's state machine. Then two seats act on one event at once: exactly one wins, the other sees why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub } from '../../hub/server.js';
import type { Result, TopicData } from '../../native/api/contract.js';
import type { ActionName, GridEvent } from '../../native/api/model.js';
import { startSeat, type Seat } from '../../native/seat/server.js';
import { tempDir } from '../../native/store/test-fixtures.js';
import { HubClient } from '../../native/sync/hub-client.js';
import { ApiError, SeatClient } from './api-client.js';
import { eventually, within } from './wait.js';

type Hub = Awaited<ReturnType<typeof startHub>>;
const TOKEN = 'loop-test-token';
let hub: Hub;
let seatA: Seat;
let seatB: Seat;
let a: SeatClient;
let b: SeatClient;
const dirs: ReturnType<typeof tempDir>[] = [];

/** Has the hub report events until one is of the wanted source; returns it as the hub serves it. */
async function hubEvent(accept: (e: GridEvent) => boolean): Promise<GridEvent> {
  const client = new HubClient(hub.url);
  for (let i = 0; i < 200; i++) {
    const { seq } = await hub.reportEvent();
    const page = await client.page('events', seq - 1, 1);
    const event = page.rows[0]?.data;
    if (event && accept(event)) return event;
  }
  throw new Error('the hub reported no such event in 200 tries');
}

/** Waits until the seat's cache holds the event (the live `changed` → pull path). */
function inCache(seat: Seat, id: string): Promise<GridEvent> {
  return eventually(() => seat.station.store.events.get(id), 20_000, `event ${id} in the seat's cache`);
}

/** One transition through the outbox; resolves with the outbox topic's final word on it. */
async function act(client: SeatClient, eventId: string, action: ActionName, expectedVersion: number, extra: { reason?: string; payload?: Record<string, unknown> } = {}): Promise<TopicData<'outbox'>> {
  const { key, outbox } = await client.call('events.transition', { eventId, action, expectedVersion, reason: extra.reason ?? null, payload: extra.payload ?? {} });
  expect(outbox).toBe('pending');
  return client.event('outbox', (d) => d.key === key && d.state !== 'pending', `outbox ${action} ${key} to finish`);
}

beforeAll(async () => {
  // No timed ticks: the test reports the events it needs, and the simulated field stays still.
  hub = await startHub({ port: 0, dataDir: null, positionIntervalMs: 600_000, eventIntervalMs: 600_000, fieldIntervalMs: 3_600_000, historyEvents: 20 });
  for (const name of ['a', 'b']) dirs.push(tempDir(`watchfloor-loop-${name}-`));
  const open = (d: ReturnType<typeof tempDir>): Promise<Seat> => startSeat({ port: 0, hubUrl: hub.url, dataDir: d.dir, token: TOKEN, pingIntervalMs: 500 });
  [seatA, seatB] = await Promise.all([open(dirs[0]!), open(dirs[1]!)]);
  await within(Promise.all([seatA.station.whenSynced(), seatB.station.whenSynced()]), 60_000, 'both seats synced');
  a = await SeatClient.open(seatA.url, TOKEN);
  b = await SeatClient.open(seatB.url, TOKEN);
  a.subscribe('outbox');
  b.subscribe('outbox');
}, 90_000);

afterAll(async () => {
  a?.close();
  b?.close();
  await Promise.all([seatA?.close(), seatB?.close()]);
  await hub?.close();
  for (const d of dirs) d.remove();
});

describe('the closed loop through a seat', () => {
  it('takes an AI video alert from report to archive', async () => {
    const alert = await hubEvent((e) => e.source === 'ai_video' && e.state === 'reported');
    expect(alert).toMatchObject({ cameraId: expect.any(String), detection: expect.any(String), snapshot: expect.stringMatching(/\.svg$/) });
    await inCache(seatA, alert.id);

    const detail = await a.call('events.detail', { id: alert.id });
    expect(detail.event.state).toBe('reported');
    expect(detail.camera?.id).toBe(alert.cameraId);
    expect(detail.path.at(-1)?.code).toBe(alert.gridCode);
    expect(detail.nearestWorkers.length).toBeGreaterThan(0);

    // The snapshot through the seat (proxied from the hub and kept in the cache).
    const img = await fetch(`${seatA.url}/media/snapshots/${alert.id}.svg?token=${TOKEN}`);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toMatch(/svg/);
    expect(await img.text()).toContain('<svg');
    expect((await fetch(`${seatA.url}/media/snapshots/${alert.id}.svg?token=wrong`)).status).toBe(401);

    let v = detail.event.version;
    const accepted = await act(a, alert.id, 'accept', v);
    expect(accepted).toMatchObject({ state: 'sent', event: { state: 'accepted', version: v + 1 } });
    v++;

    // One-click dispatch: the suggestion from the responsibility list, as is.
    const route: Result<'lists.route'> = await a.call('lists.route', { category: alert.category, severity: alert.severity, gridCode: alert.gridCode, level: alert.level });
    expect(route.deadlineAt).toBeGreaterThan(Date.now());
    const dispatched = await act(a, alert.id, 'dispatch', v, { payload: { department: route.department, deadlineAt: route.deadlineAt } });
    expect(dispatched).toMatchObject({ state: 'sent', event: { state: 'dispatched', department: route.department, deadlineAt: route.deadlineAt } });
    v++;

    // The department's liaison works it from this seat.
    await a.call('seat.setIdentity', { name: '城管联络员', role: 'department_liaison', seatId: 'seat-a' });
    expect(await act(a, alert.id, 'start', v)).toMatchObject({ state: 'sent', event: { state: 'in_progress' } });
    v++;
    expect(await act(a, alert.id, 'feedback', v, { reason: '已劝离摊贩，现场恢复' })).toMatchObject({ state: 'sent', event: { state: 'handled' } });
    v++;

    await a.call('seat.setIdentity', { name: '值班长', role: 'duty_commander', seatId: 'seat-a' });
    expect(await act(a, alert.id, 'verify', v)).toMatchObject({ state: 'sent', event: { state: 'verified', closedAt: expect.any(Number) } });
    v++;
    expect(await act(a, alert.id, 'evaluate', v, { payload: { rating: 5 } })).toMatchObject({ state: 'sent', event: { state: 'evaluated', rating: 5 } });
    v++;
    expect(await act(a, alert.id, 'archive', v)).toMatchObject({ state: 'sent', event: { state: 'archived' } });
    v++;

    const done = await a.call('events.detail', { id: alert.id });
    expect(done.event).toMatchObject({ state: 'archived', version: v });
    expect(done.actions.map((x) => x.action)).toEqual(['accept', 'dispatch', 'start', 'feedback', 'verify', 'evaluate', 'archive']);
    expect(done.actions.find((x) => x.action === 'feedback')).toMatchObject({ actor: { role: 'department_liaison', name: '城管联络员', seat: 'seat-a' }, reason: '已劝离摊贩，现场恢复' });
    // The hub holds the same trace.
    await eventually(async () => {
      const page = await new HubClient(hub.url).page('event_actions', 0, 5000);
      return page.rows.filter((r) => r.data.eventId === alert.id).length === 7;
    }, 10_000, 'the hub trace of 7 actions');

    // Out of order afterwards: a clear error, nothing written.
    const outboxBefore = (await a.call('outbox.list', {})).length;
    await expect(a.call('events.transition', { eventId: alert.id, action: 'accept', expectedVersion: v })).rejects.toMatchObject({ code: 'forbidden_transition' });
    expect((await a.call('outbox.list', {})).length).toBe(outboxBefore);
  }, 60_000);

  it('lets exactly one of two seats win a race for the same event; the loser is told why and by whom', async () => {
    const event = await hubEvent((e) => e.state === 'reported');
    const [ea, eb] = await Promise.all([inCache(seatA, event.id), inCache(seatB, event.id)]);
    expect(ea.version).toBe(eb.version);
    await b.call('seat.setIdentity', { name: '轮值主任', role: 'duty_director', seatId: 'seat-b' });

    const [ka, kb] = await Promise.all([
      a.call('events.transition', { eventId: event.id, action: 'accept', expectedVersion: ea.version }),
      b.call('events.transition', { eventId: event.id, action: 'accept', expectedVersion: eb.version }),
    ]);
    const [ra, rb] = await Promise.all([
      a.event('outbox', (d) => d.key === ka.key && d.state !== 'pending', 'seat A outcome'),
      b.event('outbox', (d) => d.key === kb.key && d.state !== 'pending', 'seat B outcome'),
    ]);
    const outcomes = [ra, rb];
    expect(outcomes.map((o) => o.state).sort()).toEqual(['rejected', 'sent']);
    const winner = ra.state === 'sent' ? 'seat-a' : 'seat-b';
    const loser = ra.state === 'sent' ? rb : ra;
    expect(loser.error).toMatchObject({ code: 'version_conflict', message: expect.any(String) });
    expect(loser.event).toMatchObject({ state: 'accepted', version: ea.version + 1 });
    expect(loser.since).toMatchObject([{ action: 'accept', actor: { seat: winner } }]);

    // The loser's outbox keeps the rejected write until the operator drops it; dropped, it is still there.
    const loserClient = loser === ra ? a : b;
    expect(await loserClient.call('outbox.list', { states: ['rejected'] })).toMatchObject([{ key: loser.key, error: { code: 'version_conflict' } }]);
    expect(await loserClient.call('outbox.drop', { key: loser.key })).toMatchObject({ key: loser.key, state: 'dropped' });
    await expect(loserClient.call('outbox.drop', { key: loser.key })).rejects.toBeInstanceOf(ApiError);
  }, 60_000);
});
