// The offline map's tile cache as the console sees it: how much is cached, and a county pre-seed's
// progress (from 'tiles.progress'), with seed and cancel. Plain data only; the map draws the tiles itself.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { SeedProgress, TileCacheStatus } from '../../../native/api/tiles';
import { stationClient } from '../transport/connect';

export const useTilesStore = defineStore('tiles', () => {
  const status = shallowRef<TileCacheStatus | null>(null);
  const progress = shallowRef<SeedProgress | null>(null);
  const error = ref<string | null>(null);
  const running = computed(() => progress.value?.state === 'running');

  async function refresh(): Promise<void> {
    try {
      status.value = await stationClient().request('tiles.status');
      progress.value ??= status.value.seed;
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    }
  }

  let started = false;
  function start(): void {
    if (started) return;
    started = true;
    stationClient().subscribe('tiles.progress', (p) => {
      progress.value = p;
      if (p.state !== 'running') void refresh();
    });
    void refresh();
  }

  async function seed(maxZoom: number): Promise<void> {
    error.value = null;
    try {
      progress.value = await stationClient().request('tiles.seed', { minZoom: 8, maxZoom });
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    }
  }

  async function cancel(): Promise<void> {
    await stationClient().request('tiles.cancelSeed').catch((err: unknown) => {
      error.value = err instanceof Error ? err.message : String(err);
    });
  }

  return { status, progress, error, running, start, refresh, seed, cancel };
});
