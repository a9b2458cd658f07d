// The seat's video dispatch at the station: the call link to the hub, the live calls this seat is in or
// rung by (published on topic 'calls'), and the call log every sighting of a call is written to.
import type { CallsStatus, SeatIdentity } from '../api/contract.js';
import type { TopicBus } from '../api/bus.js';
import { CallLogRepo } from '../store/call-log.js';
import type { Store } from '../store/store.js';
import { CallLink, type CallLinkStatus } from './call-link.js';
import type { CallInfo, CallMethod, CallNotice, CallParams, CallResult } from './protocol.js';
import type { BackoffOptions } from '../sync/backoff.js';

export interface StationCallsOptions {
  store: Store;
  bus: TopicBus;
  hubUrl: string;
  identity(): SeatIdentity;
  now?: () => number;
  backoff?: BackoffOptions;
  log?: (line: string) => void;
}

/** Whether this seat is still a party to the call: ringing or joined (after leaving, the hub stops telling it). */
function stillIn(call: CallInfo, selfKey: string | null): boolean {
  if (call.endedAt !== null) return false;
  const me = call.participants.find((p) => p.key === selfKey);
  return me === undefined ? selfKey === null : me.state === 'ringing' || me.state === 'joined';
}

export class StationCalls {
  readonly log: CallLogRepo;
  private readonly link: CallLink;
  private readonly live = new Map<string, CallInfo>();
  private selfKey: string | null = null;
  private readonly now: () => number;

  constructor(private readonly o: StationCallsOptions) {
    this.now = o.now ?? Date.now;
    this.log = new CallLogRepo(o.store.db);
    this.link = new CallLink({
      hubUrl: o.hubUrl,
      hello: () => {
        const me = o.identity();
        return { as: 'seat', seatId: me.seatId, name: me.name, role: me.role, departmentCode: me.role === 'department_liaison' ? (me.departmentCode ?? null) : null };
      },
      onGreeted: (key, calls) => this.greeted(key, calls),
      onNotice: (notice) => this.notice(notice),
      onStatus: (s) => this.statusChanged(s),
      backoff: o.backoff,
      log: o.log,
    });
  }

  start(): void {
    this.link.start();
  }

  stop(): Promise<void> {
    return this.link.stop();
  }

  identityChanged(): void {
    this.link.identityChanged();
  }

  status(): CallsStatus {
    const link = this.link.status();
    return {
      available: link.available, reason: link.reason, selfKey: link.available ? this.selfKey : null,
      calls: [...this.live.values()].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)),
    };
  }

  /** A request to the hub as this seat (the media methods). */
  request<M extends CallMethod>(method: M, params: CallParams<M>): Promise<CallResult<M>> {
    return this.link.request(method, params);
  }

  /** A call method's answer (dial, invite, answer, decline, leave): recorded and published before it is handed back. */
  async callRequest<M extends 'call.dial' | 'call.invite' | 'call.answer' | 'call.decline' | 'call.leave'>(method: M, params: CallParams<M>): Promise<CallInfo> {
    const call = await this.link.request(method, params) as CallInfo;
    this.see(call);
    return call;
  }

  private greeted(key: string, calls: CallInfo[]): void {
    this.selfKey = key;
    this.live.clear();
    for (const call of calls) this.see(call, false);
    this.closeLost(new Set(calls.map((c) => c.id)));
    this.publish();
  }

  private notice(notice: CallNotice): void {
    if (notice.notice === 'consumer.closed') return;
    this.see(notice.call);
  }

  private statusChanged(s: CallLinkStatus): void {
    if (!s.available) {
      // The hub takes a seat whose socket closed out of every call: so do we.
      this.live.clear();
    }
    this.publish();
  }

  /** Calls logged as running that the hub no longer names for this seat ended while it was away; their end time is when it heard. */
  private closeLost(stillLive: ReadonlySet<string>): void {
    for (const row of this.log.unfinished()) {
      if (stillLive.has(row.id)) continue;
      const mine = row.participants.find((p) => p.key === this.selfKey);
      const endedAt = mine?.leftAt ?? this.now();
      this.log.record({
        id: row.id, eventId: row.eventId, title: row.title, initiator: row.initiator, participants: row.participants,
        createdAt: row.createdAt, answeredAt: row.answeredAt, endedAt, outcome: row.outcome ?? (row.answeredAt !== null ? 'completed' : 'unanswered'),
      });
    }
  }

  private see(call: CallInfo, publish = true): void {
    try {
      this.log.record(call);
    } catch (err) {
      this.o.log?.(`calls: could not log call ${call.id}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (stillIn(call, this.selfKey)) this.live.set(call.id, call);
    else this.live.delete(call.id);
    if (publish) this.publish();
  }

  private publish(): void {
    this.o.bus.publish('calls', this.status());
  }
}
