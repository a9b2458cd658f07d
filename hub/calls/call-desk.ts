// Video dispatch calls (视频调度) as state: who is connected, which calls run, who rings, who joined, and
// how each call ends. Pure: the clock, ids and the way notices leave are handed in; sockets and the SFU
// live in call-server.ts and sfu.ts.
import type { ActorRole } from '../../native/api/model.js';
import { can, whyNotText } from '../../native/api/permissions.js';
import {
  participantKey, type CallErrorCode, type CallInfo, type CallNotice, type CallOutcome, type CallTarget, type MediaKind,
  type Participant,
} from '../../native/calls/protocol.js';

/** A refusal the call socket answers with an error frame: a protocol code and words for a person. */
export class CallError extends Error {
  override readonly name = 'CallError';
  constructor(readonly code: CallErrorCode, message: string) {
    super(message);
  }
}

/** Someone signed in on the call socket. */
export interface Party {
  key: string;
  kind: 'worker' | 'seat';
  name: string;
  role: ActorRole;
  departmentCode: string | null;
}

export interface CallDeskOptions {
  now: () => number;
  newId: () => string;
  /** How long a party rings before it counts as missed. */
  ringMs: number;
  /** A grid worker's name, or null when the county has no such worker. */
  workerName: (workerId: string) => string | null;
  /** A department's name, or null when the lists have no such department. */
  departmentName: (code: string) => string | null;
  /** Hands a notice to a connected party. */
  send: (key: string, notice: CallNotice) => void;
  /** A participant stopped being joined (left, link lost, call ended): its media must go. */
  left: (callId: string, key: string) => void;
  /** A call ended: its room must go. */
  ended: (call: CallInfo) => void;
}

export const REASONS = {
  workerOffline: '网格员不在线 / worker offline',
  noLiaison: '部门联络员不在线 / no liaison seat online',
  declined: '已拒绝 / declined',
  hungUp: '已挂断 / hung up',
  linkLost: '连接中断 / link lost',
  callEnded: '通话已结束 / call ended',
  answeredElsewhere: '已由本部门其他席位接听 / answered at another seat of the department',
  noAnswer: (ms: number) => `${Math.round(ms / 1000)} 秒无人接听 / no answer in ${Math.round(ms / 1000)} s`,
} as const;

/** Ended calls kept for answers like "that call has ended" instead of "no such call". */
const ENDED_KEPT = 200;

interface Ringing {
  since: number;
  /** The department whose liaison seat this ring is for; null for a worker. */
  forDepartment: string | null;
}

interface CallState {
  info: CallInfo;
  rings: Map<string, Ringing>;
}

export class CallDesk {
  private readonly parties = new Map<string, Party>();
  private readonly calls = new Map<string, CallState>();
  private readonly endedIds: string[] = [];

  constructor(private readonly opts: CallDeskOptions) {}

  /** A party signed in (or signed in again): answers the live calls it is in or rung by. */
  connect(party: Party): CallInfo[] {
    this.parties.set(party.key, party);
    return this.callsOf(party.key);
  }

  isConnected(key: string): boolean {
    return this.parties.has(key);
  }

  /** A party's socket went: it leaves every call at once. */
  disconnect(key: string): void {
    if (!this.parties.delete(key)) return;
    for (const state of [...this.calls.values()]) {
      const p = participant(state, key);
      if (!p || state.info.endedAt !== null || (p.state !== 'joined' && p.state !== 'ringing')) continue;
      this.change(state, () => this.depart(state, p, p.state === 'joined' ? 'left' : 'missed', REASONS.linkLost));
    }
  }

  /** Live calls the party is joined in or rung by. */
  callsOf(key: string): CallInfo[] {
    const out: CallInfo[] = [];
    for (const state of this.calls.values()) {
      if (state.info.endedAt !== null) continue;
      const p = participant(state, key);
      if (p && (p.state === 'joined' || p.state === 'ringing')) out.push(clone(state.info));
    }
    return out;
  }

  get(callId: string): CallInfo | null {
    const state = this.calls.get(callId);
    return state ? clone(state.info) : null;
  }

