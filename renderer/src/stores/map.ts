// Everything the 3D city draws, as plain data: grid outlines per level, the ground, buildings, cameras,
// the worker roster and the latest position batch, and the marker the operator clicked. No Cesium here:
// the map view hands these to the map modules.
import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import type { TopicData } from '../../../native/api/contract';
import type { Building, Camera, Grid, GridLevel, LonLat, MapFeature, Worker } from '../../../native/api/model';
import type { TileEndpoint } from '../../../native/api/tiles';
import type { MarkerId } from '../map/marker-id';
import { stationClient } from '../transport/connect';

type PositionBatch = TopicData<'workers.positions'>;

export const useMapStore = defineStore('map', () => {
  const shapes = shallowRef<Partial<Record<GridLevel, readonly Grid[]>>>({});
  const basemap = shallowRef<readonly MapFeature[]>([]);
  /** Where the county's raster imagery comes from (the seat's tile cache); null when the station has none. */
  const imagery = shallowRef<TileEndpoint | null>(null);
  const buildings = shallowRef<readonly Building[]>([]);
  const cameras = shallowRef<readonly Camera[]>([]);
  const workers = shallowRef<readonly Worker[]>([]);
  /** The latest batch of worker positions, for the map to apply in place. */
  const positions = shallowRef<PositionBatch | null>(null);
  const selectedMarker = ref<MarkerId | null>(null);
  /** The last point clicked on the ground (where an incident may be declared). */
  const clickedPoint = shallowRef<LonLat | null>(null);
  const loading = ref(false);
  const loadError = ref<string | null>(null);

  // Latest known worker records by id, kept current by position batches (not deeply reactive: the
  // detail card re-reads it when `positions` changes).
  const workerById = markRaw(new Map<string, Worker>());
  const cameraById = computed(() => new Map(cameras.value.map((c) => [c.id, c])));

  const selectedCamera = computed(() => (selectedMarker.value?.kind === 'camera' ? cameraById.value.get(selectedMarker.value.id) ?? null : null));
  const selectedWorker = computed(() => {
    void positions.value; // re-evaluate when positions move
    return selectedMarker.value?.kind === 'worker' ? workerById.get(selectedMarker.value.id) ?? null : null;
  });

  function setWorkers(list: readonly Worker[]): void {
    workerById.clear();
    for (const w of list) workerById.set(w.id, w);
    workers.value = markRaw([...list]);
  }

  function applyPositions(batch: PositionBatch): void {
    for (const fix of batch.items) {
      const w = workerById.get(fix.id);
      if (w) workerById.set(fix.id, { ...w, position: fix.position, heading: fix.heading, fixAt: fix.fixAt });
    }
    positions.value = batch;
  }

  async function loadShapes(level: GridLevel): Promise<void> {
    const grids = await stationClient().request('grids.shapes', { level });
    shapes.value = { ...shapes.value, [level]: markRaw(grids) };
  }

  /** A station without a tile cache (or before one serves) is no load error: the map keeps its vector ground. */
  async function loadImagery(): Promise<void> {
    imagery.value = await stationClient().request('tiles.endpoint').catch(() => null);
  }

  const reloaders: Record<string, () => Promise<void>> = {
    grids: async () => {
      for (const level of ['county', 'town', 'village', 'unit'] as const) await loadShapes(level);
      // The imagery's extent is the county's outline: a first sync is when it becomes known.
      await loadImagery();
    },
    basemap: async () => {
      basemap.value = markRaw(await stationClient().request('map.basemap'));
    },
    buildings: async () => {
      buildings.value = markRaw(await stationClient().request('map.buildings'));
    },
    cameras: async () => {
      cameras.value = markRaw(await stationClient().request('cameras.list'));
    },
    workers: async () => {
      setWorkers(await stationClient().request('workers.list'));
    },
  };

  let positionsSubscribed = false;
  /** Loads the map's data, coarse first so the county shows before the buildings arrive. */
  async function load(): Promise<void> {
    loading.value = true;
    loadError.value = null;
    const client = stationClient();
    try {
      await loadShapes('county');
      await loadShapes('town');
      await reloaders.basemap!();
      await loadImagery();
      await reloaders.buildings!();
      await loadShapes('village');
      await loadShapes('unit');
      await reloaders.cameras!();
      await reloaders.workers!();
    } catch (err) {
      loadError.value = err instanceof Error ? err.message : String(err);
    } finally {
      loading.value = false;
    }
    if (!positionsSubscribed) {
      positionsSubscribed = true;
      client.subscribe('workers.positions', applyPositions);
    }
  }

  // A sync pull announces changes page by page: reload a collection once things settle, and never
  // while the first load is still running (it is remembered and reloaded after).
  const dirty = new Set<string>();
  const reloadTimers = new Map<string, ReturnType<typeof setTimeout>>();
  function scheduleReload(collection: string): void {
    if (!reloaders[collection]) return;
    if (loading.value) {
      dirty.add(collection);
      return;
    }
    clearTimeout(reloadTimers.get(collection));
    reloadTimers.set(collection, setTimeout(() => {
      reloadTimers.delete(collection);
      void reloaders[collection]!().catch((err) => console.warn(`[map] reload ${collection} failed`, err));
    }, 1500));
  }

  let started = false;
  function start(): void {
    if (started) return;
    started = true;
    const client = stationClient();
    client.subscribe('data.changed', ({ collection }) => scheduleReload(collection));
    const loadAll = (): Promise<void> => load().then(() => {
      for (const c of dirty) scheduleReload(c);
      dirty.clear();
    });
    // A load cut short by a dropped connection starts again once the station is back.
    client.onState((state) => {
      if (state === 'open' && loadError.value !== null && !loading.value) void loadAll();
      // A restarted station serves tiles at a new address (and token).
      else if (state === 'open' && !loading.value) void loadImagery();
    });
    void loadAll();
  }

  function selectMarker(marker: MarkerId | null): void {
    selectedMarker.value = marker;
  }

  return {
    shapes, basemap, imagery, buildings, cameras, workers, positions, selectedMarker, clickedPoint, loading, loadError,
    selectedCamera, selectedWorker, workerById, start, load, selectMarker,
  };
});
