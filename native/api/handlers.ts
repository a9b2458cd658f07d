// Every Station API method's implementation, in one table: method → cache query. The host has already
// checked the params against the contract when a handler runs.
import type { StationStatus } from './api/contract.js';
import { NotFoundError, type Handlers } from './api/host.js';
import type { Store } from './store/store.js';

export interface HandlerContext {
  store: Store;
  status(): StationStatus;
}

/** Lists in a grid's detail card are capped: a county-level card names counts, not 3,000 cameras. */
export const DETAIL_LIST_LIMIT = 200;

function found<T>(value: T | null, what: string): T {
  if (value === null) throw new NotFoundError(`${what} is not in the station's cache`);
  return value;
}

export function createHandlers({ store, status }: HandlerContext): Handlers {
  return {
    'station.status': () => status(),
    'grids.tree': () => store.grids.tree(),
    'grids.search': ({ query, limit }) => store.grids.search(query, limit),
    'grids.detail': ({ code }) => {
      const grid = found(store.grids.get(code), `grid ${code}`);
      return {
        grid,
        path: store.grids.path(code),
        childCount: store.grids.childCount(code),
        workers: store.workers.inSubtree(code, DETAIL_LIST_LIMIT),
        cameras: store.cameras.inSubtree(code, DETAIL_LIST_LIMIT),
        buildingCount: store.buildings.countInSubtree(code),
        openEvents: store.events.openInSubtree(code, DETAIL_LIST_LIMIT),
        openEventCount: store.events.openCountInSubtree(code),
      };
    },
    'grids.shapes': ({ level }) => store.grids.byLevel(level),
    'map.basemap': () => store.basemap.all(),
    'map.buildings': () => store.buildings.all(),
    'cameras.list': () => store.cameras.all(),
    'cameras.inView': ({ bbox }) => store.cameras.inView(bbox),
    'cameras.get': ({ id }) => found(store.cameras.get(id), `camera ${id}`),
    'workers.list': () => store.workers.all(),
    'workers.get': ({ id }) => found(store.workers.get(id), `grid worker ${id}`),
    'workers.inGrid': ({ code }) => store.workers.inSubtree(code),
    'events.open': ({ limit }) => store.events.open(limit),
  };
}
