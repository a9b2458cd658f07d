// The handover summary (交接班摘要): what the outgoing duty director's shift saw — new, overdue, escalated
// and supervised work, open incidents and the timeline's alarms and calls. Pure: the caller reads the cache.
import type { EventAction, GridEvent, HandoverItem, HandoverSummary, IncidentLogEntry } from '../api/model.js';
import { dayStart } from '../api/stats-window.js';

const HOUR = 3_600_000;
/** The day shift starts at 08:30 county time (UTC+8). */
export const SHIFT_START_MS = 8 * HOUR + 30 * 60_000;

/**
 * When the current shift began: the last handover at this level if it came after today's 08:30, else the
 * latest 08:30 (yesterday's before 08:30 in the morning).
 */
export function shiftStart(now: number, lastHandoverAt: number | null): number {
  let start = dayStart(now) + SHIFT_START_MS;
  if (start > now) start -= 24 * HOUR;
  return lastHandoverAt !== null && lastHandoverAt > start && lastHandoverAt <= now ? lastHandoverAt : start;
}

export interface ShiftFacts {
  from: number;
  to: number;
  /** Events reported in [from, to). */
  reported: readonly GridEvent[];
  /** Open work whose deadline has passed at `to`. */
  overdue: readonly GridEvent[];
  /** Every action applied in [from, to). */
  actions: readonly EventAction[];
  /** The events the actions name (as they are now). */
  events: ReadonlyMap<string, GridEvent>;
  incidentsOpen: number;
  /** Incident timeline entries in [from, to). */
  log: readonly IncidentLogEntry[];
}

const CLOSING = new Set(['verify', 'archive']);

function item(e: Pick<GridEvent, 'id' | 'title' | 'state' | 'department'>): HandoverItem {
  return { id: e.id, title: e.title, state: e.state, department: e.department };
}

/** The events the shift's actions of one kind touched, in the order first touched, each once. */
function touched(f: ShiftFacts, action: EventAction['action']): HandoverItem[] {
  const seen = new Set<string>();
  const out: HandoverItem[] = [];
  for (const a of f.actions) {
    if (a.action !== action || seen.has(a.eventId)) continue;
    seen.add(a.eventId);
    const e = f.events.get(a.eventId);
    // The trace may arrive before its event: list it with what the action says.
    out.push(e ? item(e) : { id: a.eventId, title: a.eventId, state: a.toState, department: null });
  }
  return out;
}

export function buildHandoverSummary(f: ShiftFacts): HandoverSummary {
  const newEvents = f.reported.filter((e) => e.reportedAt >= f.from && e.reportedAt < f.to).map(item);
  const overdue = f.overdue.map(item);
  const escalated = touched(f, 'escalate');
  const supervised = touched(f, 'supervise');
  const inShift = f.log.filter((l) => l.at >= f.from && l.at < f.to);
  const countLog = (kind: IncidentLogEntry['kind']): number => inShift.filter((l) => l.kind === kind).length;
  const closed = new Set(f.actions.filter((a) => CLOSING.has(a.action)).map((a) => a.eventId)).size;
  return {
    from: f.from, to: f.to, newEvents, overdue, escalated, supervised, incidentsOpen: f.incidentsOpen,
    counts: {
      newEvents: newEvents.length, overdue: overdue.length, escalated: escalated.length, supervised: supervised.length,
      closed, actions: f.actions.length, alarms: countLog('alarm'), calls: countLog('call'), notes: countLog('note'),
      incidentsDeclared: countLog('declared'), incidentsStoodDown: countLog('stood_down'),
    },
  };
}
