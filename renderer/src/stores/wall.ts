// The video walls this seat drives: each wall's state (followed on topic 'wall'), the presets and tours,
// the wall the console is editing, and the camera records the tiles name. Every change is a station
// request; the station's answer (and its 'wall' event) is the state shown.
import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import { callTileKey, type Params } from '../../../native/api/contract';
import type { Camera } from '../../../native/api/model';
import type { AlarmConfig, Tour, WallLayout, WallPreset, WallState } from '../../../native/api/video';
import { fillList, placementTile } from '../components/wall/wall-rules';
import { stationClient } from '../transport/connect';
import { StationRequestError } from '../transport/station-client';
import { busyRunner, errorText } from './request-state';

export const useWallStore = defineStore('wall', () => {
  const walls = shallowRef<ReadonlyMap<number, WallState>>(new Map());
  const presets = shallowRef<readonly WallPreset[]>([]);
  const tours = shallowRef<readonly Tour[]>([]);
  /** The wall the console's wall tab edits. */
  const selectedWallId = ref(1);
  const error = ref<string | null>(null);
  const busy = ref(false);
  /** Camera records by id; null = the station does not know the camera. */
  const cameras = shallowRef<ReadonlyMap<string, Camera | null>>(new Map());

  const selected = computed(() => walls.value.get(selectedWallId.value) ?? null);
  const wallIds = computed(() => [...walls.value.keys()].sort((a, b) => a - b));

  /** A request and its 'wall' event can arrive in either order: the newer state wins. */
  function put(state: WallState): void {
    const current = walls.value.get(state.wallId);
    if (current && current.updatedAt > state.updatedAt) return;
    walls.value = new Map(walls.value).set(state.wallId, markRaw(state));
    void ensureCameras(state.tiles);
    // A preset saved in another window: learn its name.
    if (state.presetId !== null && !presets.value.some((p) => p.id === state.presetId)) void loadPresets();
  }

  const asking = new Set<string>();
  /** Loads the records of cameras shown on a wall that this window does not know yet. */
  async function ensureCameras(ids: ReadonlyArray<string | null>): Promise<void> {
    // A call participant's tile (`call:<key>`) is no camera: nothing to ask for.
    const missing = [...new Set(ids)].filter((id): id is string => id !== null && callTileKey(id) === null && !cameras.value.has(id) && !asking.has(id));
    if (missing.length === 0) return;
    for (const id of missing) asking.add(id);
    const found = await Promise.all(missing.map(async (id) => {
      try {
        return [id, markRaw(await stationClient().request('cameras.get', { id }))] as const;
      } catch (err) {
        // Not found is an answer (the tile says so); a dropped connection is asked again later.
        return [id, err instanceof StationRequestError && err.code === 'not_found' ? null : undefined] as const;
      }
    }));
    const next = new Map(cameras.value);
    for (const [id, camera] of found) {
      asking.delete(id);
      if (camera !== undefined) next.set(id, camera);
    }
    cameras.value = next;
  }

  /** Cameras the console already holds (the map's full list) save one request per tile. */
  function knowCameras(list: readonly Camera[]): void {
    const next = new Map(cameras.value);
    for (const c of list) next.set(c.id, c);
    cameras.value = next;
  }

  const run = busyRunner(busy, error);

  /** A wall-changing request: its answer is the wall's new state. */
  async function change(fn: () => Promise<WallState>): Promise<boolean> {
    const state = await run(fn);
    if (state) put(state);
    return state !== null;
  }

  const client = () => stationClient();

  async function loadWall(wallId: number): Promise<void> {
    await change(() => client().request('wall.get', { wallId }));
  }
  async function loadPresets(): Promise<void> {
    try {
      presets.value = markRaw(await client().request('wall.presets'));
    } catch (err) {
      error.value = errorText(err);
    }
  }
  async function loadLists(): Promise<void> {
    try {
      const [list, p, t] = await Promise.all([client().request('wall.list'), client().request('wall.presets'), client().request('wall.tours')]);
      for (const w of list) put(w);
      presets.value = markRaw(p);
      tours.value = markRaw(t);
    } catch (err) {
      error.value = errorText(err);
    }
  }

  const followed = new Set<number>();
  let subscribed = false;
  /** Follows every wall, the presets and tours, and reads `wallId` (the wall page's own wall) at once. */
  function start(wallId?: number): void {
    if (wallId !== undefined) followed.add(wallId);
    if (subscribed) {
      if (wallId !== undefined) void loadWall(wallId);
      return;
    }
    subscribed = true;
    const c = client();
    c.subscribe('wall', put);
    const reload = (): void => {
      void loadLists();
      for (const id of followed) void loadWall(id);
    };
    // Topic events missed while the station was away: read the state again once it is back.
    c.onState((s) => {
      if (s === 'open') reload();
    });
    if (c.state === 'open') reload();
  }

  const sel = () => selectedWallId.value;
  async function selectedState(): Promise<WallState | null> {
    if (!walls.value.has(sel())) await loadWall(sel());
    return walls.value.get(sel()) ?? null;
  }
  const actions = {
    selectWall(wallId: number): void {
      selectedWallId.value = wallId;
      if (!walls.value.has(wallId)) void loadWall(wallId);
    },
    setLayout: (layout: WallLayout, wallId = sel()) => change(() => client().request('wall.setLayout', { wallId, layout })),
    assign: (tile: number, cameraId: string | null, wallId = sel()) => change(() => client().request('wall.assign', { wallId, tile, cameraId })),
    fill: (cameraIds: string[], fromTile: number, wallId = sel()) => change(() => client().request('wall.fill', { wallId, cameraIds, fromTile })),
    maximize: (tile: number | null, wallId = sel()) => change(() => client().request('wall.maximize', { wallId, tile })),
    applyPreset: (presetId: string, wallId = sel()) => change(() => client().request('wall.applyPreset', { wallId, presetId })),
    startTour: (tourId: string, tile: number, wallId = sel()) => change(() => client().request('wall.startTour', { wallId, tourId, tile })),
    stopTour: (wallId = sel()) => change(() => client().request('wall.stopTour', { wallId })),
    setAlarmConfig: (config: AlarmConfig, wallId = sel()) => change(() => client().request('wall.setAlarmConfig', { wallId, config })),
    ackAlarm: (wallId = sel()) => change(() => client().request('wall.ackAlarm', { wallId })),
    async savePreset(name: string, wallId = sel()): Promise<boolean> {
      const saved = await run(() => client().request('wall.savePreset', { wallId, name }));
      if (saved) presets.value = markRaw([...presets.value.filter((p) => p.id !== saved.id), saved].sort((a, b) => a.name.localeCompare(b.name)));
      // The wall now shows that preset: its state says so.
      if (saved) void loadWall(wallId);
      return saved !== null;
    },
    async deletePreset(presetId: string): Promise<boolean> {
      const done = await run(() => client().request('wall.deletePreset', { presetId }));
      if (done) presets.value = presets.value.filter((p) => p.id !== presetId);
      return done !== null;
    },
    async saveTour(tour: Params<'wall.saveTour'>): Promise<boolean> {
      const saved = await run(() => client().request('wall.saveTour', tour));
      if (saved) tours.value = markRaw([...tours.value.filter((t) => t.id !== saved.id), saved].sort((a, b) => a.name.localeCompare(b.name)));
      return saved !== null;
    },
    /** "Put on wall" from a card: the console's wall, its first free tile; answers the tile used. */
    async placeCamera(cameraId: string): Promise<number | null> {
      const state = await selectedState();
      if (!state) return null;
      const tile = placementTile(state.tiles);
      return (await actions.assign(tile, cameraId, state.wallId)) ? tile : null;
    },
    /** A grid's cameras onto the console's wall from the first tile, as many as it has tiles. */
    async placeCameras(cameraIds: readonly string[]): Promise<number> {
      const state = await selectedState();
      const ids = state ? fillList(cameraIds, 0, state.tiles.length) : [];
      if (!state || ids.length === 0) return 0;
      return (await actions.fill(ids, 0, state.wallId)) ? ids.length : 0;
    },
    async deleteTour(tourId: string): Promise<boolean> {
      const done = await run(() => client().request('wall.deleteTour', { tourId }));
      if (done) tours.value = tours.value.filter((t) => t.id !== tourId);
      return done !== null;
    },
  };

  const cameraName = (id: string): string => cameras.value.get(id)?.name ?? id;

  return {
    walls, presets, tours, selectedWallId, error, busy, cameras, selected, wallIds,
    start, loadWall, knowCameras, ensureCameras, cameraName, ...actions,
  };
});
