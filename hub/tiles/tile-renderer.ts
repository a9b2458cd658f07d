// Draws the county's raster imagery tiles from its own data: land inside the county outline, green and
// built blocks, water, then roads by importance. Dark and quiet on purpose: the station's vector layers
// draw over it. Coordinates are projected to Web Mercator once; a tile draws only what meets it.
import type { Grid, LonLat, MapFeature } from '../../native/api/model.js';
import {
  IMAGERY_MAX_ZOOM, IMAGERY_MIN_ZOOM, boxOf, boxesMeet, isValidTile, lonLatToTileXY, tileBox, type LonLatBox, type TileId,
} from '../../native/tiles/tile-math.js';
import { encodePng } from './png.js';
import { Raster, type Rgba } from './raster.js';

export const TILE_SIZE = 256;
/** Drawn at twice the size and averaged down: anti-aliased edges for little code. */
const SUPERSAMPLE = 2;
const EARTH_CIRCUMFERENCE_M = 40_075_016.686;

const colors = {
  land: [12, 22, 38, 255],
  green: [12, 36, 34, 255],
  block: [18, 30, 50, 255],
  industrial: [24, 27, 42, 255],
  water: [10, 42, 88, 255],
  waterLine: [16, 66, 130, 255],
  primary: [44, 116, 156, 255],
  secondary: [32, 88, 124, 255],
  street: [24, 60, 88, 255],
} satisfies Record<string, Rgba>;

/** The lowest zoom each road class shows from: a county overview is not a tangle of streets. */
const ROAD_FROM_ZOOM: Record<string, number> = { primary: 0, secondary: 10, street: 13 };

interface Shape {
  box: LonLatBox;
  /** Flat x, y pairs in tile units at zoom 0 (multiply by 2^z and subtract the tile's x, y). */
  world: Float64Array;
  color: Rgba;
  /** Lines only: width in metres, and the zoom they show from. */
  widthM?: number;
  fromZoom?: number;
}

function project(coords: readonly LonLat[]): Float64Array {
  const out = new Float64Array(coords.length * 2);
  coords.forEach((p, i) => {
    const [x, y] = lonLatToTileXY(p, 0);
    out[2 * i] = x;
    out[2 * i + 1] = y;
  });
  return out;
}

function shapeOf(f: MapFeature): Shape | null {
  const box = boxOf(f.coords);
  if (!box) return null;
  const world = project(f.coords);
  if (f.shape === 'polygon') {
    const color = f.kind === 'water' ? colors.water : f.kind === 'green' ? colors.green : f.class === 'industrial' ? colors.industrial : colors.block;
    return { box, world, color };
  }
  if (f.kind === 'water') return { box, world, color: colors.waterLine, widthM: f.widthM, fromZoom: 0 };
  if (f.kind !== 'road') return null;
  const color = f.class === 'primary' ? colors.primary : f.class === 'secondary' ? colors.secondary : colors.street;
  return { box, world, color, widthM: f.widthM, fromZoom: ROAD_FROM_ZOOM[f.class] ?? 13 };
}

/** Areas bottom to top, then lines bottom to top: what a reader expects to cross what. */
function paintOrder(s: Shape): number {
  if (s.widthM === undefined) return s.color === colors.water ? 2 : s.color === colors.green ? 0 : 1;
  if (s.color === colors.waterLine) return 3;
  return s.color === colors.street ? 4 : s.color === colors.secondary ? 5 : 6;
}

export class TileRenderer {
  readonly box: LonLatBox;
  private readonly land: Shape;
  private readonly shapes: Shape[];

  constructor(county: Grid, basemap: readonly MapFeature[]) {
    const box = boxOf(county.boundary);
    if (!box) throw new Error('the county has no outline to draw');
    this.box = box;
    this.land = { box, world: project(county.boundary), color: colors.land };
    this.shapes = basemap
      .map(shapeOf)
      .filter((s): s is Shape => s !== null)
      .sort((a, b) => paintOrder(a) - paintOrder(b));
  }

  /** Whether the tile exists: a zoom we render, meeting the county's extent. */
  covers(tile: TileId): boolean {
    return isValidTile(tile) && tile.z >= IMAGERY_MIN_ZOOM && tile.z <= IMAGERY_MAX_ZOOM && boxesMeet(tileBox(tile), this.box);
  }

  /** The tile as RGBA pixels (transparent outside the county); null when it does not exist. */
  pixels(tile: TileId): Raster | null {
    if (!this.covers(tile)) return null;
    const { z, x, y } = tile;
    const size = TILE_SIZE * SUPERSAMPLE;
    const scale = 2 ** z;
    const raster = new Raster(size, size);
    const box = tileBox(tile);
    // Metres per (supersampled) pixel at the tile's middle latitude.
    const mpp = (EARTH_CIRCUMFERENCE_M * Math.cos((((box[1] + box[3]) / 2) * Math.PI) / 180)) / (scale * size);
    const toPixels = (world: Float64Array): Float64Array => {
      const out = new Float64Array(world.length);
      for (let i = 0; i < world.length; i += 2) {
        out[i] = (world[i]! * scale - x) * size;
        out[i + 1] = (world[i + 1]! * scale - y) * size;
      }
      return out;
    };
    raster.fillRings([toPixels(this.land.world)], this.land.color);
    for (const s of this.shapes) {
      if (!boxesMeet(s.box, box)) continue;
      if (s.widthM === undefined) {
        raster.fillRings([toPixels(s.world)], s.color);
      } else if (z >= (s.fromZoom ?? 0)) {
        raster.strokePath(toPixels(s.world), Math.max(SUPERSAMPLE, s.widthM / mpp), s.color);
      }
    }
    return raster.downsample();
  }

  png(tile: TileId): Buffer | null {
    const r = this.pixels(tile);
    return r && encodePng(r.width, r.height, r.data);
  }
}
