// Wartime (战时) on the map: the activated responsibility grids filled and outlined in red, the incident's
// radius as a ring, and a pulsing-red marker at the incident itself. Cleared when the county stands down.
import {
  BillboardCollection, Cartesian3, Color, PolylineColorAppearance, VerticalOrigin, type Scene,
} from 'cesium';
import type { Grid, LonLat } from '../../../native/api/model';
import { PrimitiveSlot, areaInstance, flatAppearance, lineInstance } from './batch';

export interface WartimeView {
  position: LonLat;
  radiusM: number;
  grids: readonly Pick<Grid, 'code' | 'boundary'>[];
}

const FILL = Color.fromCssColorString('#ff2a2a').withAlpha(0.28);
const OUTLINE = Color.fromCssColorString('#ff5a5a');
const RING = Color.fromCssColorString('#ffb02e');
const HEIGHT_M = 26;
const EARTH_M = 6_371_000;

/** A circle of `radiusM` around `centre` as a ring of lon/lat points (small radii: flat earth is enough). */
export function circleRing([lon, lat]: LonLat, radiusM: number, steps = 72): LonLat[] {
  const dLat = (radiusM / EARTH_M) * (180 / Math.PI);
  const dLon = dLat / Math.cos((lat * Math.PI) / 180);
  return Array.from({ length: steps }, (_, i) => {
    const a = (i / steps) * Math.PI * 2;
    return [lon + dLon * Math.cos(a), lat + dLat * Math.sin(a)] as LonLat;
  });
}

function starGlyph(): string {
  const s = 56;
  const canvas = document.createElement('canvas');
  canvas.width = s;
  canvas.height = s;
  const ctx = canvas.getContext('2d')!;
  ctx.beginPath();
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? s / 2 - 3 : s / 5;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    ctx.lineTo(s / 2 + r * Math.cos(a), s / 2 + r * Math.sin(a));
  }
  ctx.closePath();
  ctx.fillStyle = '#ff2a2a';
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = 3;
  ctx.fill();
  ctx.stroke();
  return canvas.toDataURL('image/png');
}

export class WartimeLayer {
  private readonly fill: PrimitiveSlot;
  private readonly lines: PrimitiveSlot;
  private readonly marker: BillboardCollection;
  private gridCount = 0;

  constructor(private readonly scene: Scene) {
    this.fill = new PrimitiveSlot(scene);
    this.lines = new PrimitiveSlot(scene);
    this.marker = scene.primitives.add(new BillboardCollection({ scene })) as BillboardCollection;
  }

  /** Draws an incident's wartime grids and radius; null returns the map to peacetime. */
  set(view: WartimeView | null): void {
    this.fill.clear();
    this.lines.clear();
    this.marker.removeAll();
    this.gridCount = view?.grids.length ?? 0;
    if (view) {
      this.fill.set(view.grids.map((g) => areaInstance(`war:${g.code}`, g.boundary, HEIGHT_M - 2, FILL)), flatAppearance(true), false);
      const outlines = view.grids.map((g) => lineInstance(`war-line:${g.code}`, g.boundary, HEIGHT_M, 3, OUTLINE, true));
      outlines.push(lineInstance('war-radius', circleRing(view.position, view.radiusM), HEIGHT_M + 1, 4, RING, true));
      // Over the buildings: the operator must see the whole activated area at a glance.
      this.lines.set(outlines, new PolylineColorAppearance({ translucent: false, renderState: { depthTest: { enabled: false } } }), false);
      this.marker.add({
        image: starGlyph(), width: 48, height: 48, verticalOrigin: VerticalOrigin.CENTER,
        position: Cartesian3.fromDegrees(view.position[0], view.position[1], HEIGHT_M + 10),
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
      });
    }
    this.scene.requestRender();
  }

  get count(): number {
    return this.gridCount;
  }
}
