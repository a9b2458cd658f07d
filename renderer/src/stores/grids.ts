// The grid hierarchy for the side panel: the whole tree (without outlines) indexed by parent, which
// nodes are expanded, the search, and the selected grid with its detail.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { GridDetail, GridNode } from '../../../native/api/contract';
import { stationClient } from '../transport/connect';
import { StationRequestError } from '../transport/station-client';

function byCode(a: GridNode, b: GridNode): number {
  return a.code.localeCompare(b.code);
}

export const useGridsStore = defineStore('grids', () => {
  const nodes = shallowRef<readonly GridNode[]>([]);
  const loading = ref(false);
  const expanded = ref(new Set<string>());
  const query = ref('');
  const results = shallowRef<readonly GridNode[] | null>(null);
  const selectedCode = ref<string | null>(null);
  const detail = shallowRef<GridDetail | null>(null);
  const detailError = ref<string | null>(null);

  const nodeByCode = computed(() => new Map(nodes.value.map((n) => [n.code, n])));
  const childrenOf = computed(() => {
    const map = new Map<string | null, GridNode[]>();
    for (const n of nodes.value) {
      const list = map.get(n.parentCode) ?? [];
      list.push(n);
      map.set(n.parentCode, list);
    }
    for (const list of map.values()) list.sort(byCode);
    return map;
  });
  const roots = computed(() => childrenOf.value.get(null) ?? []);

  async function loadTree(): Promise<void> {
    loading.value = true;
    try {
      nodes.value = await stationClient().request('grids.tree');
      // Open the county so the towns show at once.
      for (const r of roots.value) expanded.value.add(r.code);
    } catch (err) {
      console.warn('[grids] grids.tree failed', err);
    } finally {
      loading.value = false;
    }
  }

  let started = false;
  /** Loads the tree now and again whenever the station reports changed grids or an empty tree reconnects. */
  function start(): void {
    if (started) return;
    started = true;
    const client = stationClient();
    let reload: ReturnType<typeof setTimeout> | undefined;
    client.subscribe('data.changed', ({ collection }) => {
      if (collection !== 'grids') return;
      clearTimeout(reload);
      reload = setTimeout(() => void loadTree(), 1500);
    });
    client.onState((state) => {
      if (state === 'open' && nodes.value.length === 0 && !loading.value) void loadTree();
    });
    void loadTree();
  }

  function toggle(code: string): void {
    if (expanded.value.has(code)) expanded.value.delete(code);
    else expanded.value.add(code);
  }

  let searchSeq = 0;
  async function search(text: string): Promise<void> {
    query.value = text;
    const trimmed = text.trim();
    const seq = ++searchSeq;
    if (!trimmed) {
      results.value = null;
      return;
    }
    try {
      const found = await stationClient().request('grids.search', { query: trimmed.slice(0, 50), limit: 50 });
      if (seq === searchSeq) results.value = found;
    } catch (err) {
      if (seq === searchSeq) results.value = [];
      console.warn('[grids] search failed', err);
    }
  }

  /** Selects a grid: opens its ancestors in the tree and loads its detail. */
  async function select(code: string | null): Promise<void> {
    selectedCode.value = code;
    detailError.value = null;
    if (code === null) {
      detail.value = null;
      return;
    }
    let parent = nodeByCode.value.get(code)?.parentCode ?? null;
    while (parent) {
      expanded.value.add(parent);
      parent = nodeByCode.value.get(parent)?.parentCode ?? null;
    }
    try {
      const d = await stationClient().request('grids.detail', { code });
      if (selectedCode.value === code) detail.value = d;
    } catch (err) {
      if (selectedCode.value !== code) return;
      detail.value = null;
      detailError.value = err instanceof StationRequestError ? err.message : String(err);
    }
  }

  return {
    nodes, loading, expanded, query, results, selectedCode, detail, detailError,
    nodeByCode, childrenOf, roots, loadTree, start, toggle, search, select,
  };
});
