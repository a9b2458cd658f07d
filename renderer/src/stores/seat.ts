// Who sits at this seat: operator name, role and seat id, sent by the station as the actor of every
// action. The role switch is for demonstration and training (值班长 / 轮值主任 / 部门联络员).
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { SeatIdentity } from '../../../native/api/contract';
import { stationClient } from '../transport/connect';
import { StationRequestError } from '../transport/station-client';

export type SeatRole = SeatIdentity['role'];
export const SEAT_ROLES: readonly SeatRole[] = ['duty_commander', 'duty_director', 'department_liaison'];

export const useSeatStore = defineStore('seat', () => {
  const identity = shallowRef<SeatIdentity | null>(null);
  const error = ref<string | null>(null);
  const saving = ref(false);

  async function load(): Promise<void> {
    try {
      identity.value = await stationClient().request('seat.identity');
      error.value = null;
    } catch (err) {
      error.value = err instanceof StationRequestError ? err.message : String(err);
    }
  }

  async function update(patch: Partial<SeatIdentity>): Promise<void> {
    const current = identity.value;
    if (!current) return;
    saving.value = true;
    try {
      identity.value = await stationClient().request('seat.setIdentity', { ...current, ...patch });
      error.value = null;
    } catch (err) {
      error.value = err instanceof StationRequestError ? err.message : String(err);
    } finally {
      saving.value = false;
    }
  }

  let started = false;
  function start(): void {
    if (started) return;
    started = true;
    stationClient().onState((s) => {
      if (s === 'open' && !identity.value) void load();
    });
    void load();
  }

  return { identity, error, saving, start, load, update, setRole: (role: SeatRole) => update({ role }) };
});
