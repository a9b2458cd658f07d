// A month of work for a fresh hub: events reported over the last 30 days, each walked through the
// closed loop by the same state machine the hub enforces (native/api/work-order.ts), at realistic
// handling times, leaving its full action trail. Most are archived; recent ones are still open, some
// overdue; a few took the side paths (returned, escalated, handed down, reopened, supervised, merged).
import type { Actor, ActionName, EventAction, GridEvent, Lists } from '../native/api/model.js';
import { suggestRoute, transition } from '../native/api/work-order.js';
import type { Rng } from './county/prng.js';
import { eventId, type Simulator } from './simulator.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface HistoryItem {
  /** The event as its last action left it. */
  event: GridEvent;
  /** Its trail, oldest first, each with the event as that action left it. */
  trail: { action: EventAction; result: GridEvent }[];
}

/** The duty room's people, as the trace names them. */
export const DUTY_COMMANDER: Actor = { role: 'duty_commander', name: '周明', seat: 'hub-seat-01' };
export const DUTY_DIRECTOR: Actor = { role: 'duty_director', name: '陈静', seat: 'hub-seat-01' };

export function liaisonOf(department: string | null, lists: Pick<Lists, 'departments'>): Actor {
  const d = lists.departments.find((x) => x.code === department);
  return { role: 'department_liaison', name: d ? `${d.name}联络员` : '部门联络员', seat: null };
}

