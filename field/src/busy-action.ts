// One action at a time from a screen's buttons: busy while it runs, its failure in words for the screen.
import { ref, type Ref } from 'vue';
import { pickLanguage } from './bilingual';

export function useBusyAction(locale: Ref<string>) {
  const busy = ref(false);
  const error = ref<string | null>(null);
  async function run(action: () => Promise<unknown>): Promise<void> {
    if (busy.value) return;
    busy.value = true;
    error.value = null;
    try {
      await action();
    } catch (e) {
      error.value = pickLanguage(e instanceof Error ? e.message : String(e), locale.value);
    } finally {
      busy.value = false;
    }
  }
  return { busy, error, run };
}
