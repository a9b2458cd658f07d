// Which strip the offline banner shows, as a pure rule: an outage that has lasted (not a blip the light
// alone shows), this window cut off from its own station, or a catch-up in progress; else none.
import type { LinkState } from '../../../native/api/model';
import type { TransportState } from '../transport/transport';

export type BannerMode = 'offline' | 'seat-lost' | 'catchup' | null;

export interface BannerInputs {
  transport: TransportState;
  /** The hub link as the station last said; null before it has said anything. */
  link: LinkState | null;
  /** Since when the light has shown offline (epoch ms), or null. */
  since: number | null;
  catchUpRunning: boolean;
  now: number;
}

/** An outage shorter than this shows on the light only. */
export const BANNER_AFTER_MS = 2000;

export function bannerMode(i: BannerInputs): BannerMode {
  const lasted = i.since !== null && i.now - i.since >= BANNER_AFTER_MS;
  // A refused token is the login's business, not an outage.
  if (i.transport === 'unauthorized') return null;
  if (i.transport !== 'open') return lasted ? 'seat-lost' : null;
  if (i.link === 'offline') return lasted ? 'offline' : null;
  return i.link !== null && i.catchUpRunning ? 'catchup' : null;
}
