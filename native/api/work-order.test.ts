// The work-order state machine against the design's table, written out here independently of the module's
// own table: every (action × from-state) pair, every role, reasons, payloads, levels and versions.
import { describe, expect, it } from 'vitest';
import { ActionName, ActorRole, EventState, GridEvent, type HandlingLevel } from './model.js';
import {
  allowedActions, isClosed, isOpen, levelDown, levelUp, transition, type TransitionRequest, type TransitionResult,
} from './work-order.js';

const NOW = Date.UTC(2026, 10, 22, 6, 0, 0);
const HOUR = 3_600_000;

function event(over: Partial<GridEvent> = {}): GridEvent {
  return GridEvent.parse({
    id: 'ev-1', title: '流动摊贩占道经营', category: 'street_vending', source: 'grid_worker', severity: 2,
    state: 'reported', gridCode: '321023100001', position: [119.31, 33.24], address: '宝应县安宜镇叶挺路',
    reportedAt: NOW - 5 * HOUR, updatedAt: NOW - 4 * HOUR, department: null, level: 'town', deadlineAt: null,
    supervised: false, mergedInto: null, cameraId: null, snapshot: null, detection: null, reporter: '王芳',
    description: '', rating: null, closedAt: null, version: 3, ...over,
  });
}

/** The design's table, verbatim: action → from-states → to-state (null = unchanged) and roles. */
const TABLE: Record<ActionName, { from: EventState[]; to: EventState | null; roles: ActorRole[] }> = {
  accept: { from: ['reported'], to: 'accepted', roles: ['duty_commander', 'duty_director'] },
  merge: { from: ['reported', 'accepted'], to: 'merged', roles: ['duty_commander', 'duty_director'] },
  dispatch: { from: ['accepted', 'returned', 'reopened', 'escalated'], to: 'dispatched', roles: ['duty_commander', 'duty_director'] },
  return: { from: ['dispatched'], to: 'returned', roles: ['department_liaison'] },
  start: { from: ['dispatched'], to: 'in_progress', roles: ['department_liaison'] },
  feedback: { from: ['in_progress'], to: 'handled', roles: ['department_liaison'] },
  verify: { from: ['handled'], to: 'verified', roles: ['grid_worker', 'duty_commander'] },
  reopen: { from: ['handled'], to: 'reopened', roles: ['grid_worker', 'duty_commander'] },
  evaluate: { from: ['verified'], to: 'evaluated', roles: ['duty_commander', 'duty_director'] },
  archive: { from: ['evaluated'], to: 'archived', roles: ['duty_commander', 'duty_director'] },
  escalate: {
    from: ['accepted', 'dispatched', 'in_progress', 'returned'], to: 'escalated',
    roles: ['duty_commander', 'duty_director', 'department_liaison'],
  },
  hand_down: { from: ['escalated', 'accepted'], to: 'accepted', roles: ['duty_commander', 'duty_director'] },
  supervise: {
    from: ['accepted', 'dispatched', 'in_progress', 'handled', 'verified', 'evaluated', 'returned', 'escalated', 'reopened'],
    to: null, roles: ['duty_director', 'duty_commander'],
  },
};

const GOOD_PAYLOAD: Partial<Record<ActionName, Record<string, unknown>>> = {
  merge: { mergedInto: 'ev-0' },
  dispatch: { department: 'urban_mgmt', deadlineAt: NOW + 24 * HOUR },
  evaluate: { rating: 5 },
};

function request(action: ActionName, role: ActorRole, over: Partial<TransitionRequest> = {}): TransitionRequest {
  return {
    action, actor: { role, name: '张伟', seat: 'seat-1' }, reason: '理由', payload: GOOD_PAYLOAD[action] ?? {}, ...over,
  };
}

function ok(r: TransitionResult): Extract<TransitionResult, { ok: true }> {
  if (!r.ok) throw new Error(`expected success, got ${r.code}: ${r.message}`);
  return r;
}

const pairs = ActionName.options.flatMap((action) => EventState.options.map((from) => ({ action, from })));

