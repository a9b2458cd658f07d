// What the stores share about requests the operator makes of the station: the error as text for the view,
// and a runner that marks the store busy meanwhile and keeps the last error (null after a success).
import type { Ref } from 'vue';

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function busyRunner(busy: Ref<boolean>, error: Ref<string | null>): <T>(fn: () => Promise<T>) => Promise<T | null> {
  return async <T>(fn: () => Promise<T>): Promise<T | null> => {
    busy.value = true;
    try {
      const result = await fn();
      error.value = null;
      return result;
    } catch (err) {
      error.value = errorText(err);
      return null;
    } finally {
      busy.value = false;
    }
  };
}