  live(): CallInfo[] {
    return [...this.calls.values()].filter((s) => s.info.endedAt === null).map((s) => clone(s.info));
  }

  /** Throws unless this party may dial these targets now (checked before the SFU opens a room). */
  checkDial(from: string, targets: readonly CallTarget[]): void {
    const caller = this.party(from);
    if (caller.kind !== 'seat' || !can(caller.role, 'calls.dial')) {
      throw new CallError('forbidden', whyNotText(caller.role, 'calls.dial') ?? `A ${caller.role} may not place dispatch calls.`);
    }
    for (const t of targets) this.checkTarget(t);
  }

  dial(from: string, callId: string, params: { targets: readonly CallTarget[]; eventId: string | null; title: string }): CallInfo {
    this.checkDial(from, params.targets);
    if (this.calls.has(callId)) throw new CallError('internal', `call id ${callId} is taken`);
    const caller = this.party(from);
    const now = this.opts.now();
    const state: CallState = {
      info: {
        id: callId, eventId: params.eventId, title: params.title, initiator: from, createdAt: now,
        answeredAt: null, endedAt: null, outcome: null,
        participants: [{ ...partyFields(caller), state: 'joined', reason: null, joinedAt: now, leftAt: null, producers: [] }],
      },
      rings: new Map(),
    };
    this.calls.set(callId, state);
    this.change(state, () => this.ring(state, params.targets));
    return clone(state.info);
  }

  invite(from: string, callId: string, targets: readonly CallTarget[]): CallInfo {
    const state = this.liveCall(callId);
    const inviter = this.joined(state, from);
    const party = this.party(from);
    if (party.kind !== 'seat' || !can(party.role, 'calls.dial')) {
      throw new CallError('forbidden', whyNotText(party.role, 'calls.dial') ?? `${inviter.name} may not invite others.`);
    }
    for (const t of targets) this.checkTarget(t);
    this.change(state, () => this.ring(state, targets));
    return clone(state.info);
  }

  answer(key: string, callId: string): CallInfo {
    const state = this.liveCall(callId);
    const p = this.ringing(state, key);
    this.change(state, () => {
      const now = this.opts.now();
      const ring = state.rings.get(key);
      state.rings.delete(key);
      Object.assign(p, { state: 'joined', reason: null, joinedAt: now, leftAt: null });
      state.info.answeredAt ??= now;
      // One liaison answers for the department: the department's other seats stop ringing.
      if (ring?.forDepartment) {
        for (const [other, r] of [...state.rings]) {
          if (r.forDepartment !== ring.forDepartment) continue;
          const sibling = participant(state, other);
          if (sibling) this.depart(state, sibling, 'missed', REASONS.answeredElsewhere);
        }
      }
    });
    return clone(state.info);
  }

  decline(key: string, callId: string): CallInfo {
    const state = this.liveCall(callId);
    const p = this.ringing(state, key);
    this.change(state, () => this.depart(state, p, 'declined', REASONS.declined));
    return clone(state.info);
  }

  leave(key: string, callId: string): CallInfo {
    const state = this.liveCall(callId);
    const p = participant(state, key);
    if (!p || (p.state !== 'joined' && p.state !== 'ringing')) throw new CallError('wrong_state', `${key} is not in call ${callId}`);
    this.change(state, () => this.depart(state, p, p.state === 'joined' ? 'left' : 'declined', p.state === 'joined' ? REASONS.hungUp : REASONS.declined));
    return clone(state.info);
  }

  /** What a participant sends now (after produce, pause, resume, close): everyone in the call is told. */
  setProducers(callId: string, key: string, producers: { id: string; kind: MediaKind; paused: boolean }[]): void {
    const state = this.calls.get(callId);
    const p = state && participant(state, key);
    if (!state || !p || state.info.endedAt !== null) return;
    if (JSON.stringify(p.producers) === JSON.stringify(producers)) return;
    this.change(state, () => (p.producers = producers.map((x) => ({ ...x }))));
  }

