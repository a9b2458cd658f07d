// The statistics dashboard's data: the range shown and the station's aggregates for it, and the
// bulletin (日督导/周通报) file on request.
import { defineStore } from 'pinia';
import { markRaw, ref, shallowRef } from 'vue';
import type { Dashboard, StatsRange } from '../../../native/api/contract';
import { stationClient } from '../transport/connect';
import { StationRequestError } from '../transport/station-client';

const errorText = (err: unknown): string => (err instanceof StationRequestError || err instanceof Error ? err.message : String(err));

export const useStatsStore = defineStore('stats', () => {
  const open = ref(false);
  const range = ref<StatsRange>('today');
  const dashboard = shallowRef<Dashboard | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const exporting = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    const wanted = range.value;
    try {
      const d = await stationClient().request('stats.dashboard', { range: wanted });
      if (range.value === wanted) {
        dashboard.value = markRaw(d);
        error.value = null;
      }
    } catch (err) {
      error.value = errorText(err);
    } finally {
      loading.value = false;
    }
  }

  async function show(value: boolean): Promise<void> {
    open.value = value;
    if (value) await load();
  }

  async function setRange(value: StatsRange): Promise<void> {
    range.value = value;
    await load();
  }

  /** The bulletin for the current range: file name and bytes, or null (the error is kept). */
  async function bulletin(): Promise<{ filename: string; bytes: Uint8Array<ArrayBuffer> } | null> {
    exporting.value = true;
    try {
      const file = await stationClient().request('stats.bulletin', { range: range.value, format: 'xlsx' });
      const bin = atob(file.base64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      error.value = null;
      return { filename: file.filename, bytes };
    } catch (err) {
      error.value = errorText(err);
      return null;
    } finally {
      exporting.value = false;
    }
  }

  return { open, range, dashboard, loading, error, exporting, load, show, setRange, bulletin };
});
