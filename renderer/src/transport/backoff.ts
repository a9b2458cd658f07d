// How long to wait before the next reconnect attempt: exponential, capped, with a little jitter so
// several seats restarting together do not knock on the station in step.

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** 0..1: the fraction of the delay that is randomised. */
  jitter: number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 250, maxMs: 10_000, jitter: 0.2 };

/** `attempt` counts failed attempts since the last successful open, starting at 0. */
export function reconnectDelay(attempt: number, options: BackoffOptions = defaultBackoff, random: () => number = Math.random): number {
  const exp = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  const spread = exp * options.jitter;
  return Math.round(exp - spread + random() * spread);
}
