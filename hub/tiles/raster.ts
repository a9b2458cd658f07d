// A tiny rasteriser for map tiles: filled polygons (even-odd scanlines) and thick polylines (a quad per
// segment, a disc per joint), opaque colours painted over an RGBA buffer. Anti-aliasing is the caller's
// (draw at 2× and `downsample`).

export type Rgba = readonly [r: number, g: number, b: number, a: number];
/** Flat x, y pairs in pixels. */
export type PixelPath = ArrayLike<number>;

export class Raster {
  readonly data: Uint8Array;

  constructor(readonly width: number, readonly height: number) {
    this.data = new Uint8Array(width * height * 4);
  }

  private span(y: number, xa: number, xb: number, [r, g, b, a]: Rgba): void {
    const from = Math.max(0, Math.ceil(xa - 0.5));
    const to = Math.min(this.width - 1, Math.floor(xb - 0.5));
    let i = (y * this.width + from) * 4;
    for (let x = from; x <= to; x++, i += 4) {
      this.data[i] = r;
      this.data[i + 1] = g;
      this.data[i + 2] = b;
      this.data[i + 3] = a;
    }
  }

  /** Fills rings (holes included: even-odd) sampled at pixel centres. */
  fillRings(rings: readonly PixelPath[], color: Rgba): void {
    let top = Infinity, bottom = -Infinity;
    for (const ring of rings) for (let i = 1; i < ring.length; i += 2) {
      top = Math.min(top, ring[i]!);
      bottom = Math.max(bottom, ring[i]!);
    }
    const y0 = Math.max(0, Math.ceil(top - 0.5));
    const y1 = Math.min(this.height - 1, Math.floor(bottom - 0.5));
    const xs: number[] = [];
    for (let y = y0; y <= y1; y++) {
      const cy = y + 0.5;
      xs.length = 0;
      for (const ring of rings) {
        const n = ring.length / 2;
        for (let i = 0, j = n - 1; i < n; j = i++) {
          const ax = ring[2 * j]!, ay = ring[2 * j + 1]!, bx = ring[2 * i]!, by = ring[2 * i + 1]!;
          if ((ay <= cy) !== (by <= cy)) xs.push(ax + ((cy - ay) / (by - ay)) * (bx - ax));
        }
      }
      xs.sort((p, q) => p - q);
      for (let k = 0; k + 1 < xs.length; k += 2) this.span(y, xs[k]!, xs[k + 1]!, color);
    }
  }

  fillDisc(cx: number, cy: number, radius: number, color: Rgba): void {
    const y0 = Math.max(0, Math.ceil(cy - radius - 0.5));
    const y1 = Math.min(this.height - 1, Math.floor(cy + radius - 0.5));
    for (let y = y0; y <= y1; y++) {
      const dy = y + 0.5 - cy;
      const half = Math.sqrt(Math.max(0, radius * radius - dy * dy));
      this.span(y, cx - half, cx + half, color);
    }
  }

  strokePath(path: PixelPath, width: number, color: Rgba): void {
    const half = width / 2;
    for (let i = 2; i + 1 < path.length; i += 2) {
      const ax = path[i - 2]!, ay = path[i - 1]!, bx = path[i]!, by = path[i + 1]!;
      const len = Math.hypot(bx - ax, by - ay);
      if (len === 0 || this.outside(ax, ay, bx, by, half)) continue;
      const nx = (-(by - ay) / len) * half, ny = ((bx - ax) / len) * half;
      this.fillRings([[ax + nx, ay + ny, bx + nx, by + ny, bx - nx, by - ny, ax - nx, ay - ny]], color);
    }
    // Round joints and caps: without them thick bends show notches.
    if (half < 1) return;
    for (let i = 0; i + 1 < path.length; i += 2) {
      if (!this.outside(path[i]!, path[i + 1]!, path[i]!, path[i + 1]!, half)) this.fillDisc(path[i]!, path[i + 1]!, half, color);
    }
  }

  /** Whether a segment, widened by `margin`, misses the raster (long roads cross many tiles). */
  private outside(ax: number, ay: number, bx: number, by: number, margin: number): boolean {
    return Math.max(ax, bx) < -margin || Math.min(ax, bx) > this.width + margin || Math.max(ay, by) < -margin || Math.min(ay, by) > this.height + margin;
  }

  /** Averages each 2×2 block (premultiplied, so transparent edges do not darken): a 2× drawing becomes anti-aliased. */
  downsample(): Raster {
    const out = new Raster(this.width >> 1, this.height >> 1);
    const src = this.data, dst = out.data, row = this.width * 4;
    for (let y = 0; y < out.height; y++) {
      for (let x = 0; x < out.width; x++) {
        const i = 2 * y * row + 8 * x;
        const a0 = src[i + 3]!, a1 = src[i + 7]!, a2 = src[i + row + 3]!, a3 = src[i + row + 7]!;
        const a = a0 + a1 + a2 + a3;
        const o = (y * out.width + x) * 4;
        if (a === 0) continue;
        for (let c = 0; c < 3; c++) {
          dst[o + c] = Math.round((src[i + c]! * a0 + src[i + 4 + c]! * a1 + src[i + row + c]! * a2 + src[i + row + 4 + c]! * a3) / a);
        }
        dst[o + 3] = Math.round(a / 4);
      }
    }
    return out;
  }
}
