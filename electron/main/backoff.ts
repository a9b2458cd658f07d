// How long to wait before restarting the station after it died: the station's own backoff (doubling
// from half a second, capped) without jitter, since only one process restarts; reset once a run has lasted
// long enough to count as healthy.
import { backoffDelay } from '../../native/sync/backoff.js';

export const FIRST_DELAY_MS = 500;
export const MAX_DELAY_MS = 30_000;
export const HEALTHY_RUN_MS = 60_000;

/** `failures`: how many restarts in a row came before this one without a healthy run between (0 for the first). */
export function restartDelay(failures: number): number {
  return backoffDelay(failures, { baseMs: FIRST_DELAY_MS, maxMs: MAX_DELAY_MS }, () => 1);
}
