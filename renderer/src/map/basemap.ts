// The town's own ground (no imagery exists offline): urban blocks, green areas and water as flat polygon
// batches, roads and water courses as line batches, the main roads with a soft halo so they glow.
import type { Scene } from 'cesium';
import type { MapFeature } from '../../../native/api/model';
import { PrimitiveSlot, areaInstance, flatAppearance, lineAppearance, lineInstance } from './batch';
import { layerHeight, palette, roadWidthPx } from './palette';

type AreaKind = 'block' | 'green' | 'water';

export class BasemapLayer {
  private readonly areas: Record<AreaKind, PrimitiveSlot>;
  private readonly roads: PrimitiveSlot;
  private readonly roadHalos: PrimitiveSlot;
  private readonly waterLines: PrimitiveSlot;

  constructor(scene: Scene) {
    this.areas = { block: new PrimitiveSlot(scene), green: new PrimitiveSlot(scene), water: new PrimitiveSlot(scene) };
    this.waterLines = new PrimitiveSlot(scene);
    this.roadHalos = new PrimitiveSlot(scene);
    this.roads = new PrimitiveSlot(scene);
  }

  set(features: readonly MapFeature[]): void {
    const areas: Record<AreaKind, ReturnType<typeof areaInstance>[]> = { block: [], green: [], water: [] };
    const roads: ReturnType<typeof lineInstance>[] = [];
    const halos: ReturnType<typeof lineInstance>[] = [];
    const waterLines: ReturnType<typeof lineInstance>[] = [];
    for (const f of features) {
      if (f.shape === 'polygon') {
        const kind: AreaKind = f.kind === 'road' ? 'block' : f.kind;
        const color = kind === 'water' ? palette.water : kind === 'green' ? palette.green : palette.block;
        areas[kind].push(areaInstance(f.id, f.coords, layerHeight[kind], color));
      } else if (f.kind === 'water') {
        const width = Math.max(1.5, Math.min(6, f.widthM / 12));
        waterLines.push(lineInstance(f.id, f.coords, layerHeight.water, width, palette.waterLine));
      } else if (f.kind === 'road') {
        const width = roadWidthPx[f.class] ?? 1.2;
        roads.push(lineInstance(f.id, f.coords, layerHeight.road, width, palette.road[f.class] ?? palette.road.street!));
        if (f.class === 'primary' || f.class === 'secondary') {
          halos.push(lineInstance(`${f.id}:halo`, f.coords, layerHeight.road - 0.5, width * 3.2, palette.roadHalo));
        }
      }
    }
    // Built on the spot (a few thousand flat shapes take ~100 ms): the ground shows in the next frame
    // instead of queueing in Cesium's workers behind the buildings.
    this.areas.block.set(areas.block, flatAppearance(false), false);
    this.areas.green.set(areas.green, flatAppearance(false), false);
    this.areas.water.set(areas.water, flatAppearance(false), false);
    this.waterLines.set(waterLines, lineAppearance(false), false);
    this.roadHalos.set(halos, lineAppearance(true), false);
    this.roads.set(roads, lineAppearance(false), false);
  }

  get ready(): boolean {
    return Object.values(this.areas).every((s) => s.ready) && this.roads.ready && this.roadHalos.ready && this.waterLines.ready;
  }

  counts(): Record<string, number> {
    return {
      blocks: this.areas.block.count,
      green: this.areas.green.count,
      waterAreas: this.areas.water.count,
      waterLines: this.waterLines.count,
      roads: this.roads.count,
    };
  }
}