describe('every (action × from-state) pair', () => {
  it('covers 13 actions × 12 states', () => expect(pairs).toHaveLength(156));

  it.each(pairs)('$action from $from', ({ action, from }) => {
    const rule = TABLE[action];
    const before = event({ state: from });
    const r = transition(before, request(action, rule.roles[0] ?? 'duty_commander'), NOW);
    if (rule.from.includes(from)) {
      const next = ok(r).event;
      expect(next.state).toBe(rule.to ?? from);
      expect(r.ok && r.toState).toBe(next.state);
      expect(next.version).toBe(before.version + 1);
      expect(next.updatedAt).toBe(NOW);
      expect(GridEvent.safeParse(next).success).toBe(true);
    } else {
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.code).toBe('forbidden_transition');
        expect(r.message).toContain(`'${from}'`);
      }
    }
    expect(before.state).toBe(from); // the input is never mutated
  });
});

describe('roles', () => {
  const cases = ActionName.options.flatMap((action) => ActorRole.options.map((role) => ({ action, role })));
  it.each(cases)('$action by $role', ({ action, role }) => {
    const rule = TABLE[action];
    const from = rule.from[0] ?? 'reported';
    const r = transition(event({ state: from }), request(action, role), NOW);
    if (rule.roles.includes(role)) expect(ok(r).event.version).toBe(4);
    else {
      expect(r).toMatchObject({ ok: false, code: 'forbidden_role' });
      if (!r.ok) expect(r.message).toMatch(/may not/);
    }
  });

  it('system (hub intake) may take no action', () => {
    for (const state of EventState.options) expect(allowedActions(event({ state }), 'system')).toEqual([]);
  });
});

describe('reasons', () => {
  const needing: ActionName[] = ['merge', 'return', 'feedback', 'reopen', 'escalate', 'hand_down', 'supervise'];
  it.each(ActionName.options)('%s', (action) => {
    const rule = TABLE[action];
    const from = rule.from[0] ?? 'reported';
    for (const reason of [null, '', '   ']) {
      const r = transition(event({ state: from }), request(action, rule.roles[0] ?? 'duty_commander', { reason }), NOW);
      if (needing.includes(action)) expect(r).toMatchObject({ ok: false, code: 'missing_reason' });
      else expect(r.ok).toBe(true);
    }
  });
});

describe('payloads', () => {
  const cmd = 'duty_commander' as const;
  it.each([
    ['rating 0', 'verified', 'evaluate', { rating: 0 }],
    ['rating 6', 'verified', 'evaluate', { rating: 6 }],
    ['rating 4.5', 'verified', 'evaluate', { rating: 4.5 }],
    ['rating missing', 'verified', 'evaluate', {}],
    ['deadline in the past', 'accepted', 'dispatch', { department: 'urban_mgmt', deadlineAt: NOW - 1 }],
    ['deadline now', 'accepted', 'dispatch', { department: 'urban_mgmt', deadlineAt: NOW }],
    ['dispatch without department', 'accepted', 'dispatch', { deadlineAt: NOW + HOUR }],
    ['dispatch with blank department', 'accepted', 'dispatch', { department: ' ', deadlineAt: NOW + HOUR }],
    ['dispatch without deadline', 'accepted', 'dispatch', { department: 'urban_mgmt' }],
    ['merge into itself', 'reported', 'merge', { mergedInto: 'ev-1' }],
    ['merge without target', 'reported', 'merge', {}],
  ] as const)('%s → bad_payload', (_name, state, action, payload) => {
    const before = event({ state });
    const r = transition(before, request(action, cmd, { payload }), NOW);
    expect(r).toMatchObject({ ok: false, code: 'bad_payload' });
    expect(before).toEqual(event({ state }));
  });

  it('dispatch to a department not in the known list is refused when the list is given', () => {
    const req = request('dispatch', cmd, { payload: { department: 'nope', deadlineAt: NOW + HOUR } });
    const departments = [{ code: 'urban_mgmt' }];
    expect(transition(event({ state: 'accepted' }), req, NOW, { departments })).toMatchObject({ ok: false, code: 'bad_payload' });
    expect(transition(event({ state: 'accepted' }), req, NOW).ok).toBe(true);
  });

  it('dispatch sets department and deadline; evaluate sets rating; merge sets mergedInto', () => {
    const d = ok(transition(event({ state: 'accepted' }), request('dispatch', cmd), NOW)).event;
    expect(d).toMatchObject({ department: 'urban_mgmt', deadlineAt: NOW + 24 * HOUR });
    const e = ok(transition(event({ state: 'verified' }), request('evaluate', cmd, { payload: { rating: 3 } }), NOW)).event;
    expect(e.rating).toBe(3);
    const m = ok(transition(event(), request('merge', cmd), NOW)).event;
    expect(m).toMatchObject({ state: 'merged', mergedInto: 'ev-0' });
  });
});

