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

/**
 * Whose media a session receives; an absent list means everyone's. A wall tile takes one participant's video
 * and no audio; a phone takes everyone's audio but only the video it shows.
 */
export interface SyncFilter {
  videoOf?: readonly string[];
  audioOf?: readonly string[];
}

export interface SyncPlan {
  consume: WantedProducer[];
  /** Producer ids received now that are no longer wanted (gone, their owner left, or the call ended). */
  drop: string[];
}

export function wantedProducers(call: CallInfo, selfKey: string, only?: SyncFilter): WantedProducer[] {
  if (call.endedAt !== null) return [];
  const takes = (kind: MediaKind, key: string): boolean => {
    const keys = kind === 'video' ? only?.videoOf : only?.audioOf;
    return !keys || keys.includes(key);
  };
  return call.participants
    .filter((p) => p.key !== selfKey && p.state === 'joined')
    .flatMap((p) => p.producers
      .filter((producer) => takes(producer.kind, p.key))
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
