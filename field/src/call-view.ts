// What the field page shows for the calls the hub says this worker is in: a ring to answer, a call in
// progress, or how the last one ended. Pure, so the rules are tested without a browser.
import type { CallInfo, Participant } from '../../native/calls/protocol.js';
import type { SyncFilter } from '../../renderer/src/calls/sync-plan.js';

export function selfOf(call: CallInfo, selfKey: string): Participant | null {
  return call.participants.find((p) => p.key === selfKey) ?? null;
}

/** The newest live call ringing this worker, if any. */
export function ringingCall(calls: Iterable<CallInfo>, selfKey: string): CallInfo | null {
  return newest([...calls].filter((c) => c.endedAt === null && selfOf(c, selfKey)?.state === 'ringing'));
}

/** The live call this worker has joined, if any. */
export function joinedCall(calls: Iterable<CallInfo>, selfKey: string): CallInfo | null {
  return newest([...calls].filter((c) => c.endedAt === null && selfOf(c, selfKey)?.state === 'joined'));
}

function newest(calls: CallInfo[]): CallInfo | null {
  return calls.reduce<CallInfo | null>((best, c) => (!best || c.createdAt > best.createdAt ? c : best), null);
}

/** Who rang: the initiator's participant entry (a seat: its name and role). */
export function callerOf(call: CallInfo): Participant | null {
  return call.participants.find((p) => p.key === call.initiator) ?? null;
}

/** Whose video fills the screen: the caller's if it sends video, else the first other participant who does. */
export function mainParticipant(call: CallInfo, selfKey: string): Participant | null {
  const others = call.participants.filter((p) => p.key !== selfKey && p.state === 'joined');
  const sendsVideo = (p: Participant): boolean => p.producers.some((producer) => producer.kind === 'video' && !producer.paused);
  return others.find((p) => p.key === call.initiator && sendsVideo(p)) ?? others.find(sendsVideo) ?? callerOf(call);
}

/**
 * What a phone receives: everyone's audio, but only the video it shows (the main participant's). A group of
 * ten would otherwise send every phone nine videos it never displays, over a cellular link.
 */
export function phoneReceives(call: CallInfo, selfKey: string): SyncFilter {
  const main = mainParticipant(call, selfKey);
  return { videoOf: main ? [main.key] : [] };
}

export type EndReason =
  | { kind: 'hungUp' }
  | { kind: 'callerHungUp' }
  | { kind: 'declined' }
  | { kind: 'linkLost' }
  /** The hub's own words (Chinese / English), e.g. no answer in 30 s. */
  | { kind: 'hub'; text: string }
  | { kind: 'ended' };

/**
 * Why a call is over for this worker. `byMe` is what this page did last (hung up, declined), which the hub
 * only reports as "left"/"declined" without saying who pressed the button.
 */
export function endReason(call: CallInfo, selfKey: string, byMe: 'hungUp' | 'declined' | null, linkLost: boolean): EndReason {
  if (byMe) return { kind: byMe };
  if (linkLost) return { kind: 'linkLost' };
  // The caller leaving ends the call for everyone; the hub then gives each party the generic "call ended".
  const caller = callerOf(call);
  if (call.endedAt !== null && caller && caller.key !== selfKey && caller.state === 'left') return { kind: 'callerHungUp' };
  const self = selfOf(call, selfKey);
  if (self && (self.state === 'missed' || self.state === 'left') && self.reason) return { kind: 'hub', text: self.reason };
  return { kind: 'ended' };
}
