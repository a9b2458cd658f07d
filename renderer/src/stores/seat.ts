// Who sits at this seat: operator name, role and seat id, sent by the station as the actor of every
// action. The role switch is for demonstration and training (值班长 / 轮值主任 / 部门联络员 / 系统管理员 /
// 只读). What a role may write is the shared table in native/api/permissions.ts: controls ask `allows`.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { SeatIdentity } from '../../../native/api/contract';
import type { WriteKind } from '../../../native/api/model';
import { can, whyNot } from '../../../native/api/permissions';
import { stationClient } from '../transport/connect';
import { StationRequestError } from '../transport/station-client';

export type SeatRole = SeatIdentity['role'];
export const SEAT_ROLES: readonly SeatRole[] = ['duty_commander', 'duty_director', 'department_liaison', 'administrator', 'viewer'];

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

  /** Whether this seat's role may make the write (false until the identity is known). */
  const allows = (write: WriteKind): boolean => !!identity.value && can(identity.value.role, write);
  /** Why not, in the operator's language, for a disabled control's tooltip and note; null when allowed. */
  function reason(write: WriteKind, locale: string): string | null {
    if (!identity.value) return null;
    return reasonText(whyNot(identity.value.role, write), locale);
  }

  return { identity, error, saving, start, load, update, allows, reason, setRole: (role: SeatRole) => update({ role }) };
});

function reasonText(why: ReturnType<typeof whyNot>, locale: string): string | null {
  if (!why) return null;
  return locale === 'en' ? why.en : why.zh;
}