/** A uuid (version 4 layout) from the seeded generator, so a seed reproduces the same trail. */
export function seededUuid(rng: Rng): string {
  const b = Array.from({ length: 16 }, () => rng.int(0, 255));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Where an open event's walk stops (it is still being worked on), weighted. */
const OPEN_STOPS: readonly (readonly [StopAt, number])[] = [
  ['reported', 14],
  ['accepted', 10],
  ['dispatched', 22],
  ['in_progress', 26],
  ['handled', 12],
  ['escalated', 8],
  ['returned', 5],
  ['reopened', 3],
  ['verified', 4],
];
type StopAt = 'reported' | 'accepted' | 'dispatched' | 'in_progress' | 'handled' | 'escalated' | 'returned' | 'reopened' | 'verified' | 'archived';

/** Walks one event through the loop, action by action, with the clock moving forward. */
class Walk {
  event: GridEvent;
  t: number;
  readonly trail: HistoryItem['trail'] = [];

  constructor(
    start: GridEvent,
    private readonly rng: Rng,
    private readonly lists: Lists,
    private readonly sim: Simulator,
  ) {
    this.event = start;
    this.t = start.reportedAt;
  }

  /** Advance the clock by minutes in [lo, hi]. */
  wait(lo: number, hi: number): void {
    this.t += Math.round(this.rng.range(lo, hi) * MINUTE);
  }

  act(action: ActionName, actor: Actor, reason: string | null = null, payload: Record<string, unknown> = {}): void {
    const r = transition(this.event, { action, actor, reason, payload }, this.t, { departments: this.lists.departments });
    if (!r.ok) throw new Error(`history: ${action} on ${this.event.id} (${this.event.state}) refused: ${r.message}`);
    const action_: EventAction = {
      id: seededUuid(this.rng), eventId: this.event.id, action, fromState: this.event.state, toState: r.toState,
      actor, reason: reason?.trim() ? reason.trim() : null, payload, at: this.t,
      clientAt: this.t - this.rng.int(0, 1500), version: r.event.version,
    };
    this.event = r.event;
    this.trail.push({ action: action_, result: r.event });
  }

  commander(): Actor {
    return this.rng.chance(0.8) ? DUTY_COMMANDER : DUTY_DIRECTOR;
  }

  dispatch(): void {
    const route = suggestRoute(this.event.category, this.event.severity, this.event.level, this.lists, this.t);
    if (!route) throw new Error(`history: no route for ${this.event.category} at ${this.event.level}`);
    this.act('dispatch', this.commander(), null, { department: route.department, deadlineAt: route.deadlineAt });
  }

  /** The time limit of the current dispatch, ms. */
  limitMs(): number {
    const dispatched = [...this.trail].reverse().find((x) => x.action.action === 'dispatch');
    return this.event.deadlineAt && dispatched ? this.event.deadlineAt - dispatched.action.at : 24 * HOUR;
  }
}

/**
 * `count` events reported over the last `days` days before `now`, numbered from `firstSerial` in the
 * order they were reported, each with its trail. Every action is checked by `transition`; none lies in
 * the future.
 */
export function seedHistory(sim: Simulator, count: number, firstSerial: number, now: number, days = 30): HistoryItem[] {
  const rng = sim.rngForHistory;
  const lists = sim.lists;
  const plans: { reportedAt: number; stop: StopAt }[] = [];
  for (let i = 0; i < count; i++) {
    if (rng.chance(0.16)) {
      plans.push({ reportedAt: Math.round(now - rng.range(20 * MINUTE, 5 * DAY)), stop: rng.weighted(OPEN_STOPS) });
    } else {
      plans.push({ reportedAt: Math.round(now - rng.range(4 * DAY, days * DAY)), stop: 'archived' });
    }
  }
  plans.sort((a, b) => a.reportedAt - b.reportedAt);
  const items: HistoryItem[] = [];
  for (let i = 0; i < plans.length; i++) {
    const plan = plans[i]!;
    let start = sim.reported(plan.reportedAt, firstSerial + i);
    if (start.id !== eventId(plan.reportedAt, firstSerial + i)) throw new Error('history: id mismatch');
    // Duplicates: now and then someone reports again what was reported a little earlier (another caller,
    // another patrol); the duty room merges the repeat into the first report.
    const earlier = start.source === 'ai_video' || plan.stop !== 'archived' || !rng.chance(0.03) ? undefined
      : items.slice(-30).find((x) => x.event.state !== 'merged' && start.reportedAt - x.event.reportedAt < 3 * DAY);
    if (earlier) {
      const e = earlier.event;
      start = { ...start, category: e.category, title: e.title, gridCode: e.gridCode, position: e.position, address: e.address, level: asFirstReported(earlier).level };
    }
    const walk = new Walk(start, rng, lists, sim);
    if (earlier) {
      walk.wait(3, 30);
      walk.act('merge', walk.commander(), `与 ${earlier.event.id} 为同一事项，合并办理`, { mergedInto: earlier.event.id });
    } else {
      play(walk, plan.stop, now, rng, lists, sim);
    }
    items.push({ event: walk.event, trail: walk.trail });
  }
  return items;
}

/** The event as it was first reported (before any action). */
function asFirstReported(item: HistoryItem): GridEvent {
  return item.trail[0] ? { ...item.event, level: levelAtReport(item) } : item.event;
}

function levelAtReport(item: HistoryItem): GridEvent['level'] {
  // The first action's result carries the level it started at, unless that action was an escalation.
  const first = item.trail[0];
  if (!first) return item.event.level;
  return first.action.action === 'escalate' || first.action.action === 'hand_down' ? item.event.level : first.result.level;
}

/** The loop for one event up to `stop`; stops early rather than act in the future. */
function play(w: Walk, stop: StopAt, now: number, rng: Rng, lists: Lists, sim: Simulator): void {
  const room = (lo: number, hi: number): boolean => {
    w.wait(lo, hi);
    return w.t < now;
  };
  if (stop === 'reported' || !room(3, 40)) return;
  w.act('accept', w.commander());
  if (stop === 'accepted') return;
  // 上提: some are beyond the town's means; a few handed back down (下交) once the county looks at them.
  if (w.event.level !== 'county' && (stop === 'escalated' || rng.chance(0.06))) {
    if (!room(10, 90)) return;
    w.act('escalate', w.commander(), '超出本级处置能力，申请上提');
    if (stop === 'escalated') return;
    if (rng.chance(0.3)) {
      if (!room(30, 240)) return;
      w.act('hand_down', DUTY_DIRECTOR, '经研判属下级职责范围，下交办理');
    }
  }
  if (!room(5, 60)) return;
  w.dispatch();
  if (stop === 'dispatched') return;
  // 退回: the wrong department gives it back; redispatched.
  if (stop === 'returned' || rng.chance(0.05)) {
    if (!room(20, 180)) return;
    w.act('return', liaisonOf(w.event.department, lists), '不属于本部门职责，申请退回');
    if (stop === 'returned') return;
    if (!room(10, 60)) return;
    w.dispatch();
  }
  let reopened = false;
  for (;;) {
    if (!room(30, 360)) return;
    w.act('start', liaisonOf(w.event.department, lists));
    if (stop === 'in_progress' && !reopened) return;
    // Most finish within the limit; some run late (and a late one may be supervised on the way).
    const share = rng.chance(0.1) ? rng.range(1.05, 1.8) : rng.range(0.15, 0.85);
    const duration = Math.max(20, (share * w.limitMs()) / MINUTE - 60);
    if (share > 1 && rng.chance(0.5)) {
      if (!room(duration * 0.9, duration * 0.95)) return;
      w.act('supervise', DUTY_DIRECTOR, '已超期，督办');
      if (!room(duration * 0.05, duration * 0.1)) return;
    } else if (!room(duration * 0.9, duration * 1.1)) return;
    w.act('feedback', liaisonOf(w.event.department, lists), rng.pick(FEEDBACK_NOTES));
    if (stop === 'handled') return;
    if (!room(60, 20 * 60)) return;
    const worker = sim.workerIn(w.event.gridCode);
    const verifier: typeof DUTY_COMMANDER = worker ? { role: 'grid_worker', name: worker.name, seat: null } : DUTY_COMMANDER;
    if (!reopened && (stop === 'reopened' || rng.chance(0.04))) {
      w.act('reopen', verifier, '回访核查未处置到位，群众不满意');
      reopened = true;
      if (stop === 'reopened') return;
      if (!room(10, 90)) return;
      w.dispatch();
      continue;
    }
    w.act('verify', verifier);
    break;
  }
  if (stop === 'verified') return;
  if (!room(60, 12 * 60)) return;
  w.act('evaluate', w.commander(), null, { rating: rng.weighted(RATINGS) });
  if (!room(60, 24 * 60)) return;
  w.act('archive', w.commander());
}

const RATINGS: readonly (readonly [number, number])[] = [[5, 62], [4, 28], [3, 7], [2, 2], [1, 1]];

const FEEDBACK_NOTES = [
  '已到现场处置完毕，现场已恢复。',
  '已联系当事人整改到位，并加强巡查。',
  '已安排人员清理，后续纳入日常巡查。',
  '已完成维修，经现场检查运行正常。',
  '已组织双方调解，达成一致意见。',
] as const;