  /** Ends every live call with outcome 'failed' (the SFU's worker died). */
  failAll(reason: string): void {
    for (const state of [...this.calls.values()]) {
      if (state.info.endedAt === null) this.change(state, () => this.end(state, 'failed', reason));
    }
  }

  /** When the next ring runs out (epoch ms), or null when nothing rings. */
  nextDeadline(): number | null {
    let next: number | null = null;
    for (const state of this.calls.values()) {
      for (const r of state.rings.values()) next = Math.min(next ?? Infinity, r.since + this.opts.ringMs);
    }
    return next;
  }

  /** Marks rings that have run out as missed. */
  expire(): void {
    const now = this.opts.now();
    for (const state of [...this.calls.values()]) {
      const due = [...state.rings].filter(([, r]) => r.since + this.opts.ringMs <= now).map(([key]) => key);
      if (due.length === 0 || state.info.endedAt !== null) continue;
      this.change(state, () => {
        for (const key of due) {
          const p = participant(state, key);
          if (p) this.depart(state, p, 'missed', REASONS.noAnswer(this.opts.ringMs));
        }
      });
    }
  }

  /** Tells the parties, then ends the call if nobody but the initiator is left in it. */
  private change(state: CallState, mutate: () => void): void {
    const before = new Set(state.info.participants.filter(active).map((p) => p.key));
    const ringingBefore = new Set(state.rings.keys());
    const wasJoined = new Set(state.info.participants.filter((p) => p.state === 'joined').map((p) => p.key));
    mutate();
    if (state.info.endedAt === null) {
      const others = state.info.participants.filter((p) => p.key !== state.info.initiator && active(p));
      const initiator = participant(state, state.info.initiator);
      if (initiator?.state !== 'joined' || others.length === 0) this.end(state, null, REASONS.callEnded);
    }
    for (const p of state.info.participants) {
      if (wasJoined.has(p.key) && p.state !== 'joined') this.opts.left(state.info.id, p.key);
    }
    const info = clone(state.info);
    const recipients = new Set([...before, ...state.info.participants.filter(active).map((p) => p.key)]);
    for (const key of recipients) {
      // A party whose socket just went has no one to tell.
      if (!this.parties.has(key)) continue;
      const rungNow = state.rings.has(key) && !ringingBefore.has(key);
      this.opts.send(key, { notice: rungNow ? 'ring' : 'call', call: info });
    }
    if (state.info.endedAt !== null) {
      this.opts.ended(info);
      this.retire(state.info.id);
    }
  }

  /** Rings targets into a call: workers on their field page, departments at each liaison seat online. */
  private ring(state: CallState, targets: readonly CallTarget[]): void {
    const now = this.opts.now();
    const ringOne = (fields: Omit<Participant, 'state' | 'reason' | 'joinedAt' | 'leftAt' | 'producers'>, forDepartment: string | null) => {
      const existing = participant(state, fields.key);
      if (existing && (existing.state === 'joined' || existing.state === 'ringing')) return;
      const p: Participant = existing ?? { ...fields, state: 'ringing', reason: null, joinedAt: null, leftAt: null, producers: [] };
      Object.assign(p, { state: 'ringing', reason: null, leftAt: null });
      if (!existing) state.info.participants.push(p);
      state.rings.set(p.key, { since: now, forDepartment });
    };
    const missOne = (fields: Omit<Participant, 'state' | 'reason' | 'joinedAt' | 'leftAt' | 'producers'>, reason: string) => {
      const existing = participant(state, fields.key);
      if (existing && (existing.state === 'joined' || existing.state === 'ringing')) return;
      if (existing) Object.assign(existing, { state: 'missed', reason });
      else state.info.participants.push({ ...fields, state: 'missed', reason, joinedAt: null, leftAt: null, producers: [] });
    };
    for (const t of targets) {
      if (t.kind === 'worker') {
        const key = participantKey('worker', t.workerId);
        const fields = { key, kind: 'worker' as const, name: this.opts.workerName(t.workerId) ?? t.workerId, role: 'grid_worker' as const, departmentCode: null };
        if (this.parties.has(key)) ringOne(fields, null);
        else missOne(fields, REASONS.workerOffline);
        continue;
      }
      const seats = [...this.parties.values()].filter((p) => p.kind === 'seat' && p.departmentCode === t.departmentCode && p.key !== state.info.initiator);
      if (seats.length === 0) {
        missOne({
          key: participantKey('department', t.departmentCode), kind: 'seat', name: this.opts.departmentName(t.departmentCode) ?? t.departmentCode,
          role: 'department_liaison', departmentCode: t.departmentCode,
        }, REASONS.noLiaison);
        continue;
      }
      for (const seat of seats) ringOne(partyFields(seat), t.departmentCode);
    }
  }

