// Shared plumbing for the batched layers: build one Primitive from many geometry instances, swap it in
// for the previous batch of the same layer, and turn [lon, lat] rings into Cesium positions.
import {
  ArcType, Cartesian3, ColorGeometryInstanceAttribute, GeometryInstance, PerInstanceColorAppearance, PolygonGeometry,
  PolygonHierarchy, PolylineColorAppearance, PolylineGeometry, Primitive, type Color, type Scene,
} from 'cesium';
import type { LonLat } from '../../../native/api/model';

export function positionsOf(coords: readonly LonLat[], height: number, close = false): Cartesian3[] {
  const out = coords.map(([lon, lat]) => Cartesian3.fromDegrees(lon, lat, height));
  if (close && coords.length > 0) {
    const [lon, lat] = coords[0]!;
    out.push(Cartesian3.fromDegrees(lon, lat, height));
  }
  return out;
}

export function lineInstance(id: string, coords: readonly LonLat[], height: number, widthPx: number, color: Color, close = false): GeometryInstance {
  return new GeometryInstance({
    id,
    geometry: new PolylineGeometry({
      positions: positionsOf(coords, height, close),
      width: widthPx,
      arcType: ArcType.NONE,
      vertexFormat: PolylineColorAppearance.VERTEX_FORMAT,
    }),
    attributes: { color: ColorGeometryInstanceAttribute.fromColor(color) },
  });
}

export function areaInstance(id: string, ring: readonly LonLat[], height: number, color: Color, extrudedHeight?: number): GeometryInstance {
  return new GeometryInstance({
    id,
    geometry: new PolygonGeometry({
      polygonHierarchy: new PolygonHierarchy(positionsOf(ring, 0)),
      height,
      extrudedHeight,
      vertexFormat: extrudedHeight === undefined ? PerInstanceColorAppearance.FLAT_VERTEX_FORMAT : PerInstanceColorAppearance.VERTEX_FORMAT,
    }),
    attributes: { color: ColorGeometryInstanceAttribute.fromColor(color) },
  });
}

const SYNC_BATCH_MAX = 400;

/** One layer's current batch; `set` replaces it with a new one built from `instances`. */
export class PrimitiveSlot {
  private current: Primitive | null = null;
  count = 0;

  constructor(private readonly scene: Scene) {}

  /**
   * `asynchronous`: build the geometry in Cesium's workers (the main thread stays free, but it takes several
   * frames and the workers are few: one on a 2-core seat). Flat ground and outlines are cheap to build on
   * the spot and then show in the very next frame; the default does that for small batches only.
   */
  set(instances: GeometryInstance[], appearance: PerInstanceColorAppearance | PolylineColorAppearance, asynchronous = instances.length > SYNC_BATCH_MAX): void {
    this.clear();
    this.count = instances.length;
    if (instances.length === 0) return;
    this.current = this.scene.primitives.add(
      new Primitive({ geometryInstances: instances, appearance, asynchronous, allowPicking: false }),
    ) as Primitive;
  }

  get ready(): boolean {
    return this.current === null ? this.count === 0 : this.current.ready;
  }

  set show(value: boolean) {
    if (this.current) this.current.show = value;
  }

  clear(): void {
    if (this.current) this.scene.primitives.remove(this.current);
    this.current = null;
    this.count = 0;
  }
}

export const flatAppearance = (translucent: boolean) => new PerInstanceColorAppearance({ flat: true, translucent });
export const lineAppearance = (translucent: boolean) => new PolylineColorAppearance({ translucent });
