// The work-order state machine of the closed loop (闭环): which action may move an event from which state,
// by whom, with what reason and payload. Pure and shared: the hub enforces it, the station and renderer ask it.
import { z } from 'zod';
import {
  ActionName, Actor, HandlingLevel, type ActorRole, type Department, type EventState, type GridEvent,
} from './model.js';

export { deadlineStatus, formatCountdown, isOverdue, warningWindowMs, DEADLINE_STATES, type DeadlineStatus } from './deadlines.js';
export { suggestRoute, severityFactor, listProblems, type RouteSuggestion, type RoutingLists } from './routing.js';

/** Neither archived nor merged: the work order still lives. */
export function isOpen(state: EventState): boolean {
  return state !== 'archived' && state !== 'merged';
}

/** Closed for statistics (办结): verified, evaluated or archived. */
export function isClosed(state: EventState): boolean {
  return state === 'verified' || state === 'evaluated' || state === 'archived';
}

export const TransitionErrorCode = z.enum([
  'forbidden_transition', 'forbidden_role', 'missing_reason', 'bad_payload', 'version_conflict',
]);
export type TransitionErrorCode = z.infer<typeof TransitionErrorCode>;

/** What an actor asks for. `expectedVersion`, when given, must equal the event's version. */
export const TransitionRequest = z.object({
  action: ActionName,
  actor: Actor,
  reason: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  expectedVersion: z.number().int().min(1).optional(),
});
export type TransitionRequest = z.infer<typeof TransitionRequest>;

export type TransitionResult =
  | { ok: true; event: GridEvent; toState: EventState }
  | { ok: false; code: TransitionErrorCode; message: string };

/** Optional knowledge the caller has: with departments given, dispatch must name one of them. */
export interface TransitionContext {
  departments?: readonly Pick<Department, 'code'>[];
}

/** Payload schemas per action; actions not listed take an empty payload (extra keys are ignored). */
export const ActionPayloads = {
  merge: z.object({ mergedInto: z.string().trim().min(1) }),
  dispatch: z.object({ department: z.string().trim().min(1), deadlineAt: z.number().int().nonnegative() }),
  evaluate: z.object({ rating: z.number().int().min(1).max(5) }),
} as const;
export type MergePayload = z.infer<typeof ActionPayloads.merge>;
export type DispatchPayload = z.infer<typeof ActionPayloads.dispatch>;
export type EvaluatePayload = z.infer<typeof ActionPayloads.evaluate>;

const COMMAND: readonly ActorRole[] = ['duty_commander', 'duty_director'];

interface Rule {
  from: readonly EventState[];
  /** null = the state does not change (supervise). */
  to: EventState | null;
  roles: readonly ActorRole[];
  needsReason: boolean;
}

const OPEN_BUT_REPORTED: readonly EventState[] = [
  'accepted', 'dispatched', 'in_progress', 'handled', 'verified', 'evaluated', 'returned', 'escalated', 'reopened',
];

/** The transition table (the design's, verbatim). Level conditions for escalate/hand_down live in `levelBlock`. */
export const TRANSITIONS: Readonly<Record<ActionName, Rule>> = {
  accept: { from: ['reported'], to: 'accepted', roles: COMMAND, needsReason: false },
  merge: { from: ['reported', 'accepted'], to: 'merged', roles: COMMAND, needsReason: true },
  dispatch: { from: ['accepted', 'returned', 'reopened', 'escalated'], to: 'dispatched', roles: COMMAND, needsReason: false },
  return: { from: ['dispatched'], to: 'returned', roles: ['department_liaison'], needsReason: true },
  start: { from: ['dispatched'], to: 'in_progress', roles: ['department_liaison'], needsReason: false },
  feedback: { from: ['in_progress'], to: 'handled', roles: ['department_liaison'], needsReason: true },
  verify: { from: ['handled'], to: 'verified', roles: ['grid_worker', 'duty_commander'], needsReason: false },
  reopen: { from: ['handled'], to: 'reopened', roles: ['grid_worker', 'duty_commander'], needsReason: true },
  evaluate: { from: ['verified'], to: 'evaluated', roles: COMMAND, needsReason: false },
  archive: { from: ['evaluated'], to: 'archived', roles: COMMAND, needsReason: false },
  escalate: {
    from: ['accepted', 'dispatched', 'in_progress', 'returned'], to: 'escalated',
    roles: ['duty_commander', 'duty_director', 'department_liaison'], needsReason: true,
  },
  hand_down: { from: ['escalated', 'accepted'], to: 'accepted', roles: COMMAND, needsReason: true },
  supervise: { from: OPEN_BUT_REPORTED, to: null, roles: ['duty_director', 'duty_commander'], needsReason: true },
};

