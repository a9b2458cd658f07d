// The outbox end to end on a real SQLite file with a stand-in hub: the write is committed before the
// send, network failures keep it pending and retry it with the same key, and the hub's answer ends it.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TopicBus } from '../api/bus.js';
import type { TopicData } from '../api/contract.js';
import type { EventAction, GridEvent } from '../api/model.js';
import { transition } from '../api/work-order.js';
import { openStore, type Store } from '../store/store.js';
import { fixtureEvent, tempDir } from '../store/test-fixtures.js';
import { HubError, type HubWriter, type WriteOutcome } from './hub-client.js';
import type { ActionApplied, ActionRequest, IntakeCreated, IntakeRequest } from './hub-protocol.js';
import { OutboxSender } from './outbox-sender.js';
import { SeatWrites } from './seat-writes.js';

const identity = { name: '值班长', role: 'duty_commander' as const, seatId: 'seat-a' };
const E = fixtureEvent({ id: 'e-1', gridCode: '321023100001001', position: [119.2, 33.2] });

/** Applies actions with the real state machine, keyed like the hub: a replayed key returns the stored result. */
class StubHub implements HubWriter {
  event: GridEvent = E;
  readonly applied = new Map<string, ActionApplied>();
  readonly calls: ActionRequest[] = [];
  /** Throw a network error for the next n calls. */
  failNext = 0;
  /** Checked inside the request: what the seat's outbox held when the send happened. */
  onRequest: ((body: ActionRequest) => void) | null = null;
  forceStatus: 'refuse' | null = null;

  async postAction(_id: string, body: ActionRequest): Promise<WriteOutcome<ActionApplied>> {
    this.calls.push(body);
    this.onRequest?.(body);
    if (this.failNext > 0) {
      this.failNext--;
      throw new HubError('hub unreachable: POST: ECONNREFUSED');
    }
    const replay = this.applied.get(body.key);
    if (replay) return { kind: 'ok', value: replay };
    if (this.forceStatus === 'refuse') return { kind: 'refused', status: 422, code: 'forbidden_role', message: 'hub says no' };
    if (body.expectedVersion !== this.event.version) {
      const since = [...this.applied.values()].map((a) => a.action).filter((a) => a.version > body.expectedVersion);
      return { kind: 'conflict', conflict: { error: { code: 'version_conflict', message: `now version ${this.event.version}` }, event: this.event, since } };
    }
    const r = transition(this.event, body, 5_000);
    if (!r.ok) return { kind: 'refused', status: 422, code: r.code, message: r.message };
    const action: EventAction = {
      id: body.key, eventId: this.event.id, action: body.action, fromState: this.event.state, toState: r.toState, actor: body.actor,
      reason: body.reason, payload: body.payload, at: 5_000, clientAt: body.clientAt, version: r.event.version,
    };
    this.event = r.event;
    const result = { applied: true as const, event: r.event, action };
    this.applied.set(body.key, result);
    return { kind: 'ok', value: result };
  }

  async postIntake(body: IntakeRequest): Promise<WriteOutcome<IntakeCreated>> {
    return { kind: 'ok', value: { created: true, event: fixtureEvent({ id: `m-${body.key.slice(0, 8)}`, gridCode: body.gridCode, position: body.position, source: 'manual', title: body.title }) } };
  }
}

let tmp: ReturnType<typeof tempDir>;
let store: Store;
let bus: TopicBus;
let hub: StubHub;
let sender: OutboxSender;
let writes: SeatWrites;
let topic: TopicData<'outbox'>[];

beforeEach(() => {
  tmp = tempDir();
  store = openStore(join(tmp.dir, 'cache.sqlite'));
  store.applyPage('events', [{ seq: 1, data: E }], 1);
  bus = new TopicBus();
  topic = [];
  bus.subscribe('outbox', (d) => topic.push(d));
  hub = new StubHub();
  sender = new OutboxSender({ store, hub, bus, backoff: { baseMs: 5, maxMs: 20 } });
  writes = new SeatWrites({ store, bus, identity: () => identity, kick: () => sender.kick() });
});
afterEach(() => {
  sender.stop();
  store.close();
  tmp.remove();
});

async function settled(): Promise<void> {
  await sender.whenIdle();
}

