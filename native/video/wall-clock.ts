// Time for the wall controller: the system clock in the station, a hand-stepped one in tests, so tours and
// alarm hold times are tested without sleeping.
export interface WallClock {
  now(): number;
  /** Calls `fn` once at epoch ms `at` (at once when it has passed); the returned function cancels it. */
  at(at: number, fn: () => void): () => void;
}

// setTimeout takes at most 2^31 − 1 ms; wall timers are an hour at most, so this only guards a clock jump.
const MAX_DELAY_MS = 2_147_483_647;

export const systemClock: WallClock = {
  now: () => Date.now(),
  at: (at, fn) => {
    const timer = setTimeout(fn, Math.min(MAX_DELAY_MS, Math.max(0, at - Date.now())));
    // A pending tour step must not keep a stopping process alive.
    timer.unref();
    return () => clearTimeout(timer);
  },
};