describe('side effects', () => {
  const cmd = 'duty_commander' as const;

  it('verify sets closedAt; evaluate and archive keep it', () => {
    const v = ok(transition(event({ state: 'handled' }), request('verify', cmd), NOW)).event;
    expect(v.closedAt).toBe(NOW);
    const e = ok(transition(v, request('evaluate', cmd), NOW + HOUR)).event;
    const a = ok(transition(e, request('archive', cmd), NOW + 2 * HOUR)).event;
    expect(a).toMatchObject({ state: 'archived', closedAt: NOW, version: v.version + 2 });
    expect(isOpen(a.state)).toBe(false);
  });

  it('merge keeps closedAt (null for a duplicate)', () => {
    expect(ok(transition(event(), request('merge', cmd), NOW)).event.closedAt).toBeNull();
  });

  it('return clears department and deadline (wrong department)', () => {
    const before = event({ state: 'dispatched', department: 'water', deadlineAt: NOW + HOUR });
    const r = ok(transition(before, request('return', 'department_liaison'), NOW)).event;
    expect(r).toMatchObject({ state: 'returned', department: null, deadlineAt: null });
  });

  it('reopen clears the deadline, keeps the department', () => {
    const before = event({ state: 'handled', department: 'water', deadlineAt: NOW - HOUR });
    expect(ok(transition(before, request('reopen', 'grid_worker'), NOW)).event).toMatchObject({
      state: 'reopened', department: 'water', deadlineAt: null,
    });
  });

  it('supervise sets the flag and keeps the state; may be renewed', () => {
    const s = ok(transition(event({ state: 'in_progress' }), request('supervise', 'duty_director'), NOW)).event;
    expect(s).toMatchObject({ state: 'in_progress', supervised: true, version: 4 });
    expect(ok(transition(s, request('supervise', 'duty_director'), NOW)).event.version).toBe(5);
  });

  it('start and feedback keep department and deadline', () => {
    const d = event({ state: 'dispatched', department: 'water', deadlineAt: NOW + HOUR });
    const s = ok(transition(d, request('start', 'department_liaison'), NOW)).event;
    const f = ok(transition(s, request('feedback', 'department_liaison'), NOW)).event;
    expect(f).toMatchObject({ state: 'handled', department: 'water', deadlineAt: NOW + HOUR, closedAt: null });
  });
});

describe('levels (上提下交)', () => {
  const cmd = 'duty_commander' as const;
  const up: [HandlingLevel, HandlingLevel | null][] = [['village', 'town'], ['town', 'county'], ['county', null]];

  it.each(up)('escalate from %s → %s', (level, expected) => {
    const r = transition(event({ state: 'dispatched', level, department: 'x', deadlineAt: NOW + HOUR }), request('escalate', cmd), NOW);
    if (expected === null) {
      expect(r).toMatchObject({ ok: false, code: 'forbidden_transition' });
      if (!r.ok) expect(r.message).toMatch(/county/);
    } else {
      expect(ok(r).event).toMatchObject({ state: 'escalated', level: expected, department: null, deadlineAt: null });
    }
  });

  const down: [HandlingLevel, HandlingLevel | null][] = [['county', 'town'], ['town', 'village'], ['village', null]];
  it.each(down)('hand_down from %s → %s', (level, expected) => {
    for (const state of ['accepted', 'escalated'] as const) {
      const r = transition(event({ state, level }), request('hand_down', cmd), NOW);
      if (expected === null) expect(r).toMatchObject({ ok: false, code: 'forbidden_transition' });
      else expect(ok(r).event).toMatchObject({ state: 'accepted', level: expected });
    }
  });

  it('levelUp / levelDown', () => {
    expect([levelUp('village'), levelUp('town'), levelUp('county')]).toEqual(['town', 'county', null]);
    expect([levelDown('village'), levelDown('town'), levelDown('county')]).toEqual([null, 'village', 'town']);
  });
});

