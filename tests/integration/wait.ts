// Bounded waits for integration tests: on a bus topic, or on a condition checked when something may
// have changed. Never a fixed sleep.
import type { TopicBus } from '../../native/api/bus.js';
import type { TopicData, TopicName } from '../../native/api/contract.js';

/** Resolves with the first event on `topic` that satisfies `accept`. */
export function nextEvent<T extends TopicName>(bus: TopicBus, topic: T, accept: (data: TopicData<T>) => boolean, timeoutMs: number, what: string): Promise<TopicData<T>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const unsubscribe = bus.subscribe(topic, (data) => {
      if (!accept(data)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(data);
    });
  });
}

/** Checks `cond` every `everyMs` until it returns a value other than null/undefined/false, or fails after timeoutMs. */
export async function eventually<T>(cond: () => T | null | undefined | false | Promise<T | null | undefined | false>, timeoutMs: number, what: string, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    try {
      const value = await cond();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** A promise raced against a deadline, with a message that says what was awaited. */
export function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
    }),
  ]);
}
