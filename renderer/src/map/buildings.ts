// Extruded buildings: one Primitive holding every footprint as an extruded polygon, coloured by use.
// Lit by the scene's fixed overhead light, so roofs read a little lighter than walls.
import { PerInstanceColorAppearance, type Scene } from 'cesium';
import type { Building } from '../../../native/api/model';
import { PrimitiveSlot, areaInstance } from './batch';
import { palette } from './palette';

export class BuildingLayer {
  private readonly slot: PrimitiveSlot;

  constructor(scene: Scene) {
    this.slot = new PrimitiveSlot(scene);
  }

  set(buildings: readonly Building[]): void {
    const instances = buildings.map((b) => areaInstance(b.id, b.footprint, 0, palette.building[b.use], b.heightM));
    this.slot.set(instances, new PerInstanceColorAppearance({ flat: false, translucent: false }));
  }

  get ready(): boolean {
    return this.slot.ready;
  }

  get count(): number {
    return this.slot.count;
  }
}