export const ACTION_NAMES: readonly ActionName[] = ActionName.options;

const LEVELS = HandlingLevel.options; // village < town < county

/** The level above, or null at county. */
export function levelUp(level: HandlingLevel): HandlingLevel | null {
  return LEVELS[LEVELS.indexOf(level) + 1] ?? null;
}

/** The level below, or null at village. */
export function levelDown(level: HandlingLevel): HandlingLevel | null {
  const i = LEVELS.indexOf(level);
  return i > 0 ? (LEVELS[i - 1] ?? null) : null;
}

/** Labels for the UI and for error messages. */
export const STATE_LABELS: Readonly<Record<EventState, { zh: string; en: string }>> = {
  reported: { zh: '已上报', en: 'reported' },
  accepted: { zh: '已受理', en: 'accepted' },
  dispatched: { zh: '已派遣', en: 'dispatched' },
  in_progress: { zh: '处置中', en: 'in progress' },
  handled: { zh: '已处置', en: 'handled' },
  verified: { zh: '已核查', en: 'verified' },
  evaluated: { zh: '已评价', en: 'evaluated' },
  archived: { zh: '已结案', en: 'archived' },
  returned: { zh: '已退回', en: 'returned' },
  escalated: { zh: '已上提', en: 'escalated' },
  reopened: { zh: '已重办', en: 'reopened' },
  merged: { zh: '已合并', en: 'merged' },
};

export const ACTION_LABELS: Readonly<Record<ActionName, { zh: string; en: string }>> = {
  accept: { zh: '受理', en: 'Accept' },
  merge: { zh: '合并', en: 'Merge' },
  dispatch: { zh: '派遣', en: 'Dispatch' },
  return: { zh: '退回', en: 'Return' },
  start: { zh: '开始处置', en: 'Start' },
  feedback: { zh: '处置反馈', en: 'Feedback' },
  verify: { zh: '核查通过', en: 'Verify' },
  reopen: { zh: '核查不通过', en: 'Reopen' },
  evaluate: { zh: '评价', en: 'Evaluate' },
  archive: { zh: '结案', en: 'Archive' },
  escalate: { zh: '上提', en: 'Escalate' },
  hand_down: { zh: '下交', en: 'Hand down' },
  supervise: { zh: '督办', en: 'Supervise' },
};

export const ROLE_LABELS: Readonly<Record<ActorRole, { zh: string; en: string }>> = {
  duty_commander: { zh: '值班长', en: 'duty commander' },
  duty_director: { zh: '轮值主任', en: 'duty director' },
  department_liaison: { zh: '部门联络员', en: 'department liaison' },
  administrator: { zh: '系统管理员', en: 'administrator' },
  viewer: { zh: '只读', en: 'viewer' },
  grid_worker: { zh: '网格员', en: 'grid worker' },
  system: { zh: '系统', en: 'system' },
};

const stateName = (s: EventState): string => `'${s}' (${STATE_LABELS[s].zh})`;

/** Why the event's level forbids the action, or null. Escalate needs a level above; hand_down one below. */
function levelBlock(action: ActionName, event: GridEvent): string | null {
  if (action === 'escalate' && levelUp(event.level) === null) return 'it is already at county level (已在县级)';
  if (action === 'hand_down' && levelDown(event.level) === null) return 'it is already at village level (已在村级)';
  return null;
}

/** May this action be taken from the event's state (and level), regardless of who asks? */
function stateAllows(action: ActionName, event: GridEvent): boolean {
  return TRANSITIONS[action].from.includes(event.state) && levelBlock(action, event) === null;
}

/** The actions this role may take on the event now — the buttons the console shows. */
export function allowedActions(event: GridEvent, role: ActorRole): ActionName[] {
  return ACTION_NAMES.filter((a) => stateAllows(a, event) && TRANSITIONS[a].roles.includes(role));
}

/** The actions anyone may take from the event's state (for messages). */
function actionsFromState(event: GridEvent): ActionName[] {
  return ACTION_NAMES.filter((a) => stateAllows(a, event));
}

function fail(code: TransitionErrorCode, message: string): TransitionResult {
  return { ok: false, code, message };
}

/**
 * Apply one action to an event. Checks, in order: version, state (and level), role, reason, payload.
 * On success returns the next event (version+1, updatedAt=now); on refusal nothing changes.
 */
