// The station's map tiles, wired: the MBTiles cache in the station's SQLite, the service that fills it from
// the hub (or a configured tile server), and what the Station API's tiles.* methods need.
import type { TopicBus } from '../api/bus.js';
import type { TilesContext } from '../api/tile-handlers.js';
import type { Store } from '../store/store.js';
import { TileCache } from '../store/tiles.js';
import { IMAGERY_MAX_ZOOM, IMAGERY_MIN_ZOOM, boxOf, type LonLatBox } from './tile-math.js';
import { HUB_TILES_PREFIX } from './tile-path.js';
import { TileService } from './tile-service.js';

export interface StationTilesOptions {
  store: Store;
  bus: TopicBus;
  hubUrl: string;
  /** An XYZ URL template of another tile server; absent or null: the hub's own imagery. */
  source?: string | null;
  online(): boolean;
  log(line: string): void;
}

/** The county's extent: its outline's box, from the cache (so it is known offline too). */
export function countyExtent(store: Store): LonLatBox | null {
  const county = store.grids.byLevel('county')[0];
  return county ? boxOf(county.boundary) : null;
}

export class StationTiles {
  readonly cache: TileCache;
  readonly service: TileService;
  readonly context: TilesContext;
  private endpoint: string | null = null;

  constructor(o: StationTilesOptions) {
    this.cache = new TileCache(o.store.db);
    const source = o.source || `${o.hubUrl}${HUB_TILES_PREFIX}/{z}/{x}/{y}.png`;
    const extent = (): LonLatBox | null => countyExtent(o.store);
    // MBTiles readers (QGIS, mbutil) need these to open the tables copied out as a file; the bounds are
    // written again when a seed starts, since a fresh seat learns the county only from its first sync.
    const describe = (): void => {
      const box = extent();
      this.cache.setMetadata({
        name: 'Watchfloor imagery', format: 'png', type: 'baselayer', version: '1', scheme: 'tms',
        minzoom: String(IMAGERY_MIN_ZOOM), maxzoom: String(IMAGERY_MAX_ZOOM), source,
        ...(box ? { bounds: box.join(',') } : {}),
      });
    };
    this.service = new TileService({
      cache: this.cache, source, online: o.online, extent, log: o.log,
      publish: (p) => {
        if (p.state === 'running' && p.done === 0) describe();
        o.bus.publish('tiles.progress', p);
      },
    });
    describe();
    this.context = { service: this.service, cache: this.cache, endpoint: () => this.endpoint, extent };
  }

  /** Where renderers fetch tiles (an XYZ template, token included): the seat's path or the utility's loopback URL. */
  setEndpoint(template: string): void {
    this.endpoint = template;
  }

  close(): void {
    this.service.close();
  }
}
