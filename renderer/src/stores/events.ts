// The work orders (工单) the console shows: the filtered list (the station sorts it, overdue and
// supervised first), the open events for the map, the routing lists for names, and this seat's
// outbox writes that are still pending or were rejected by the hub.
import { defineStore } from 'pinia';
import { computed, markRaw, reactive, ref, shallowRef, watch } from 'vue';
import type { EventListParams, OutboxEntry } from '../../../native/api/contract';
import type { EventSource, EventState, GridEvent, Lists } from '../../../native/api/model';
import { stationClient } from '../transport/connect';
import { useLinkStore } from './link';
import { errorText } from './request-state';

export interface EventFilters {
  state: EventState | '';
  source: EventSource | '';
  category: string;
  townCode: string;
  department: string;
  overdue: boolean;
  supervised: boolean;
  sort: 'deadline' | 'reported';
}

const PAGE = 100;
const MAP_LIMIT = 1000;

export const useEventsStore = defineStore('events', () => {
  const filters = reactive<EventFilters>({
    state: '', source: '', category: '', townCode: '', department: '', overdue: false, supervised: false, sort: 'deadline',
  });
  const items = shallowRef<readonly GridEvent[]>([]);
  const total = ref(0);
  const loading = ref(false);
  const error = ref<string | null>(null);
  /** Open events for the map layer. */
  const mapEvents = shallowRef<readonly GridEvent[]>([]);
  const lists = shallowRef<Lists | null>(null);
  /** Pending and rejected writes of this seat (sent and dropped ones leave the list). */
  const outbox = shallowRef<readonly OutboxEntry[]>([]);

  const departmentByCode = computed(() => new Map((lists.value?.departments ?? []).map((d) => [d.code, d])));
  const itemByCategory = computed(() => new Map((lists.value?.collectionItems ?? []).map((c) => [c.category, c])));

  function params(): EventListParams {
    const p: EventListParams = { sort: filters.sort, limit: PAGE };
    if (filters.state) p.states = [filters.state];
    if (filters.source) p.sources = [filters.source];
    if (filters.category) p.categories = [filters.category];
    if (filters.townCode) p.townCode = filters.townCode;
    if (filters.department) p.department = filters.department;
    if (filters.overdue) p.overdue = true;
    if (filters.supervised) p.supervised = true;
    return p;
  }

  let listSeq = 0;
  async function loadList(): Promise<void> {
    const seq = ++listSeq;
    loading.value = true;
    try {
      const page = await stationClient().request('events.list', params());
      if (seq !== listSeq) return;
      items.value = markRaw(page.items);
      total.value = page.total;
      error.value = null;
    } catch (err) {
      if (seq === listSeq) error.value = errorText(err);
    } finally {
      if (seq === listSeq) loading.value = false;
    }
  }

  async function loadMap(): Promise<void> {
    try {
      mapEvents.value = markRaw(await stationClient().request('events.open', { limit: MAP_LIMIT }));
    } catch (err) {
      console.warn('[events] events.open failed', err);
    }
  }

  async function loadLists(): Promise<void> {
    try {
      lists.value = markRaw(await stationClient().request('lists.get'));
    } catch (err) {
      console.warn('[events] lists.get failed', err);
    }
  }

  async function loadOutbox(): Promise<void> {
    try {
      outbox.value = markRaw(await stationClient().request('outbox.list', { states: ['pending', 'rejected'], limit: 50 }));
    } catch (err) {
      console.warn('[events] outbox.list failed', err);
    }
  }

  async function dropWrite(key: string): Promise<void> {
    try {
      await stationClient().request('outbox.drop', { key });
    } catch (err) {
      error.value = errorText(err);
    }
    await loadOutbox();
  }

  // Changes come in bursts (sync pages, a busy hub): reload at most once per interval, and never let a
  // steady stream of changes postpone the reload for ever. During a catch-up after an outage (thousands of
  // rows in pages) the list and the map's open events reload less often, so the screen stays responsive;
  // the end of the catch-up reloads them once more.
  const CATCH_UP_RELOAD_MS = 4_000;
  const link = useLinkStore();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  function soon(key: string, fn: () => Promise<void>, ms = 800): void {
    if (timers.has(key)) return;
    timers.set(key, setTimeout(() => {
      timers.delete(key);
      void fn();
    }, ms));
  }
  function refreshEvents(): void {
    const ms = link.progress?.running ? CATCH_UP_RELOAD_MS : undefined;
    soon('list', loadList, ms);
    soon('map', loadMap, ms);
  }

  let started = false;
  function start(): void {
    if (started) return;
    started = true;
    const client = stationClient();
    client.subscribe('data.changed', ({ collection }) => {
      if (collection === 'events') refreshEvents();
      if (collection === 'departments' || collection === 'collection_items' || collection === 'responsibilities') soon('lists', loadLists);
    });
    client.subscribe('outbox', (change) => {
      soon('outbox', loadOutbox, 100);
      if (change.state === 'sent') refreshEvents();
    });
    client.onState((s) => {
      if (s === 'open') {
        void loadLists();
        refreshEvents();
        void loadOutbox();
      }
    });
    watch(filters, () => void loadList());
    watch(() => link.progress?.running, (running, was) => {
      if (was && !running) refreshEvents();
    });
    void loadLists();
    void loadList();
    void loadMap();
    void loadOutbox();
  }

  return {
    filters, items, total, loading, error, mapEvents, lists, outbox, departmentByCode, itemByCategory,
    start, loadList, loadMap, loadLists, loadOutbox, dropWrite, refreshEvents,
  };
});
