import { describe, expect, it } from 'vitest';
import type { CallInfo, CallNotice, CallTarget, ParticipantState } from '../../native/calls/protocol.js';
import { CallDesk, CallError, REASONS, type Party } from './call-desk.js';

const RING_MS = 30_000;
const COMMANDER: Party = { key: 'seat:cmd', kind: 'seat', name: '值班长', role: 'duty_commander', departmentCode: null };
const worker = (id: string): Party => ({ key: `worker:${id}`, kind: 'worker', name: `网格员${id}`, role: 'grid_worker', departmentCode: null });
const liaison = (seat: string, dept: string): Party => ({ key: `seat:${seat}`, kind: 'seat', name: `联络员${seat}`, role: 'department_liaison', departmentCode: dept });
const W = (id: string): CallTarget => ({ kind: 'worker', workerId: id });
const D = (code: string): CallTarget => ({ kind: 'department', departmentCode: code });

function setup(online: Party[] = []) {
  let t = 1_000_000;
  let ids = 0;
  const notices: { key: string; notice: CallNotice }[] = [];
  const left: string[] = [];
  const ended: CallInfo[] = [];
  const desk = new CallDesk({
    now: () => t,
    newId: () => `c${++ids}`,
    ringMs: RING_MS,
    workerName: (id) => (['w1', 'w2', 'w3'].includes(id) ? `网格员${id}` : null),
    departmentName: (code) => ({ urban_mgmt: '城管局', water: '水务局' })[code] ?? null,
    send: (key, notice) => notices.push({ key, notice }),
    left: (callId, key) => left.push(`${callId}/${key}`),
    ended: (call) => ended.push(call),
  });
  desk.connect(COMMANDER);
  for (const p of online) desk.connect(p);
  return {
    desk, notices, left, ended,
    advance: (ms: number) => {
      t += ms;
      desk.expire();
    },
    dial: (...targets: CallTarget[]) => desk.dial(COMMANDER.key, `c${++ids}`, { targets, eventId: 'EV1', title: '现场核查' }),
  };
}

function states(call: CallInfo | null | undefined): Record<string, [ParticipantState, string | null]> {
  return Object.fromEntries((call?.participants ?? []).map((p) => [p.key, [p.state, p.reason]]));
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    if (err instanceof CallError) return err.code;
    throw err;
  }
  return 'accepted';
}

