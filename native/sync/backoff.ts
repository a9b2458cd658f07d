// How long to wait before the next reconnect or retry: exponential with "equal jitter", so a county's
// seats that lost the hub together do not all knock on its door in the same instant when it returns.
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 15_000 };

/** attempt 0 is the first retry; random() in [0, 1) spreads the wait over the upper half of the step. */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const step = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(Math.max(attempt, 0), 30));
  return Math.round(step / 2 + (step / 2) * random());
}
