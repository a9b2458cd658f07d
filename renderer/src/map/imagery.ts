// The county's raster imagery under the vector ground: XYZ tiles from the seat (its SQLite tile cache,
// filled from the hub), Web Mercator, only over the county's extent and zooms, so Cesium asks for nothing
// that does not exist and nothing beyond the seat's own origin.
import { ImageryLayer, Rectangle, UrlTemplateImageryProvider, WebMercatorTilingScheme, type Scene } from 'cesium';
import type { TileEndpoint } from '../../../native/api/tiles';

/** Quiet under the vector layers: the tiles are dark already, and the ground primitives draw over them. */
const IMAGERY_ALPHA = 0.85;

export class ImageryUnderlay {
  private layer: ImageryLayer | null = null;
  private url: string | null = null;

  constructor(private readonly scene: Scene) {}

  /** Shows the endpoint's tiles (null removes them); the same endpoint twice changes nothing. */
  set(endpoint: TileEndpoint | null): void {
    if (endpoint?.url === this.url && (endpoint === null || this.layer)) return;
    if (this.layer) this.scene.imageryLayers.remove(this.layer, true);
    this.layer = null;
    this.url = endpoint?.url ?? null;
    if (!endpoint?.bounds) return;
    const [west, south, east, north] = endpoint.bounds;
    const provider = new UrlTemplateImageryProvider({
      url: endpoint.url,
      tilingScheme: new WebMercatorTilingScheme(),
      rectangle: Rectangle.fromDegrees(west, south, east, north),
      minimumLevel: endpoint.minZoom,
      maximumLevel: endpoint.maxZoom,
      tileWidth: 256,
      tileHeight: 256,
      // Outside the county and offline misses answer 404: Cesium then leaves the ground its base colour.
      hasAlphaChannel: true,
    });
    // A tile the seat has not cached while offline is expected, not news: heard here, Cesium does not log each one.
    provider.errorEvent.addEventListener(() => undefined);
    this.layer = new ImageryLayer(provider, { alpha: IMAGERY_ALPHA });
    this.scene.imageryLayers.add(this.layer, 0);
    this.scene.requestRender();
  }

  get count(): number {
    return this.layer ? 1 : 0;
  }
}