describe('CallDesk outcomes', () => {
  type Row = {
    name: string;
    online: Party[];
    targets: CallTarget[];
    act: (s: ReturnType<typeof setup>, callId: string) => void;
    outcome: CallInfo['outcome'];
    states: Record<string, [ParticipantState, string | null]>;
  };
  const rows: Row[] = [
    {
      name: 'a worker answers, the commander hangs up: completed',
      online: [worker('w1')], targets: [W('w1')],
      act: (s, id) => { s.desk.answer('worker:w1', id); s.desk.leave(COMMANDER.key, id); },
      outcome: 'completed',
      states: { 'seat:cmd': ['left', REASONS.hungUp], 'worker:w1': ['left', REASONS.callEnded] },
    },
    {
      name: 'a worker answers and hangs up: the commander is alone, the call ends completed',
      online: [worker('w1')], targets: [W('w1')],
      act: (s, id) => { s.desk.answer('worker:w1', id); s.desk.leave('worker:w1', id); },
      outcome: 'completed',
      states: { 'seat:cmd': ['left', REASONS.callEnded], 'worker:w1': ['left', REASONS.hungUp] },
    },
    {
      name: 'the only worker declines: declined',
      online: [worker('w1')], targets: [W('w1')],
      act: (s, id) => s.desk.decline('worker:w1', id),
      outcome: 'declined',
      states: { 'seat:cmd': ['left', REASONS.callEnded], 'worker:w1': ['declined', REASONS.declined] },
    },
    {
      name: 'nobody answers in 30 s: missed, unanswered',
      online: [worker('w1')], targets: [W('w1')],
      act: (s) => { s.advance(RING_MS - 1); s.advance(1); },
      outcome: 'unanswered',
      states: { 'seat:cmd': ['left', REASONS.callEnded], 'worker:w1': ['missed', REASONS.noAnswer(RING_MS)] },
    },
    {
      name: 'an offline worker is missed at once and the call ends unanswered',
      online: [], targets: [W('w1')],
      act: () => undefined,
      outcome: 'unanswered',
      states: { 'seat:cmd': ['left', REASONS.callEnded], 'worker:w1': ['missed', REASONS.workerOffline] },
    },
    {
      name: 'one declines, one never answers: unanswered',
      online: [worker('w1'), worker('w2')], targets: [W('w1'), W('w2')],
      act: (s, id) => { s.desk.decline('worker:w1', id); s.advance(RING_MS); },
      outcome: 'unanswered',
      states: { 'seat:cmd': ['left', REASONS.callEnded], 'worker:w1': ['declined', REASONS.declined], 'worker:w2': ['missed', REASONS.noAnswer(RING_MS)] },
    },
    {
      name: 'both decline: declined',
      online: [worker('w1'), worker('w2')], targets: [W('w1'), W('w2')],
      act: (s, id) => { s.desk.decline('worker:w1', id); s.desk.decline('worker:w2', id); },
      outcome: 'declined',
      states: { 'seat:cmd': ['left', REASONS.callEnded], 'worker:w1': ['declined', REASONS.declined], 'worker:w2': ['declined', REASONS.declined] },
    },
    {
      name: 'a department with no liaison seat online is missed under its own key',
      online: [worker('w1')], targets: [W('w1'), D('urban_mgmt')],
      act: (s, id) => { s.desk.answer('worker:w1', id); s.desk.leave(COMMANDER.key, id); },
      outcome: 'completed',
      states: { 'seat:cmd': ['left', REASONS.hungUp], 'worker:w1': ['left', REASONS.callEnded], 'department:urban_mgmt': ['missed', REASONS.noLiaison] },
    },
    {
      name: "one liaison seat answers for its department: the department's other seat stops ringing",
      online: [liaison('l1', 'water'), liaison('l2', 'water'), liaison('l3', 'urban_mgmt')], targets: [D('water')],
      act: (s, id) => { s.desk.answer('seat:l2', id); s.desk.leave('seat:l2', id); },
      outcome: 'completed',
      states: { 'seat:cmd': ['left', REASONS.callEnded], 'seat:l1': ['missed', REASONS.answeredElsewhere], 'seat:l2': ['left', REASONS.hungUp] },
    },
    {
      name: 'a joined worker whose link drops leaves; the commander alone ends it',
      online: [worker('w1')], targets: [W('w1')],
      act: (s, id) => { s.desk.answer('worker:w1', id); s.desk.disconnect('worker:w1'); },
      outcome: 'completed',
      states: { 'seat:cmd': ['left', REASONS.callEnded], 'worker:w1': ['left', REASONS.linkLost] },
    },
    {
      name: 'a ringing worker whose link drops is missed',
      online: [worker('w1')], targets: [W('w1')],
      act: (s) => s.desk.disconnect('worker:w1'),
      outcome: 'unanswered',
      states: { 'seat:cmd': ['left', REASONS.callEnded], 'worker:w1': ['missed', REASONS.linkLost] },
    },
    {
      name: 'the SFU dies mid-call: failed',
      online: [worker('w1')], targets: [W('w1')],
      act: (s, id) => { s.desk.answer('worker:w1', id); s.desk.failAll('SFU gone'); },
      outcome: 'failed',
      states: { 'seat:cmd': ['left', 'SFU gone'], 'worker:w1': ['left', 'SFU gone'] },
    },
  ];

  it.each(rows)('$name', (row) => {
    const s = setup(row.online);
    const call = s.dial(...row.targets);
    row.act(s, call.id);
    expect(s.ended).toHaveLength(1);
    const [end] = s.ended;
    expect(end?.outcome).toBe(row.outcome);
    expect(end?.endedAt).not.toBeNull();
    expect(states(end)).toEqual(row.states);
    // Everyone ever joined is told to drop their media; nothing rings any more.
    expect(s.left).toEqual(expect.arrayContaining(end!.participants.filter((p) => p.joinedAt !== null).map((p) => `${call.id}/${p.key}`)));
    expect(s.desk.nextDeadline()).toBeNull();
    expect(s.desk.live()).toEqual([]);
    expect(refusal(() => s.desk.answer('worker:w1', call.id))).toBe('wrong_state');
  });
});

