// An administrator's edit of the responsibility list (部门事件责任清单), sent to the hub at once rather than
// through the outbox: a list edit queued offline and replayed later could silently undo a newer one, so
// it either reaches the hub now or changes nothing. Only the duty director (轮值主任) may make it.
import type { TopicBus } from '../api/bus.js';
import type { SeatIdentity } from '../api/contract.js';
import { RefusedError } from '../api/host.js';
import type { Responsibility } from '../api/model.js';
import type { Store } from '../store/store.js';
import { HubError, type HubListWriter } from './hub-client.js';

export const LIST_EDITOR_ROLE = 'duty_director';

export interface ListEditsOptions {
  store: Store;
  bus?: TopicBus;
  hub: HubListWriter;
  identity(): SeatIdentity;
}

export async function setResponsibility(o: ListEditsOptions, row: Responsibility): Promise<Responsibility> {
  const { role } = o.identity();
  if (role !== LIST_EDITOR_ROLE) {
    throw new RefusedError('forbidden_role', `Only the duty director (轮值主任) may edit the responsibility list; this seat's role is ${role}.`);
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
    outcome = await o.hub.putResponsibility(row);
  } catch (err) {
    if (!(err instanceof HubError)) throw err;
    throw new RefusedError('hub_unreachable', `The responsibility list was not changed: the hub cannot be reached now (${err.message}).`);
  }
  if (outcome.kind === 'conflict') throw new RefusedError('bad_params', outcome.conflict.error.message);
  if (outcome.kind === 'refused') throw new RefusedError('bad_params', `The hub refused the edit (${outcome.code}): ${outcome.message}`);
  const saved = outcome.value;
  o.store.lists.upsertResponsibility(saved.responsibility, saved.seq);
  o.bus?.publish('data.changed', { collection: 'responsibilities', count: 1 });
  return saved.responsibility;
}
