// The seat's state for the top bar: the station's link to the county platform (online / degraded /
// offline, since when), the county, the counts, whether this window still reaches the station, and for
// the offline banner the outbox at a glance and the progress of a catch-up.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { LinkStatus, OutboxSummary, StationStatus, SyncProgress } from '../../../native/api/contract';
import type { LinkState } from '../../../native/api/model';
import { stationClient } from '../transport/connect';
import type { TransportState } from '../transport/transport';

export const useLinkStore = defineStore('link', () => {
  const transport = ref<TransportState>('connecting');
  const status = shallowRef<StationStatus | null>(null);
  const link = shallowRef<LinkStatus | null>(null);
  /** When this window lost the station; the light shows offline from then. */
  const seatLostAt = ref<number | null>(null);
  const outbox = shallowRef<OutboxSummary | null>(null);
  const progress = shallowRef<SyncProgress | null>(null);
  /** Counts the operator's requests to see the rejected writes; the console opens the work-order list. */
  const outboxRequests = ref(0);

  /** What the light shows: the hub link, unless this window cannot reach its own station at all. */
  const state = computed<LinkState>(() => (transport.value === 'open' ? link.value?.state ?? 'offline' : 'offline'));
  const since = computed(() => (transport.value === 'open' ? link.value?.since ?? null : seatLostAt.value));

  let started = false;
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;

  async function refresh(): Promise<void> {
    try {
      const s = await stationClient().request('station.status');
      status.value = s;
      link.value = s.link;
    } catch (err) {
      console.warn('[link] station.status failed', err);
    }
  }

  /** Counts change in bursts during a sync: refresh at most once a second. */
  function refreshSoon(): void {
    if (refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      void refresh();
    }, 1000);
  }

  function start(): void {
    if (started) return;
    started = true;
    const client = stationClient();
    transport.value = client.state;
    client.onState((s) => {
      transport.value = s;
      if (s === 'open') {
        seatLostAt.value = null;
        void refresh();
      } else if (seatLostAt.value === null) {
        seatLostAt.value = Date.now();
      }
    });
    client.subscribe('link', (l) => {
      link.value = l;
    });
    client.subscribe('data.changed', refreshSoon);
    client.subscribe('outbox.summary', (o) => {
      outbox.value = o;
    });
    client.subscribe('sync.progress', (p) => {
      progress.value = p;
    });
    if (client.state === 'open') void refresh();
  }

  function showOutbox(): void {
    outboxRequests.value++;
  }

  return { transport, status, link, state, since, outbox, progress, outboxRequests, start, refresh, showOutbox };
});