describe('CallDesk notices and rules', () => {
  it('rings new parties with `ring`, tells everyone else with `call`, including the one who just left', () => {
    const s = setup([worker('w1'), worker('w2')]);
    const call = s.dial(W('w1'), W('w2'));
    expect(s.notices.map((n) => `${n.key}:${n.notice.notice}`)).toEqual(['seat:cmd:call', 'worker:w1:ring', 'worker:w2:ring']);
    s.notices.length = 0;
    s.desk.answer('worker:w1', call.id);
    s.desk.decline('worker:w2', call.id);
    expect(s.notices.map((n) => `${n.key}:${n.notice.notice}`)).toEqual([
      'seat:cmd:call', 'worker:w1:call', 'worker:w2:call',
      'seat:cmd:call', 'worker:w1:call', 'worker:w2:call',
    ]);
    const last = s.notices.at(-1)!.notice;
    expect(last.notice === 'call' && states(last.call)['worker:w2']).toEqual(['declined', REASONS.declined]);
    expect(s.desk.live()).toHaveLength(1);
  });

  it('only duty commanders and directors dial; targets must exist', () => {
    const s = setup([worker('w1'), liaison('l1', 'water')]);
    expect(refusal(() => s.desk.dial('seat:l1', 'x1', { targets: [W('w1')], eventId: null, title: '' }))).toBe('forbidden');
    expect(refusal(() => s.desk.dial('worker:w1', 'x2', { targets: [D('water')], eventId: null, title: '' }))).toBe('forbidden');
    expect(refusal(() => s.desk.dial('seat:ghost', 'x3', { targets: [W('w1')], eventId: null, title: '' }))).toBe('not_signed_in');
    expect(refusal(() => s.dial(W('w9')))).toBe('not_found');
    expect(refusal(() => s.dial(D('nowhere')))).toBe('not_found');
    expect(s.notices).toEqual([]);
    const director: Party = { ...COMMANDER, key: 'seat:dir', role: 'duty_director' };
    s.desk.connect(director);
    expect(s.desk.dial(director.key, 'x4', { targets: [W('w1')], eventId: null, title: '' }).initiator).toBe('seat:dir');
  });

  it('answer, decline and media need the right state', () => {
    const s = setup([worker('w1'), worker('w2')]);
    const call = s.dial(W('w1'), W('w2'));
    expect(refusal(() => s.desk.requireJoined(call.id, 'worker:w1'))).toBe('wrong_state');
    expect(refusal(() => s.desk.requireJoined(call.id, 'worker:w3'))).toBe('forbidden');
    expect(refusal(() => s.desk.answer('worker:w3', call.id))).toBe('forbidden');
    expect(refusal(() => s.desk.answer('worker:w1', 'nope'))).toBe('not_found');
    s.desk.answer('worker:w1', call.id);
    expect(refusal(() => s.desk.answer('worker:w1', call.id))).toBe('wrong_state');
    expect(refusal(() => s.desk.decline('worker:w1', call.id))).toBe('wrong_state');
    expect(refusal(() => s.desk.requireJoined(call.id, 'worker:w1'))).toBe('accepted');
    // A worker may not invite; the commander may, and a declined party rings again.
    s.desk.decline('worker:w2', call.id);
    expect(refusal(() => s.desk.invite('worker:w1', call.id, [W('w2')]))).toBe('forbidden');
    const again = s.desk.invite(COMMANDER.key, call.id, [W('w2'), W('w1')]);
    expect(states(again)).toEqual({ 'seat:cmd': ['joined', null], 'worker:w1': ['joined', null], 'worker:w2': ['ringing', null] });
    expect(s.notices.at(-1)).toMatchObject({ key: 'worker:w2', notice: { notice: 'ring' } });
  });

  it('a reconnecting party gets its live calls back; producers are told to everyone once', () => {
    const s = setup([worker('w1')]);
    const call = s.dial(W('w1'));
    expect(s.desk.connect(worker('w1')).map((c) => c.id)).toEqual([call.id]);
    s.desk.answer('worker:w1', call.id);
    s.notices.length = 0;
    const producers = [{ id: 'p1', kind: 'video' as const, paused: false }];
    s.desk.setProducers(call.id, 'worker:w1', producers);
    s.desk.setProducers(call.id, 'worker:w1', producers);
    expect(s.notices.map((n) => n.key)).toEqual(['seat:cmd', 'worker:w1']);
    expect(s.desk.get(call.id)?.participants.find((p) => p.key === 'worker:w1')?.producers).toEqual(producers);
    // Leaving clears what a participant sent.
    s.desk.leave('worker:w1', call.id);
    expect(s.ended[0]?.participants.find((p) => p.key === 'worker:w1')?.producers).toEqual([]);
  });

  it('a group call goes on when one worker drops', () => {
    const s = setup([worker('w1'), worker('w2')]);
    const call = s.dial(W('w1'), W('w2'));
    s.desk.answer('worker:w1', call.id);
    s.desk.answer('worker:w2', call.id);
    s.notices.length = 0;
    s.desk.disconnect('worker:w2');
    expect(s.left).toEqual([`${call.id}/worker:w2`]);
    expect(s.ended).toEqual([]);
    expect(s.notices.map((n) => n.key)).toEqual(['seat:cmd', 'worker:w1']);
    expect(states(s.desk.get(call.id))['worker:w2']).toEqual(['left', REASONS.linkLost]);
    expect(s.desk.isConnected('worker:w2')).toBe(false);
  });

  it('the next ring deadline follows the earliest ring', () => {
    const s = setup([worker('w1'), worker('w2')]);
    expect(s.desk.nextDeadline()).toBeNull();
    const call = s.dial(W('w1'));
    const first = s.desk.nextDeadline();
    expect(first).toBe(1_000_000 + RING_MS);
    s.advance(10_000);
    s.desk.invite(COMMANDER.key, call.id, [W('w2')]);
    expect(s.desk.nextDeadline()).toBe(first);
    s.advance(RING_MS - 10_000);
    expect(states(s.desk.get(call.id))).toEqual({ 'seat:cmd': ['joined', null], 'worker:w1': ['missed', REASONS.noAnswer(RING_MS)], 'worker:w2': ['ringing', null] });
    expect(s.desk.nextDeadline()).toBe(1_000_000 + 10_000 + RING_MS);
  });
});
