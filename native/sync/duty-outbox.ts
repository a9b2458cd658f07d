// The duty and incident writes (issue 7) as the outbox keeps them: the hub request plus where it goes
// (the handover, incident or roster day in the path), and how the hub's answer reaches the cache.
import { z } from 'zod';
import type { OutboxError, OutboxEntry } from '../api/contract.js';
import { DutyLevel } from '../api/model.js';
import type { Store } from '../store/store.js';
import type { HubDutyWriter, WriteOutcome } from './hub-client.js';
import {
  HandoverAckRequest, HandoverCreateRequest, IncidentDeclareRequest, IncidentLogRequest, IncidentStandDownRequest, RosterPutRequest,
  type SyncCollection,
} from './hub-protocol.js';

export type DutyKind = Exclude<OutboxEntry['kind'], 'transition' | 'create'>;

export const DUTY_KINDS: readonly DutyKind[] = ['roster', 'handover', 'handover_ack', 'incident_declare', 'incident_log', 'incident_stand_down'];

export function isDutyKind(kind: OutboxEntry['kind']): kind is DutyKind {
  return (DUTY_KINDS as readonly string[]).includes(kind);
}

/** The stored body of each duty write: `target` names the path's ids, `request` is sent as is. */
export const dutyBody = {
  roster: z.object({
    target: z.object({ date: z.string(), level: DutyLevel, townCode: z.string().nullable() }),
    request: RosterPutRequest,
  }),
  handover: z.object({ target: z.object({}), request: HandoverCreateRequest }),
  handover_ack: z.object({ target: z.object({ id: z.string().min(1) }), request: HandoverAckRequest }),
  incident_declare: z.object({ target: z.object({}), request: IncidentDeclareRequest }),
  incident_log: z.object({ target: z.object({ id: z.string().min(1) }), request: IncidentLogRequest }),
  incident_stand_down: z.object({ target: z.object({ id: z.string().min(1) }), request: IncidentStandDownRequest }),
} as const satisfies Record<DutyKind, z.ZodType>;

export type DutyBody<K extends DutyKind> = z.infer<(typeof dutyBody)[K]>;

/** Which cache collections a duty write's answer touches (for 'data.changed'). */
export const DUTY_COLLECTIONS: Readonly<Record<DutyKind, readonly SyncCollection[]>> = {
  roster: ['roster'],
  handover: ['handovers'],
  handover_ack: ['handovers'],
  incident_declare: ['incidents', 'incident_log'],
  incident_log: ['incident_log'],
  incident_stand_down: ['incidents', 'incident_log'],
};

/** The result of sending one duty write: 'sent', 'rejected' with why, or thrown (network: stays pending). */
export type DutySendResult = { state: 'sent'; apply(): void } | { state: 'rejected'; error: OutboxError };

function settle<T>(outcome: WriteOutcome<T>, apply: (value: T) => void): DutySendResult {
  switch (outcome.kind) {
    case 'ok':
      return { state: 'sent', apply: () => apply(outcome.value) };
    case 'conflict':
      return { state: 'rejected', error: outcome.conflict.error };
    case 'refused':
      return { state: 'rejected', error: { code: outcome.code, message: outcome.message } };
  }
}

/**
 * Sends one stored duty write; on success `apply` puts the hub's answer into the cache (the caller runs it
 * in the transaction that ends the outbox row; the pull that follows moves it on). A body this seat can no longer read is rejected rather than retried for ever.
 */
export async function sendDutyWrite(kind: DutyKind, body: unknown, hub: HubDutyWriter, store: Store): Promise<DutySendResult> {
  const bad: DutySendResult = { state: 'rejected', error: { code: 'bad_body', message: 'the stored request no longer matches the hub protocol' } };
  switch (kind) {
    case 'roster': {
      const b = dutyBody.roster.safeParse(body);
      if (!b.success) return bad;
      const { date, level, townCode } = b.data.target;
      return settle(await hub.putRoster(date, level, townCode, b.data.request), (v) => store.duty.applyRoster(v.entry));
    }
    case 'handover': {
      const b = dutyBody.handover.safeParse(body);
      if (!b.success) return bad;
      return settle(await hub.postHandover(b.data.request), (v) => store.duty.applyHandover(v.handover));
    }
    case 'handover_ack': {
      const b = dutyBody.handover_ack.safeParse(body);
      if (!b.success) return bad;
      return settle(await hub.ackHandover(b.data.target.id, b.data.request), (v) => store.duty.applyHandover(v.handover));
    }
    case 'incident_declare': {
      const b = dutyBody.incident_declare.safeParse(body);
      if (!b.success) return bad;
      return settle(await hub.declareIncident(b.data.request), (v) => {
        store.duty.applyIncident(v.incident);
        store.duty.upsertLog(v.entry, 0);
      });
    }
    case 'incident_log': {
      const b = dutyBody.incident_log.safeParse(body);
      if (!b.success) return bad;
      return settle(await hub.logIncident(b.data.target.id, b.data.request), (v) => store.duty.upsertLog(v.entry, 0));
    }
    case 'incident_stand_down': {
      const b = dutyBody.incident_stand_down.safeParse(body);
      if (!b.success) return bad;
      return settle(await hub.standDownIncident(b.data.target.id, b.data.request), (v) => {
        store.duty.applyIncident(v.incident);
        store.duty.upsertLog(v.entry, 0);
      });
    }
  }
}
