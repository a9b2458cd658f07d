// How long to wait before restarting the station after it died: doubling from half a second, capped, and
// reset once a run has lasted long enough to count as healthy.

export const FIRST_DELAY_MS = 500;
export const MAX_DELAY_MS = 30_000;
export const HEALTHY_RUN_MS = 60_000;

/** `failures`: how many restarts in a row came before this one without a healthy run between (0 for the first). */
export function restartDelay(failures: number): number {
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, Math.min(failures, 16)));
}

