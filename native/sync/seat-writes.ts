// The seat's writes: a transition or a manual intake is checked here against the cache (the same state
// machine the hub runs), then committed to the outbox with a fresh idempotency key, and only then handed
// to the sender. A refusal writes nothing; the operator sees the state machine's own message.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { TopicBus } from '../api/bus.js';
import type { CreateEventParams, SeatIdentity, TransitionParams, WriteAccepted } from '../api/contract.js';
import { NotFoundError, RefusedError } from '../api/host.js';
import type { Actor } from '../api/model.js';
import { transition } from '../api/work-order.js';
import type { Store } from '../store/store.js';
import type { ActionRequest, IntakeRequest } from './hub-protocol.js';

export interface SeatWritesOptions {
  store: Store;
  bus: TopicBus;
  identity(): SeatIdentity;
  /** Called after each commit: the sender drains the outbox. */
  kick(): void;
  now?: () => number;
}

export function actorOf(identity: SeatIdentity): Actor {
  return { role: identity.role, name: identity.name, seat: identity.seatId };
}

export class SeatWrites {
  constructor(private readonly o: SeatWritesOptions) {}

  transition(p: z.output<typeof TransitionParams>): WriteAccepted {
    const { store } = this.o;
    const now = this.o.now?.() ?? Date.now();
    const event = store.events.get(p.eventId);
    if (!event) throw new NotFoundError(`event ${p.eventId} is not in the station's cache`);
    const actor = actorOf(this.o.identity());
    const departments = store.lists.departments();
    const checked = transition(
      event, { action: p.action, actor, reason: p.reason, payload: p.payload, expectedVersion: p.expectedVersion }, now,
      departments.length ? { departments } : {},
    );
    if (!checked.ok) throw new RefusedError(checked.code, checked.message);
    const key = randomUUID();
    const body: ActionRequest = {
      key, action: p.action, actor, reason: p.reason, payload: p.payload, clientAt: now, expectedVersion: p.expectedVersion,
    };
    store.outbox.add({ key, kind: 'transition', eventId: event.id, action: p.action, body, clientAt: now }, now);
    this.o.bus.publish('outbox', { key, eventId: event.id, action: p.action, state: 'pending', error: null, event: null, since: [] });
    this.o.kick();
    return { key, outbox: 'pending' };
  }

  create(p: z.output<typeof CreateEventParams>): WriteAccepted {
    const { store } = this.o;
    const now = this.o.now?.() ?? Date.now();
    const items = store.lists.collectionItems();
    if (items.length && !items.some((c) => c.category === p.category)) {
      throw new RefusedError('bad_params', `unknown category '${p.category}': not on the collection list (网格事项采集清单)`);
    }
    if (store.grids.count() > 0 && !store.grids.get(p.gridCode)) throw new RefusedError('bad_params', `unknown grid ${p.gridCode}: not in the station's cache`);
    const key = randomUUID();
    const body: IntakeRequest = {
      key, title: p.title, category: p.category, severity: p.severity, gridCode: p.gridCode, position: p.position,
      address: p.address, description: p.description, source: 'manual', reporter: p.reporter, actor: actorOf(this.o.identity()),
      clientAt: now,
    };
    store.outbox.add({ key, kind: 'create', eventId: null, action: 'create', body, clientAt: now }, now);
    this.o.bus.publish('outbox', { key, eventId: null, action: 'create', state: 'pending', error: null, event: null, since: [] });
    this.o.kick();
    return { key, outbox: 'pending' };
  }
}