export function transition(
  event: GridEvent, request: TransitionRequest, now: number, context: TransitionContext = {},
): TransitionResult {
  const { action, actor } = request;
  const rule = (TRANSITIONS as Partial<Record<string, Rule>>)[action];
  if (!rule) return fail('forbidden_transition', `Unknown action '${String(action)}'.`);

  if (request.expectedVersion !== undefined && request.expectedVersion !== event.version) {
    return fail('version_conflict',
      `Event ${event.id} changed meanwhile (版本冲突): expected version ${request.expectedVersion}, it is now ${event.version} in state ${stateName(event.state)}.`);
  }

  if (!rule.from.includes(event.state)) {
    const allowed = actionsFromState(event);
    return fail('forbidden_transition',
      `Cannot ${action} (${ACTION_LABELS[action].zh}) an event in state ${stateName(event.state)}; allowed from this state: ${allowed.length ? allowed.join(', ') : 'none (closed)'}.`);
  }
  const blocked = levelBlock(action, event);
  if (blocked) {
    const allowed = actionsFromState(event);
    return fail('forbidden_transition',
      `Cannot ${action} (${ACTION_LABELS[action].zh}) event ${event.id}: ${blocked}; allowed from state ${stateName(event.state)}: ${allowed.join(', ') || 'none'}.`);
  }

  if (!rule.roles.includes(actor.role)) {
    return fail('forbidden_role',
      `A ${ROLE_LABELS[actor.role].en} (${ROLE_LABELS[actor.role].zh}) may not ${action} (${ACTION_LABELS[action].zh}); only: ${rule.roles.map((r) => ROLE_LABELS[r].en).join(', ')}.`);
  }

  const reason = request.reason?.trim() ? request.reason.trim() : null;
  if (rule.needsReason && reason === null) {
    return fail('missing_reason', `${ACTION_LABELS[action].en} (${ACTION_LABELS[action].zh}) needs a reason (请填写理由).`);
  }

  const next: GridEvent = { ...event, version: event.version + 1, updatedAt: now };
  if (rule.to !== null) next.state = rule.to;

  switch (action) {
    case 'merge': {
      const p = ActionPayloads.merge.safeParse(request.payload);
      if (!p.success) return fail('bad_payload', 'Merge needs payload.mergedInto: the id of the event to merge into (请选择合并到的事件).');
      if (p.data.mergedInto === event.id) return fail('bad_payload', `Event ${event.id} cannot be merged into itself (不能合并到自身).`);
      next.mergedInto = p.data.mergedInto;
      break;
    }
    case 'dispatch': {
      const p = ActionPayloads.dispatch.safeParse(request.payload);
      if (!p.success) return fail('bad_payload', 'Dispatch needs payload.department (a department code) and payload.deadlineAt (epoch ms) (请选择责任单位和办结时限).');
      if (p.data.deadlineAt <= now) {
        return fail('bad_payload', `Dispatch deadline ${new Date(p.data.deadlineAt).toISOString()} is not in the future (办结时限须晚于当前时间).`);
      }
      if (context.departments && !context.departments.some((d) => d.code === p.data.department)) {
        return fail('bad_payload', `Unknown department '${p.data.department}' (未知责任单位).`);
      }
      next.department = p.data.department;
      next.deadlineAt = p.data.deadlineAt;
      break;
    }
    case 'return':
      // Wrong department: it gives the work back; the trace keeps who it was.
      next.department = null;
      next.deadlineAt = null;
      break;
    case 'reopen':
      // The clock restarts at the next dispatch.
      next.deadlineAt = null;
      break;
    case 'verify':
      next.closedAt = now;
      break;
    case 'evaluate': {
      const p = ActionPayloads.evaluate.safeParse(request.payload);
      if (!p.success) return fail('bad_payload', 'Evaluate needs payload.rating: an integer from 1 to 5 (评分须为 1–5 的整数).');
      next.rating = p.data.rating;
      break;
    }
    case 'escalate':
    case 'hand_down': {
      // levelBlock above guarantees a level exists in that direction.
      next.level = (action === 'escalate' ? levelUp(event.level) : levelDown(event.level)) ?? event.level;
      next.department = null;
      next.deadlineAt = null;
      break;
    }
    case 'supervise':
      next.supervised = true;
      break;
    case 'accept':
    case 'start':
    case 'feedback':
    case 'archive':
      break;
  }
  return { ok: true, event: next, toState: next.state };
}
