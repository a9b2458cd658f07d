// The link light's rule: from what the sync layer observes about the hub, decide online / degraded /
// offline and say why, as a pure function; a small tracker remembers since when the state holds.
import type { LinkState } from '../api/model.js';
import type { LinkStatus } from '../api/contract.js';

export interface LinkInputs {
  /** The live WebSocket to the hub is open. */
  socketOpen: boolean;
  /** Why the socket is not open (last close or connect error); null when unknown. */
  socketError: string | null;
  /** Ms since the hub last answered a ping (or since the socket opened, if no answer yet). */
  silenceMs: number;
  /** Last measured ping round trip, ms. */
  rttMs: number | null;
  /** The last failed pull that has not been followed by a good one. */
  pullError: string | null;
}

export interface LinkThresholds {
  /** Silence beyond this (a couple of missed pongs) means the hub is slow or the path is lossy. */
  silenceDegradedMs: number;
  /** A round trip beyond this is too slow for live positions to feel live. */
  rttDegradedMs: number;
}

export const DEFAULT_LINK_THRESHOLDS: LinkThresholds = { silenceDegradedMs: 12_000, rttDegradedMs: 1_500 };

export interface LinkAssessment {
  state: LinkState;
  reason: string | null;
}

export function assessLink(i: LinkInputs, t: LinkThresholds = DEFAULT_LINK_THRESHOLDS): LinkAssessment {
  if (!i.socketOpen) {
    const why = i.pullError ?? i.socketError;
    return { state: 'offline', reason: why ? `hub unreachable: ${why}` : 'no live connection to the hub' };
  }
  if (i.silenceMs > t.silenceDegradedMs) {
    return { state: 'degraded', reason: `hub silent for ${Math.round(i.silenceMs / 1000)} s` };
  }
  if (i.pullError) return { state: 'degraded', reason: `sync failed: ${i.pullError}` };
  if (i.rttMs !== null && i.rttMs > t.rttDegradedMs) {
    return { state: 'degraded', reason: `slow link: round trip ${Math.round(i.rttMs)} ms` };
  }
  return { state: 'online', reason: null };
}

/** Keeps the published status: `since` moves only when the state changes. */
export class LinkTracker {
  private current: LinkStatus;

  constructor(now: number, private readonly thresholds: LinkThresholds = DEFAULT_LINK_THRESHOLDS) {
    this.current = { state: 'offline', since: now, rttMs: null, reason: 'not connected yet' };
  }

  get status(): LinkStatus {
    return this.current;
  }

  /** Returns the new status when state or reason changed (worth publishing), else null. */
  update(inputs: LinkInputs, now: number): LinkStatus | null {
    const next = assessLink(inputs, this.thresholds);
    const changed = next.state !== this.current.state || next.reason !== this.current.reason;
    this.current = {
      state: next.state,
      since: next.state === this.current.state ? this.current.since : now,
      rttMs: inputs.rttMs,
      reason: next.reason,
    };
    return changed ? this.current : null;
  }
}