describe('versions', () => {
  it('a matching expectedVersion applies; a stale one is a version_conflict and changes nothing', () => {
    const before = event({ version: 7 });
    expect(ok(transition(before, request('accept', 'duty_commander', { expectedVersion: 7 }), NOW)).event.version).toBe(8);
    const r = transition(before, request('accept', 'duty_commander', { expectedVersion: 6 }), NOW);
    expect(r).toMatchObject({ ok: false, code: 'version_conflict' });
    if (!r.ok) expect(r.message).toMatch(/expected version 6.*now 7/);
    expect(before.version).toBe(7);
  });

  it('version conflict is reported before an out-of-order action', () => {
    const r = transition(event({ state: 'archived' }), request('accept', 'duty_commander', { expectedVersion: 1 }), NOW);
    expect(r).toMatchObject({ ok: false, code: 'version_conflict' });
  });

  it('two seats acting on the same version: the second sees the conflict', () => {
    const base = event({ state: 'accepted' });
    const first = ok(transition(base, request('dispatch', 'duty_commander', { expectedVersion: 3 }), NOW)).event;
    const second = transition(first, request('merge', 'duty_director', { expectedVersion: 3 }), NOW);
    expect(second).toMatchObject({ ok: false, code: 'version_conflict' });
  });

  it('a full loop bumps the version once per action', () => {
    let e = event();
    const steps: [ActionName, ActorRole][] = [
      ['accept', 'duty_commander'], ['dispatch', 'duty_commander'], ['start', 'department_liaison'],
      ['feedback', 'department_liaison'], ['verify', 'grid_worker'], ['evaluate', 'duty_director'], ['archive', 'duty_director'],
    ];
    for (const [action, role] of steps) e = ok(transition(e, request(action, role, { expectedVersion: e.version }), NOW)).event;
    expect(e).toMatchObject({ state: 'archived', version: 3 + steps.length, closedAt: NOW, rating: 5 });
  });
});

describe('messages', () => {
  it('forbidden_transition names the state and the allowed actions', () => {
    const r = transition(event({ state: 'reported' }), request('dispatch', 'duty_commander'), NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toContain("'reported'");
      expect(r.message).toContain('已上报');
      expect(r.message).toContain('accept, merge');
    }
  });

  it('a closed event says none are allowed', () => {
    const r = transition(event({ state: 'archived' }), request('supervise', 'duty_director'), NOW);
    if (r.ok) throw new Error('expected refusal');
    expect(r.message).toMatch(/none \(closed\)/);
  });

  it('unknown action at runtime is refused, not thrown', () => {
    const r = transition(event(), { ...request('accept', 'duty_commander'), action: 'delete' as ActionName }, NOW);
    expect(r).toMatchObject({ ok: false, code: 'forbidden_transition' });
  });
});

describe('allowedActions', () => {
  it.each([
    ['reported', 'duty_commander', 'town', ['accept', 'merge']],
    ['accepted', 'duty_commander', 'town', ['merge', 'dispatch', 'escalate', 'hand_down', 'supervise']],
    ['accepted', 'duty_commander', 'village', ['merge', 'dispatch', 'escalate', 'supervise']],
    ['accepted', 'duty_commander', 'county', ['merge', 'dispatch', 'hand_down', 'supervise']],
    ['dispatched', 'department_liaison', 'town', ['return', 'start', 'escalate']],
    ['in_progress', 'department_liaison', 'town', ['feedback', 'escalate']],
    ['handled', 'grid_worker', 'town', ['verify', 'reopen']],
    ['handled', 'duty_director', 'town', ['supervise']],
    ['verified', 'duty_director', 'town', ['evaluate', 'supervise']],
    ['archived', 'duty_director', 'town', []],
    ['merged', 'duty_commander', 'town', []],
  ] as const)('%s for %s at %s', (state, role, level, expected) => {
    expect(allowedActions(event({ state, level }), role)).toEqual(expected);
  });

  it('agrees with transition() for every state × role × level', () => {
    for (const state of EventState.options) {
      for (const role of ActorRole.options) {
        for (const level of ['village', 'town', 'county'] as const) {
          const e = event({ state, level });
          const allowed = allowedActions(e, role);
          for (const action of ActionName.options) expect(transition(e, request(action, role), NOW).ok).toBe(allowed.includes(action));
        }
      }
    }
  });
});

describe('isOpen / isClosed', () => {
  it.each(EventState.options)('%s', (state) => {
    expect(isOpen(state)).toBe(state !== 'archived' && state !== 'merged');
    expect(isClosed(state)).toBe(['verified', 'evaluated', 'archived'].includes(state));
  });
});
