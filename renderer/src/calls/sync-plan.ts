// Which of the other participants' producers a media session should receive, given the call as the hub
// last described it: pure, so the rules (joined only, never oneself, a wall tile's one participant) are
// tested without a browser.
import type { CallInfo, MediaKind } from '../../../native/calls/protocol.js';

/** A producer this session receives, and whose it is. */
export interface WantedProducer {
  producerId: string;
  key: string;
  kind: MediaKind;
}

/** Restricts a session to one participant and some kinds (a wall tile shows one participant's video). */
export interface SyncFilter {
  key: string;
  kinds: MediaKind[];
}

export interface SyncPlan {
  consume: WantedProducer[];
  /** Producer ids received now that are no longer wanted (gone, their owner left, or the call ended). */
  drop: string[];
}

export function wantedProducers(call: CallInfo, selfKey: string, only?: SyncFilter): WantedProducer[] {
  if (call.endedAt !== null) return [];
  return call.participants
    .filter((p) => p.key !== selfKey && p.state === 'joined' && (!only || p.key === only.key))
    .flatMap((p) => p.producers
      .filter((producer) => !only || only.kinds.includes(producer.kind))
      .map((producer) => ({ producerId: producer.id, key: p.key, kind: producer.kind })));
}

export function planSync(call: CallInfo, selfKey: string, receiving: Iterable<string>, only?: SyncFilter): SyncPlan {
  const wanted = wantedProducers(call, selfKey, only);
  const now = new Set(receiving);
  const wantedIds = new Set(wanted.map((w) => w.producerId));
  return {
    consume: wanted.filter((w) => !now.has(w.producerId)),
    drop: [...now].filter((id) => !wantedIds.has(id)),
  };
}
