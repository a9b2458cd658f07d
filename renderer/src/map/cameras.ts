// Camera markers: one BillboardCollection of a small camera glyph (amber online, grey offline), smaller
// and fainter with distance so 3,000 of them read as a texture at county level and as icons in a street.
import {
  BillboardCollection, Cartesian3, NearFarScalar, VerticalOrigin, type Billboard, type Scene,
} from 'cesium';
import type { Camera } from '../../../native/api/model';
import type { MarkerId } from './marker-id';
import { palette } from './palette';

/** A white camera glyph with a dark outline, tinted per billboard; one data URL so the atlas holds it once. */
function cameraGlyph(): string {
  const size = 32;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d')!;
  ctx.lineWidth = 2.5;
  ctx.strokeStyle = '#02050b';
  ctx.fillStyle = '#ffffff';
  ctx.beginPath();
  ctx.roundRect(3, 9, 18, 14, 3);
  ctx.moveTo(21, 14);
  ctx.lineTo(29, 9);
  ctx.lineTo(29, 23);
  ctx.lineTo(21, 18);
  ctx.closePath();
  ctx.stroke();
  ctx.fill();
  ctx.fillStyle = '#02050b';
  ctx.beginPath();
  ctx.arc(12, 16, 3.2, 0, Math.PI * 2);
  ctx.fill();
  return canvas.toDataURL('image/png');
}

export class CameraLayer {
  private readonly collection: BillboardCollection;
  private readonly byId = new Map<string, Billboard>();
  private glyph: string | null = null;

  constructor(private readonly scene: Scene) {
    this.collection = scene.primitives.add(new BillboardCollection({ scene })) as BillboardCollection;
  }

  /** Adds new cameras, updates known ones, removes those no longer listed. */
  set(cameras: readonly Camera[]): void {
    this.glyph ??= cameraGlyph();
    const seen = new Set<string>();
    for (const c of cameras) {
      seen.add(c.id);
      const position = Cartesian3.fromDegrees(c.position[0], c.position[1], 8);
      const color = c.online ? palette.cameraOnline : palette.cameraOffline;
      const existing = this.byId.get(c.id);
      if (existing) {
        existing.position = position;
        existing.color = color;
        continue;
      }
      const id: MarkerId = { kind: 'camera', id: c.id };
      this.byId.set(c.id, this.collection.add({
        id,
        position,
        image: this.glyph,
        color,
        width: 24,
        height: 24,
        verticalOrigin: VerticalOrigin.CENTER,
        scaleByDistance: new NearFarScalar(800, 1.0, 25_000, 0.4),
        translucencyByDistance: new NearFarScalar(20_000, 1.0, 150_000, 0.45),
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
      }));
    }
    for (const [id, b] of this.byId) {
      if (seen.has(id)) continue;
      this.collection.remove(b);
      this.byId.delete(id);
    }
    this.scene.requestRender();
  }

  /** Where a camera's marker stands, or null when unknown or hidden. */
  positionOf(id: string): Cartesian3 | null {
    return this.collection.show ? this.byId.get(id)?.position ?? null : null;
  }

  set show(value: boolean) {
    this.collection.show = value;
  }

  get count(): number {
    return this.byId.size;
  }
}