  /** A participant stops being in the call (or stops ringing). */
  private depart(state: CallState, p: Participant, to: 'left' | 'declined' | 'missed', reason: string): void {
    state.rings.delete(p.key);
    const wasJoined = p.state === 'joined';
    Object.assign(p, { state: to, reason, leftAt: wasJoined ? this.opts.now() : p.leftAt, producers: wasJoined ? [] : p.producers });
  }

  private end(state: CallState, outcome: CallOutcome | null, reason: string): void {
    for (const p of state.info.participants) {
      if (p.state === 'joined') this.depart(state, p, 'left', reason);
      else if (p.state === 'ringing') this.depart(state, p, 'missed', reason);
    }
    const invitees = state.info.participants.filter((p) => p.key !== state.info.initiator);
    state.info.endedAt = this.opts.now();
    state.info.outcome = outcome
      ?? (state.info.answeredAt !== null ? 'completed'
        : invitees.length > 0 && invitees.every((p) => p.state === 'declined') ? 'declined'
          : 'unanswered');
  }

  private retire(callId: string): void {
    this.endedIds.push(callId);
    while (this.endedIds.length > ENDED_KEPT) this.calls.delete(this.endedIds.shift()!);
  }

  private checkTarget(t: CallTarget): void {
    if (t.kind === 'worker' && this.opts.workerName(t.workerId) === null) throw new CallError('not_found', `no grid worker ${t.workerId}`);
    if (t.kind === 'department' && this.opts.departmentName(t.departmentCode) === null) throw new CallError('not_found', `no department ${t.departmentCode}`);
  }

  private party(key: string): Party {
    const p = this.parties.get(key);
    if (!p) throw new CallError('not_signed_in', 'say hello first');
    return p;
  }

  private liveCall(callId: string): CallState {
    const state = this.calls.get(callId);
    if (!state) throw new CallError('not_found', `no call ${callId}`);
    if (state.info.endedAt !== null) throw new CallError('wrong_state', `call ${callId} has ended (${state.info.outcome ?? 'ended'})`);
    return state;
  }

  private joined(state: CallState, key: string): Participant {
    const p = participant(state, key);
    if (!p) throw new CallError('forbidden', `${key} is not in call ${state.info.id}`);
    if (p.state !== 'joined') throw new CallError('wrong_state', `${key} is ${p.state} in call ${state.info.id}, not joined`);
    return p;
  }

  private ringing(state: CallState, key: string): Participant {
    const p = participant(state, key);
    if (!p) throw new CallError('forbidden', `${key} is not rung by call ${state.info.id}`);
    if (p.state !== 'ringing') throw new CallError('wrong_state', `${key} is ${p.state} in call ${state.info.id}, not ringing`);
    return p;
  }

  /** Throws unless the party is joined in this live call: media requests need that. */
  requireJoined(callId: string, key: string): void {
    this.joined(this.liveCall(callId), key);
  }
}

function participant(state: CallState, key: string): Participant | undefined {
  return state.info.participants.find((p) => p.key === key);
}

function active(p: Participant): boolean {
  return p.state === 'joined' || p.state === 'ringing';
}

function partyFields(p: Party): Pick<Participant, 'key' | 'kind' | 'name' | 'role' | 'departmentCode'> {
  return { key: p.key, kind: p.kind, name: p.name, role: p.role, departmentCode: p.departmentCode };
}

function clone(info: CallInfo): CallInfo {
  return structuredClone(info);
}
