// The selected work order: its detail (timeline, grid path, camera, nearest workers), the snapshot of an
// AI alert, the dispatch suggestion, and the actions the operator takes on it. A write goes to the
// station's outbox; its outcome (sent or rejected, with why) arrives on the 'outbox' topic.
import { defineStore } from 'pinia';
import { markRaw, ref, shallowRef } from 'vue';
import type { EventDetail, RouteSuggestion } from '../../../native/api/contract';
import type { ActionName, LonLat } from '../../../native/api/model';
import { stationClient } from '../transport/connect';
import { StationRequestError } from '../transport/station-client';

export interface ActionError {
  code: string;
  message: string;
}

export interface FlyRequest {
  id: string;
  position: LonLat;
  seq: number;
}

function toActionError(err: unknown): ActionError {
  if (err instanceof StationRequestError) return { code: err.code, message: err.message };
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

export const useEventDetailStore = defineStore('eventDetail', () => {
  const selectedId = ref<string | null>(null);
  const detail = shallowRef<EventDetail | null>(null);
  const loadError = ref<string | null>(null);
  const snapshotUrl = ref<string | null>(null);
  const route = shallowRef<RouteSuggestion | null>(null);
  const routeError = ref<string | null>(null);
  /** The last action refused (by the station at once, or by the hub via the outbox). */
  const actionError = shallowRef<ActionError | null>(null);
  /** The outbox key of the write in flight; the buttons wait while it is set. */
  const pendingKey = ref<string | null>(null);
  const pendingAction = ref<ActionName | null>(null);
  /** Bumped when the map should fly to the selected event (a list click, not a map click). */
  const flyTo = shallowRef<FlyRequest | null>(null);

  let routeFor = '';
  async function loadDetail(id: string): Promise<void> {
    try {
      const d = await stationClient().request('events.detail', { id });
      if (selectedId.value !== id) return;
      detail.value = markRaw(d);
      loadError.value = null;
      // The snapshot never changes: fetch it once per opened event.
      if (snapshotUrl.value === null) void loadSnapshot(id, d.event.snapshot !== null);
      // A fresh suggestion (deadline from now) for every version of the event, not for every reload.
      const version = `${id}:${d.event.version}`;
      if (routeFor !== version) {
        routeFor = version;
        void loadRoute(d);
      }
    } catch (err) {
      if (selectedId.value === id) loadError.value = toActionError(err).message;
    }
  }

  async function loadSnapshot(id: string, has: boolean): Promise<void> {
    if (!has) {
      snapshotUrl.value = null;
      return;
    }
    try {
      const img = await stationClient().request('media.snapshot', { eventId: id });
      if (selectedId.value === id) snapshotUrl.value = `data:${img.contentType};base64,${img.base64}`;
    } catch (err) {
      console.warn('[events] snapshot failed', err);
      if (selectedId.value === id) snapshotUrl.value = null;
    }
  }

  async function loadRoute(d: EventDetail): Promise<void> {
    const e = d.event;
    try {
      const r = await stationClient().request('lists.route', { category: e.category, severity: e.severity, gridCode: e.gridCode, level: e.level });
      if (selectedId.value === e.id) {
        route.value = r;
        routeError.value = null;
      }
    } catch (err) {
      if (selectedId.value === e.id) {
        route.value = null;
        routeError.value = toActionError(err).message;
      }
    }
  }

  /** Opens an event; `fly` moves the map to it (from the list; a click on the map is already there). */
  async function select(id: string | null, opts: { fly?: boolean; position?: LonLat } = {}): Promise<void> {
    if (id !== selectedId.value) {
      detail.value = null;
      snapshotUrl.value = null;
      route.value = null;
      routeError.value = null;
      actionError.value = null;
    }
    selectedId.value = id;
    loadError.value = null;
    if (id === null) return;
    if (opts.fly && opts.position) flyTo.value = { id, position: opts.position, seq: (flyTo.value?.seq ?? 0) + 1 };
    await loadDetail(id);
  }

  async function act(action: ActionName, reason: string | null, payload: Record<string, unknown> = {}): Promise<boolean> {
    const d = detail.value;
    if (!d || pendingKey.value) return false;
    actionError.value = null;
    pendingAction.value = action;
    try {
      const res = await stationClient().request('events.transition', {
        eventId: d.event.id, action, reason, payload, expectedVersion: d.event.version,
      });
      pendingKey.value = res.key;
      return true;
    } catch (err) {
      actionError.value = toActionError(err);
      pendingAction.value = null;
      return false;
    }
  }

  let started = false;
  function start(): void {
    if (started) return;
    started = true;
    const client = stationClient();
    client.subscribe('outbox', (change) => {
      const id = selectedId.value;
      if (change.key === pendingKey.value) {
        if (change.state === 'pending') return;
        pendingKey.value = null;
        pendingAction.value = null;
        if (change.state === 'rejected' && change.error) actionError.value = change.error;
        if (id) void loadDetail(id);
      } else if (id && change.eventId === id && change.state === 'sent') {
        void loadDetail(id);
      }
    });
    // At most one reload per 600 ms however busy the hub is.
    let timer: ReturnType<typeof setTimeout> | null = null;
    client.subscribe('data.changed', ({ collection }) => {
      if (!selectedId.value || timer || (collection !== 'events' && collection !== 'event_actions')) return;
      timer = setTimeout(() => {
        timer = null;
        if (selectedId.value) void loadDetail(selectedId.value);
      }, 600);
    });
  }

  /** Shows a write the hub rejected on its event again, with the reason. */
  async function reopenRejected(eventId: string, error: ActionError | null): Promise<void> {
    await select(eventId);
    actionError.value = error;
  }

  return {
    selectedId, detail, loadError, snapshotUrl, route, routeError, actionError, pendingKey, pendingAction, flyTo,
    start, select, act, reopenRejected, reload: () => (selectedId.value ? loadDetail(selectedId.value) : Promise.resolve()),
  };
});