describe('outbox', () => {
  it('commits the write before sending it; the 200 lands in the cache at once', async () => {
    let heldAtSend: string | undefined;
    hub.onRequest = (body) => (heldAtSend = store.outbox.get(body.key)?.state);
    const { key } = writes.transition({ eventId: 'e-1', action: 'accept', reason: null, payload: {}, expectedVersion: 1 });
    await settled();
    expect(heldAtSend).toBe('pending');
    expect(store.outbox.get(key)).toMatchObject({ state: 'sent', attempts: 1, error: null });
    expect(store.events.get('e-1')).toMatchObject({ state: 'accepted', version: 2 });
    expect(store.actions.forEvent('e-1')).toMatchObject([{ id: key, action: 'accept', toState: 'accepted', actor: { seat: 'seat-a' } }]);
    expect(topic.map((t) => t.state)).toEqual(['pending', 'sent']);
    expect(topic[1]).toMatchObject({ key, eventId: 'e-1', event: { state: 'accepted' } });
  });

  it('keeps a write pending through network failures and sends it again with the same key', async () => {
    hub.failNext = 2;
    const { key } = writes.transition({ eventId: 'e-1', action: 'accept', reason: null, payload: {}, expectedVersion: 1 });
    await settled();
    expect(hub.calls.map((c) => c.key)).toEqual([key, key, key]);
    expect(store.outbox.get(key)).toMatchObject({ state: 'sent', attempts: 3 });
    expect(topic.map((t) => t.state)).toEqual(['pending', 'pending', 'pending', 'sent']);
    expect(topic[1]?.error).toMatchObject({ code: 'unreachable', message: expect.stringMatching(/ECONNREFUSED/) });
  });

  it('is replay-safe: a key the hub applied before is applied once, and the sync of it changes nothing', async () => {
    const { key } = writes.transition({ eventId: 'e-1', action: 'accept', reason: null, payload: {}, expectedVersion: 1 });
    await settled();
    // The answer was lost: the same key goes again (as after a crash between send and commit).
    const again = await hub.postAction('e-1', store.outbox.get(key)!.body as ActionRequest);
    expect(again).toMatchObject({ kind: 'ok', value: { event: { version: 2 } } });
    expect(hub.event.version).toBe(2);
    // Then the pull brings the same event and action with their sequence numbers.
    store.applyPage('events', [{ seq: 7, data: hub.event }], 7);
    store.applyPage('event_actions', [{ seq: 8, data: hub.applied.get(key)!.action }], 8);
    expect(store.actions.forEvent('e-1')).toHaveLength(1);
    expect(store.events.get('e-1')).toMatchObject({ version: 2, state: 'accepted' });
  });

  it('ends a 409 as rejected, with the reason and what the other seat did', async () => {
    // Another seat accepted first: the hub is at version 2, this seat's cache still at 1.
    await hub.postAction('e-1', { key: '11111111-1111-4111-8111-111111111111', action: 'accept', actor: { role: 'duty_director', name: '主任', seat: 'seat-b' }, reason: null, payload: {}, clientAt: 1, expectedVersion: 1 });
    const { key } = writes.transition({ eventId: 'e-1', action: 'accept', reason: null, payload: {}, expectedVersion: 1 });
    await settled();
    expect(store.outbox.get(key)).toMatchObject({ state: 'rejected', error: { code: 'version_conflict', message: 'now version 2' } });
    const last = topic.at(-1)!;
    expect(last).toMatchObject({ key, state: 'rejected', event: { version: 2 }, since: [{ actor: { seat: 'seat-b' }, action: 'accept' }] });
    // The cache learnt the winner's change at once.
    expect(store.events.get('e-1')).toMatchObject({ version: 2, state: 'accepted' });
    expect(store.actions.forEvent('e-1')).toMatchObject([{ actor: { seat: 'seat-b' } }]);
  });

  it('ends a 422 as rejected with the hub reason, and keeps sending the writes behind it', async () => {
    hub.forceStatus = 'refuse';
    const a = writes.transition({ eventId: 'e-1', action: 'accept', reason: null, payload: {}, expectedVersion: 1 });
    await settled();
    hub.forceStatus = null;
    const b = writes.create({ title: '井盖缺失', category: 'garbage', severity: 2, gridCode: '321023100001001', position: [119.2, 33.2], address: '', description: '', reporter: null });
    await settled();
    expect(store.outbox.get(a.key)).toMatchObject({ state: 'rejected', error: { code: 'forbidden_role', message: 'hub says no' } });
    expect(store.outbox.get(b.key)).toMatchObject({ state: 'sent', eventId: expect.stringMatching(/^m-/) });
    expect(store.events.get(store.outbox.get(b.key)!.eventId!)).toMatchObject({ source: 'manual', title: '井盖缺失' });
  });
});
