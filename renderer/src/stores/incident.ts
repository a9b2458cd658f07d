// Wartime (战时): the county's active incident as the station builds it (incident, plan, timeline, wartime
// grids, nearest cameras and workers, responsible departments), past incidents, and the writes an
// incident commander makes. An active incident anywhere in the county switches this seat's workspace.
import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import type { IncidentWorkspace, Params } from '../../../native/api/contract';
import type { Incident, IncidentLogKind } from '../../../native/api/model';
import { stationClient } from '../transport/connect';
import { errorText } from './request-state';

export type DeclareParams = Params<'incident.declare'>;
type LogKind = Extract<IncidentLogKind, 'step_done' | 'step_reopened' | 'note' | 'call' | 'alarm'>;

export const useIncidentStore = defineStore('incident', () => {
  const active = shallowRef<IncidentWorkspace | null>(null);
  const history = shallowRef<readonly Incident[]>([]);
  /** A stood-down incident's kept record, opened from the history list. */
  const record = shallowRef<IncidentWorkspace | null>(null);
  const error = ref<string | null>(null);
  const busy = ref(false);
  /** The declare form is open (it replaces the left panel). */
  const declaring = ref(false);
  /** The stand-down confirmation is open. */
  const standingDown = ref(false);
  const wartime = computed(() => active.value?.incident.state === 'active');
  const stepProgress = computed(() => new Map((active.value?.steps ?? []).map((s) => [s.stepId, s])));
  /** Steps ticked (true) or reopened (false) here that the hub has not confirmed yet: shown as sending. */
  const sendingSteps = ref(new Map<string, boolean>());

  async function load(): Promise<void> {
    try {
      const next = await stationClient().request('incident.active');
      active.value = next ? markRaw(next) : null;
      if (sendingSteps.value.size) {
        const done = new Map((next?.steps ?? []).map((st) => [st.stepId, st.done]));
        sendingSteps.value = new Map([...sendingSteps.value].filter(([id, want]) => done.has(id) && done.get(id) !== want));
      }
      error.value = null;
    } catch (err) {
      error.value = errorText(err);
    }
  }

  async function loadHistory(): Promise<void> {
    try {
      history.value = markRaw(await stationClient().request('incident.list', { limit: 20 }));
    } catch (err) {
      console.warn('[incident] incident.list failed', err);
    }
  }

  async function open(id: string | null): Promise<void> {
    if (id === null) {
      record.value = null;
      return;
    }
    try {
      record.value = markRaw(await stationClient().request('incident.get', { id }));
    } catch (err) {
      error.value = errorText(err);
    }
  }

  /**
   * Runs one write: the station pre-checks it (a refusal comes back at once and is kept for the operator),
   * commits it to the outbox and sends it; the workspace reloads when the hub's answer arrives.
   */
  async function write(fn: () => Promise<unknown>): Promise<boolean> {
    busy.value = true;
    try {
      await fn();
      error.value = null;
      return true;
    } catch (err) {
      error.value = errorText(err);
      return false;
    } finally {
      busy.value = false;
    }
  }

  const declare = async (params: DeclareParams): Promise<boolean> => {
    const ok = await write(() => stationClient().request('incident.declare', params));
    if (ok) declaring.value = false;
    return ok;
  };
  const log = (kind: LogKind, text: string, stepId: string | null = null): Promise<boolean> => {
    const incident = active.value?.incident;
    if (!incident) return Promise.resolve(false);
    return write(async () => {
      await stationClient().request('incident.log', { incidentId: incident.id, kind, stepId, text });
      if (stepId) sendingSteps.value = new Map(sendingSteps.value).set(stepId, kind === 'step_done');
    });
  };
  const standDown = async (reason: string): Promise<boolean> => {
    const incident = active.value?.incident;
    if (!incident) return false;
    const ok = await write(() => stationClient().request('incident.standDown', { incidentId: incident.id, reason }));
    if (ok) standingDown.value = false;
    return ok;
  };

  /** The incident's full record as an XLSX file (name and bytes), or null with the error kept. */
  async function report(id: string): Promise<{ filename: string; bytes: Uint8Array<ArrayBuffer> } | null> {
    try {
      const file = await stationClient().request('incident.report', { id });
      const bin = atob(file.base64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      return { filename: file.filename, bytes };
    } catch (err) {
      error.value = errorText(err);
      return null;
    }
  }

  let started = false;
  function start(): void {
    if (started) return;
    started = true;
    const client = stationClient();
    const refresh = (): void => {
      void load();
      void loadHistory();
    };
    client.subscribe('incident', refresh);
    client.subscribe('data.changed', ({ collection }) => {
      if (collection === 'incidents' || collection === 'incident_log' || collection === 'plans') refresh();
    });
    // Incident writes carry no event id; their outcome (sent or rejected, shown in the outbox list) reloads.
    client.subscribe('outbox', (change) => {
      if (change.eventId === null && change.state !== 'pending') refresh();
    });
    client.onState((s) => {
      if (s === 'open') {
        void load();
        void loadHistory();
      }
    });
    void load();
    void loadHistory();
  }

  return {
    active, history, record, error, busy, declaring, standingDown, wartime, stepProgress, sendingSteps,
    start, load, loadHistory, open, declare, log, standDown, report,
  };
});
