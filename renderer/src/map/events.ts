// Event markers: one BillboardCollection of a diamond warning glyph tinted with the event's five-colour
// severity, so work orders never read as the round grid-worker dots. Work waiting on the command room
// (reported, returned, escalated, reopened) is drawn larger; archived and merged events are not drawn;
// the selected event gets a white ring.
import {
  BillboardCollection, Cartesian3, Color, NearFarScalar, VerticalOrigin, type Billboard, type Scene,
} from 'cesium';
import type { GridEvent } from '../../../native/api/model';
import { isOpen } from '../../../native/api/work-order';
import { severityColour } from '../events/severity';
import type { MarkerId } from './marker-id';

const MARKER_HEIGHT_M = 12;
const NEEDS_COMMAND = new Set(['reported', 'returned', 'escalated', 'reopened']);

export type EventMarker = Pick<GridEvent, 'id' | 'severity' | 'state' | 'position'>;

function glyph(draw: (ctx: CanvasRenderingContext2D, size: number) => void): string {
  const size = 40;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  draw(canvas.getContext('2d')!, size);
  return canvas.toDataURL('image/png');
}

/** A white diamond with a dark outline and a dark "!", tinted per billboard. */
const diamond = (): string => glyph((ctx, s) => {
  const c = s / 2;
  ctx.beginPath();
  ctx.moveTo(c, 3);
  ctx.lineTo(s - 3, c);
  ctx.lineTo(c, s - 3);
  ctx.lineTo(3, c);
  ctx.closePath();
  ctx.fillStyle = '#ffffff';
  ctx.lineWidth = 3;
  ctx.strokeStyle = '#02050b';
  ctx.fill();
  ctx.stroke();
  ctx.fillStyle = '#02050b';
  ctx.fillRect(c - 2, c - 9, 4, 11);
  ctx.fillRect(c - 2, c + 5, 4, 4);
});

const ring = (): string => glyph((ctx, s) => {
  ctx.beginPath();
  ctx.arc(s / 2, s / 2, s / 2 - 4, 0, Math.PI * 2);
  ctx.lineWidth = 4;
  ctx.strokeStyle = '#ffffff';
  ctx.stroke();
});

export class EventLayer {
  private readonly collection: BillboardCollection;
  private readonly byId = new Map<string, Billboard>();
  private readonly highlight: Billboard;
  private selectedId: string | null = null;
  private readonly image: string;

  constructor(private readonly scene: Scene) {
    this.collection = scene.primitives.add(new BillboardCollection({ scene })) as BillboardCollection;
    this.image = diamond();
    this.highlight = this.collection.add({
      image: ring(), show: false, width: 46, height: 46, position: Cartesian3.ZERO,
      disableDepthTestDistance: Number.POSITIVE_INFINITY,
    });
  }

  /** The open events: adds new ones, restyles known ones, removes closed or vanished ones. */
  set(events: readonly EventMarker[]): void {
    const seen = new Set<string>();
    for (const e of events) {
      if (!isOpen(e.state)) continue;
      seen.add(e.id);
      const size = NEEDS_COMMAND.has(e.state) ? 30 : 24;
      const position = Cartesian3.fromDegrees(e.position[0], e.position[1], MARKER_HEIGHT_M);
      const color = Color.fromCssColorString(severityColour(e.severity));
      const existing = this.byId.get(e.id);
      if (existing) {
        existing.position = position;
        existing.color = color;
        existing.width = size;
        existing.height = size;
        continue;
      }
      const id: MarkerId = { kind: 'event', id: e.id };
      this.byId.set(e.id, this.collection.add({
        id, position, color, image: this.image, width: size, height: size,
        verticalOrigin: VerticalOrigin.CENTER,
        // Work orders are what the commander acts on: they stay larger than worker dots at county scale.
        scaleByDistance: new NearFarScalar(1_500, 1.1, 80_000, 0.8),
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
      }));
    }
    for (const [id, b] of this.byId) {
      if (seen.has(id)) continue;
      this.collection.remove(b);
      this.byId.delete(id);
    }
    this.placeHighlight();
    this.scene.requestRender();
  }

  select(id: string | null): void {
    this.selectedId = id;
    this.placeHighlight();
    this.scene.requestRender();
  }

  positionOf(id: string): Cartesian3 | null {
    return this.byId.get(id)?.position ?? null;
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  get count(): number {
    return this.byId.size;
  }

  private placeHighlight(): void {
    const target = this.selectedId ? this.byId.get(this.selectedId) : undefined;
    this.highlight.show = target !== undefined;
    if (target) this.highlight.position = target.position;
  }
}
