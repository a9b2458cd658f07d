// Grid-worker markers: one PointPrimitiveCollection updated in place. Each worker keeps its point for
// life (id → point); a position batch only moves the points it names.
import { BlendOption, Cartesian3, NearFarScalar, PointPrimitiveCollection, type PointPrimitive, type Scene } from 'cesium';
import type { LonLat, Worker } from '../../../native/api/model';
import type { MarkerId } from './marker-id';
import { palette } from './palette';

const MARKER_HEIGHT_M = 6;

export interface WorkerFix {
  id: string;
  position: LonLat;
}

export class WorkerLayer {
  private readonly collection: PointPrimitiveCollection;
  private readonly byId = new Map<string, { point: PointPrimitive; lon: number; lat: number }>();
  private readonly scratch = new Cartesian3();

  constructor(private readonly scene: Scene) {
    // Opaque only: drawn before the translucent pass, where the place names are, so names stay on top.
    this.collection = scene.primitives.add(new PointPrimitiveCollection({ blendOption: BlendOption.OPAQUE })) as PointPrimitiveCollection;
  }

  /** The full roster: adds new workers, moves known ones, removes those gone. */
  set(workers: readonly Worker[]): void {
    const seen = new Set<string>();
    for (const w of workers) {
      seen.add(w.id);
      if (this.byId.has(w.id)) continue;
      const id: MarkerId = { kind: 'worker', id: w.id };
      const point = this.collection.add({
        id,
        position: Cartesian3.fromDegrees(w.position[0], w.position[1], MARKER_HEIGHT_M),
        pixelSize: 7,
        color: palette.worker,
        outlineColor: palette.workerOutline,
        outlineWidth: 1,
        scaleByDistance: new NearFarScalar(1_500, 1.3, 80_000, 0.5),
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
      });
      this.byId.set(w.id, { point, lon: w.position[0], lat: w.position[1] });
    }
    this.apply(workers);
    for (const [id, entry] of this.byId) {
      if (seen.has(id)) continue;
      this.collection.remove(entry.point);
      this.byId.delete(id);
    }
  }

  /** Moves the named workers' points; unknown ids wait for the next roster. Returns how many moved. */
  apply(fixes: readonly WorkerFix[]): number {
    let moved = 0;
    for (const fix of fixes) {
      const entry = this.byId.get(fix.id);
      if (!entry) continue;
      const [lon, lat] = fix.position;
      if (lon === entry.lon && lat === entry.lat) continue;
      entry.lon = lon;
      entry.lat = lat;
      // The setter copies the value, so one scratch Cartesian serves every point.
      entry.point.position = Cartesian3.fromDegrees(lon, lat, MARKER_HEIGHT_M, undefined, this.scratch);
      moved++;
    }
    if (moved > 0) this.scene.requestRender();
    return moved;
  }

  positionOf(id: string): Cartesian3 | null {
    return this.byId.get(id)?.point.position ?? null;
  }

  positions(): Array<{ id: string; lon: number; lat: number }> {
    return [...this.byId].map(([id, e]) => ({ id, lon: e.lon, lat: e.lat }));
  }

  get count(): number {
    return this.byId.size;
  }
}
