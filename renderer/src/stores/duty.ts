// The duty day (值班): who is on duty today (county and towns, with the departments' liaisons), the seat
// operator's sign-in, the shift handover (draft, submit, acknowledge) and the departments' daily
// coordination view. Writes go through the station's outbox; views reload when the hub has taken them.
import { defineStore } from 'pinia';
import { markRaw, ref, shallowRef } from 'vue';
import type { DepartmentWorkload, DutyToday } from '../../../native/api/contract';
import type { GridEvent, Handover, HandoverSummary } from '../../../native/api/model';
import { stationClient } from '../transport/connect';
import { useSeatStore } from './seat';
import { busyRunner } from './request-state';

export const useDutyStore = defineStore('duty', () => {
  const today = shallowRef<DutyToday | null>(null);
  const draft = shallowRef<HandoverSummary | null>(null);
  const pending = shallowRef<readonly Handover[]>([]);
  const workload = shallowRef<readonly DepartmentWorkload[]>([]);
  const error = ref<string | null>(null);
  const busy = ref(false);
  /** The key of the last handover this seat submitted (until the hub has it). */
  const submitted = ref<string | null>(null);

  const load = {
    today: async (): Promise<void> => {
      today.value = markRaw(await stationClient().request('duty.today'));
    },
    draft: async (): Promise<void> => {
      draft.value = markRaw(await stationClient().request('handover.draft'));
    },
    pending: async (): Promise<void> => {
      pending.value = markRaw(await stationClient().request('handover.pending'));
    },
    workload: async (): Promise<void> => {
      workload.value = markRaw(await stationClient().request('coordination.byDepartment'));
    },
  };
  const reload = (what: keyof typeof load): void => {
    void load[what]().catch((err) => console.warn(`[duty] ${what} failed`, err));
  };

  const run = busyRunner(busy, error);

  const seat = useSeatStore();
  async function signIn(name: string): Promise<void> {
    const identity = await run(() => stationClient().request('duty.signIn', { name }));
    if (identity) seat.identity = identity;
    reload('today');
  }
  async function signOut(): Promise<void> {
    const identity = await run(() => stationClient().request('duty.signOut'));
    if (identity) seat.identity = identity;
    reload('today');
  }
  async function submitHandover(remarks: string, toName: string | null): Promise<boolean> {
    const accepted = await run(() => stationClient().request('handover.submit', { remarks, toName }));
    if (accepted) submitted.value = accepted.key;
    return accepted !== null;
  }
  async function acknowledge(id: string): Promise<boolean> {
    return (await run(() => stationClient().request('handover.acknowledge', { id }))) !== null;
  }
  /** 督办 through the work-order state machine's existing supervise action (the version the view saw). */
  async function supervise(event: GridEvent, reason: string): Promise<boolean> {
    const params = { eventId: event.id, action: 'supervise' as const, reason, expectedVersion: event.version };
    return (await run(() => stationClient().request('events.transition', params))) !== null;
  }

  let started = false;
  function start(): void {
    if (started) return;
    started = true;
    const client = stationClient();
    client.subscribe('data.changed', ({ collection }) => {
      if (collection === 'roster' || collection === 'liaisons') reload('today');
      if (collection === 'handovers') {
        reload('pending');
        reload('draft');
        submitted.value = null;
      }
      if (collection === 'events' || collection === 'event_actions') reload('workload');
    });
    client.subscribe('outbox', (change) => {
      if (change.state !== 'pending') {
        reload('pending');
        reload('workload');
      }
    });
    client.onState((s) => {
      if (s === 'open') reload('today');
    });
    reload('today');
    reload('pending');
  }

  return {
    today, draft, pending, workload, error, busy, submitted,
    start, reload, signIn, signOut, submitHandover, acknowledge, supervise,
  };
});
