// What happened meanwhile, for each write the hub refused because its event had moved on: the winner's
// actions and the event as it is now, as the station reported them with the refusal. A refusal this
// window did not see arrive (the console opened later) is explained by the event's latest actions.
import { defineStore } from 'pinia';
import { markRaw, shallowRef } from 'vue';
import type { OutboxEntry } from '../../../native/api/contract';
import type { EventAction, EventState } from '../../../native/api/model';
import { stationClient } from '../transport/connect';

export interface Meanwhile {
  /** true: exactly the actions the hub says came in between; false: the event's latest actions. */
  exact: boolean;
  actions: readonly EventAction[];
  /** The event's state now; null when unknown. */
  state: EventState | null;
}

const LATEST = 3;

export const useOutboxConflictsStore = defineStore('outbox-conflicts', () => {
  const byKey = shallowRef<ReadonlyMap<string, Meanwhile>>(new Map());
  const loading = new Set<string>();

  function put(key: string, m: Meanwhile): void {
    byKey.value = markRaw(new Map(byKey.value).set(key, markRaw(m)));
  }

  /** Fetches the event's latest actions for a rejected write whose refusal arrived before this window. */
  async function explain(entry: OutboxEntry): Promise<void> {
    if (entry.state !== 'rejected' || !entry.eventId || byKey.value.has(entry.key) || loading.has(entry.key)) return;
    loading.add(entry.key);
    try {
      const detail = await stationClient().request('events.detail', { id: entry.eventId });
      const later = detail.actions.filter((a) => a.id !== entry.key && a.clientAt >= entry.clientAt);
      put(entry.key, { exact: false, actions: (later.length ? later : detail.actions).slice(-LATEST), state: detail.event.state });
    } catch (err) {
      console.warn('[outbox] could not load what happened meanwhile', err);
    } finally {
      loading.delete(entry.key);
    }
  }

  let started = false;
  function start(): void {
    if (started) return;
    started = true;
    stationClient().subscribe('outbox', (change) => {
      if (change.state === 'rejected' && change.event) put(change.key, { exact: true, actions: change.since, state: change.event.state });
    });
  }

  return { byKey, start, explain };
});
