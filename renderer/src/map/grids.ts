// The grid hierarchy on the map: one line batch and one label collection per level, shown by camera
// height (grid-levels.ts), plus the highlighted outline of the selected grid.
import {
  BlendOption, Cartesian2, Cartesian3, DistanceDisplayCondition, HorizontalOrigin, LabelCollection, LabelStyle, NearFarScalar,
  PolylineColorAppearance, VerticalOrigin, type Scene,
} from 'cesium';
import type { Grid, GridLevel } from '../../../native/api/model';
import { PrimitiveSlot, areaInstance, flatAppearance, lineAppearance, lineInstance } from './batch';
import { gridLevelStyle, shortGridName, visibleGridLevels, visibleLabelLevels } from './grid-levels';
import { gridWidthPx, layerHeight, palette } from './palette';

export class GridLayer {
  private readonly lines: Record<GridLevel, PrimitiveSlot>;
  private readonly labels: Record<GridLevel, LabelCollection>;
  private readonly selection: PrimitiveSlot;
  private readonly land: PrimitiveSlot;
  private readonly countyHalo: PrimitiveSlot;
  private cameraHeight = Number.POSITIVE_INFINITY;
  /** Names by code, so unit labels can drop their village's name. */
  private readonly names = new Map<string, string>();

  constructor(private readonly scene: Scene) {
    this.land = new PrimitiveSlot(scene);
    this.countyHalo = new PrimitiveSlot(scene);
    const levels: GridLevel[] = ['unit', 'village', 'town', 'county'];
    this.lines = Object.fromEntries(levels.map((l) => [l, new PrimitiveSlot(scene)])) as Record<GridLevel, PrimitiveSlot>;
    this.labels = Object.fromEntries(
      // Translucent only: names draw after every opaque marker, so they stay on top of the dots.
      levels.map((l) => [l, scene.primitives.add(new LabelCollection({ scene, blendOption: BlendOption.TRANSLUCENT })) as LabelCollection]),
    ) as Record<GridLevel, LabelCollection>;
    this.selection = new PrimitiveSlot(scene);
  }

  set(level: GridLevel, grids: readonly Grid[]): void {
    const color = palette.grid[level];
    const instances = grids.map((g) => lineInstance(g.code, g.boundary, layerHeight.grid[level], gridWidthPx[level], color, true));
    // Outlines are cheap to build on the spot and show in the next frame.
    this.lines[level].set(instances, lineAppearance(level !== 'county'), false);
    this.lines[level].show = visibleGridLevels(this.cameraHeight).includes(level);
    if (level === 'county') {
      // The county's land a shade lighter than the world, its outline with a soft glow.
      this.land.set(grids.map((g) => areaInstance(`land:${g.code}`, g.boundary, layerHeight.land, palette.land)), flatAppearance(false));
      this.countyHalo.set(grids.map((g) => lineInstance(`halo:${g.code}`, g.boundary, layerHeight.grid.county - 1, 9, palette.countyHalo, true)), lineAppearance(true));
    }

    for (const g of grids) this.names.set(g.code, g.name);
    const labels = this.labels[level];
    labels.removeAll();
    labels.show = visibleLabelLevels(this.cameraHeight).includes(level);
    const style = gridLevelStyle[level].label;
    if (!style) return;
    for (const g of grids) {
      labels.add({
        position: Cartesian3.fromDegrees(g.center[0], g.center[1], 40),
        text: level === 'unit' ? shortGridName(g.name, g.parentCode ? this.names.get(g.parentCode) ?? null : null) : g.name,
        font: style.font,
        fillColor: level === 'town' ? palette.labelTown : level === 'village' ? palette.labelVillage : palette.labelUnit,
        outlineColor: palette.labelOutline,
        outlineWidth: level === 'town' ? 6 : 4,
        style: LabelStyle.FILL_AND_OUTLINE,
        horizontalOrigin: HorizontalOrigin.CENTER,
        verticalOrigin: VerticalOrigin.CENTER,
        // Town seats crowd their centres with buildings and workers: lift town names above them.
        pixelOffset: level === 'town' ? new Cartesian2(0, -26) : Cartesian2.ZERO,
        distanceDisplayCondition: new DistanceDisplayCondition(style.near, style.far),
        scaleByDistance: level === 'town' ? new NearFarScalar(20_000, 1.0, 250_000, 0.7) : undefined,
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
      });
    }
  }

  /** Highlights one grid's outline (or none). */
  select(grid: Grid | null): void {
    if (!grid) {
      this.selection.clear();
      return;
    }
    // Drawn without depth test: buildings must not hide the outline the operator just chose.
    const appearance = new PolylineColorAppearance({ translucent: false, renderState: { depthTest: { enabled: false } } });
    this.selection.set([lineInstance(`sel:${grid.code}`, grid.boundary, layerHeight.selection, 4, palette.selection, true)], appearance, false);
  }

  /** Called when the camera moves: shows each level's lines only below its height. */
  setCameraHeight(heightM: number): void {
    this.cameraHeight = heightM;
    const visible = visibleGridLevels(heightM);
    const labelled = visibleLabelLevels(heightM);
    for (const level of Object.keys(this.lines) as GridLevel[]) {
      this.lines[level].show = visible.includes(level);
      this.labels[level].show = labelled.includes(level);
    }
  }

  get ready(): boolean {
    return Object.values(this.lines).every((s) => s.ready) && this.land.ready;
  }

  counts(): Record<string, number> {
    return {
      countyLines: this.lines.county.count,
      townLines: this.lines.town.count,
      villageLines: this.lines.village.count,
      unitLines: this.lines.unit.count,
      labels: Object.values(this.labels).reduce((n, c) => n + c.length, 0),
    };
  }
}
