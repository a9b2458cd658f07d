// `GET /healthz`: what a supervisor or a test needs to know about a seat without a token — alive, the
// link light, and what its own SQLite cache holds.
import { z } from 'zod';
import { Counts } from '../api/contract.js';
import { LinkState } from '../api/model.js';
import type { Station } from '../station.js';

export const Healthz = z.object({
  status: z.literal('ok'),
  link: LinkState,
  counts: Counts,
  /** Camera relays (ffmpeg processes) running now. */
  relays: z.number().int().nonnegative(),
});
export type Healthz = z.infer<typeof Healthz>;

export function healthz(station: Pick<Station, 'store' | 'sync' | 'video'>): Healthz {
  return { status: 'ok', link: station.sync.link().state, counts: station.store.counts(), relays: station.video.list().length };
}
