// An administrator's edit of the responsibility list (部门事件责任清单), sent to the hub at once rather than
// through the outbox: a list edit queued offline and replayed later could silently undo a newer one, so
// it either reaches the hub now or changes nothing. The duty director (轮值主任) and the administrator may make
// it (native/api/permissions.ts); the hub checks the same rule on the actor sent with the edit.
import type { TopicBus } from '../api/bus.js';
import type { SeatIdentity } from '../api/contract.js';
import { RefusedError } from '../api/host.js';
import type { Responsibility } from '../api/model.js';
import { can, whyNotText } from '../api/permissions.js';
import type { Store } from '../store/store.js';
import { HubError, type HubListWriter } from './hub-client.js';
import { actorOf } from './seat-writes.js';

export interface ListEditsOptions {
  store: Store;
  bus?: TopicBus;
  hub: HubListWriter;
  identity(): SeatIdentity;
}

export async function setResponsibility(o: ListEditsOptions, row: Responsibility): Promise<Responsibility> {
  const identity = o.identity();
  if (!can(identity.role, 'lists.setResponsibility')) {
    throw new RefusedError('forbidden_role', whyNotText(identity.role, 'lists.setResponsibility') ?? `A ${identity.role} may not edit the responsibility list.`);
  }
  // Checked against the cache first, so the operator hears about a typo without a round trip.
  if (!o.store.lists.collectionItem(row.category)) {
    throw new RefusedError('bad_params', `unknown category '${row.category}': not on the collection list (网格事项采集清单)`);
  }
  if (!o.store.lists.department(row.department)) {
    throw new RefusedError('bad_params', `unknown department '${row.department}'`);
  }
  let outcome: Awaited<ReturnType<HubListWriter['putResponsibility']>>;
  try {
    outcome = await o.hub.putResponsibility(row, actorOf(identity));
  } catch (err) {
    if (!(err instanceof HubError)) throw err;
    throw new RefusedError('hub_unreachable', `The responsibility list was not changed: the hub cannot be reached now (${err.message}).`);
  }
  if (outcome.kind === 'conflict') throw new RefusedError('bad_params', outcome.conflict.error.message);
  if (outcome.kind === 'refused') {
    throw new RefusedError(outcome.code === 'forbidden_role' ? 'forbidden_role' : 'bad_params', `The hub refused the edit (${outcome.code}): ${outcome.message}`);
  }
  const saved = outcome.value;
  o.store.lists.upsertResponsibility(saved.responsibility, saved.seq);
  o.bus?.publish('data.changed', { collection: 'responsibilities', count: 1 });
  return saved.responsibility;
}
