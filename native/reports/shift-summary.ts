// Reads the cache for the handover summary of the shift now ending (county level): since the last county
// handover after today's 08:30, else since 08:30 (UTC+8).
import type { HandoverSummary } from '../api/model.js';
import type { Store } from '../store/store.js';
import { buildHandoverSummary, shiftStart } from './handover-summary.js';

export function shiftSummary(store: Store, now: number): HandoverSummary {
  const last = store.duty.lastHandover('county', null);
  const from = shiftStart(now, last?.createdAt ?? null);
  const actions = store.shift.actionsBetween(from, now + 1);
  return buildHandoverSummary({
    from, to: now + 1,
    reported: store.shift.reportedBetween(from, now + 1),
    overdue: store.shift.liveDueBefore(now),
    actions,
    events: store.shift.events(new Set(actions.map((a) => a.eventId))),
    incidentsOpen: store.duty.activeIncidentCount(),
    log: store.duty.logBetween(from, now + 1),
  });
}
