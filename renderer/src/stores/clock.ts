// One ticking "now" for every countdown on screen, so a hundred chips cost one timer.
import { defineStore } from 'pinia';
import { ref } from 'vue';

export const useClockStore = defineStore('clock', () => {
  const now = ref(Date.now());
  let timer: ReturnType<typeof setInterval> | null = null;
  function start(): void {
    timer ??= setInterval(() => (now.value = Date.now()), 1000);
  }
  return { now, start };
});
