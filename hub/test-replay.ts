// For the hub's tests: rebuilds an event's history from its trail alone, the way an auditor would. The
// event as reported is the stored one with the loop's fields reset (its level undone by the escalations and
// hand-downs in the trail); each action is then replayed through the shared state machine at its own time.
import { HandlingLevel, type EventAction, type GridEvent } from '../native/api/model.js';
import { transition } from '../native/api/work-order.js';

export function asReported(event: GridEvent, trail: readonly EventAction[]): GridEvent {
  const shift = trail.filter((a) => a.action === 'hand_down').length - trail.filter((a) => a.action === 'escalate').length;
  const levels = HandlingLevel.options;
  const level = levels[levels.indexOf(event.level) + shift];
  if (!level) throw new Error(`${event.id}: the trail's escalations do not fit level ${event.level}`);
  return {
    ...event, state: 'reported', version: 1, updatedAt: event.reportedAt, department: null, level, deadlineAt: null,
    supervised: false, mergedInto: null, rating: null, closedAt: null,
  };
}

/** Replays the trail; resolves to the event it produces, or throws naming the first action that disagrees. */
export function replayTrail(event: GridEvent, trail: readonly EventAction[]): GridEvent {
  let cur = asReported(event, trail);
  for (const a of trail) {
    if (a.fromState !== cur.state) throw new Error(`${event.id} v${a.version}: action ${a.action} says from ${a.fromState}, replay is at ${cur.state}`);
    const r = transition(cur, { action: a.action, actor: a.actor, reason: a.reason, payload: a.payload }, a.at);
    if (!r.ok) throw new Error(`${event.id} v${a.version}: ${a.action} refused on replay: ${r.message}`);
    if (r.toState !== a.toState || r.event.version !== a.version) throw new Error(`${event.id}: ${a.action} replays to ${r.toState} v${r.event.version}`);
    cur = r.event;
  }
  return cur;
}
