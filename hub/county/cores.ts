// Each town's built-up core: a street lattice around its seat, sized by how many urban unit grids its
// communities hold. The county seat 安宜镇 gets a large, dense core east of the Grand Canal; the
// development zone a coarse industrial lattice; the other towns small market-town cores.
import type { Town } from './divisions.js';
import { type XY, dist, nearestOnPolyline, pointInRing } from './geo.js';
import { anyiStyle, devZoneStyle, townStyle } from './names.js';
import type { Rng } from './prng.js';
import { COUNTY_SEAT_CODE, DEV_ZONE_CODE, seatOf } from './seats.js';
import { type BlockVerdict, type LineStyle, type StreetGrid, blockCorners, buildStreetGrid } from './streetgrid.js';
import { type Water, canalSide } from './water.js';

/** Metres kept clear between a core block and the canal's bank (room for the canal-side green belt). */
const CANAL_CLEARANCE = 170;

export interface Core {
  grid: StreetGrid;
  seat: XY;
  /** Half-axes of the core's ellipse: what counts as "in town" when placing villages around it. */
  radiusU: number;
  radiusV: number;
  /** Green blocks and their names: parks, and riverside belts where a river runs through a block. */
  greens: Map<string, string | null>;
}

interface Shape {
  angle: number;
  radiusU: number;
  radiusV: number;
  spacing: [number, number];
  style: LineStyle;
}

function shapeOf(rng: Rng, town: Town, communityUnits: number): Shape {
  if (town.code === COUNTY_SEAT_CODE) return { angle: 0.03, radiusU: 2300, radiusV: 2800, spacing: [230, 320], style: anyiStyle(rng.fork('names')) };
  if (town.code === DEV_ZONE_CODE) return { angle: -0.02, radiusU: 1500, radiusV: 1150, spacing: [300, 400], style: devZoneStyle(rng.fork('names')) };
  // A market town: about 55,000 m² of core per urban unit grid, three quarters of the ellipse built.
  const r = Math.sqrt(Math.max(450_000, communityUnits * 55_000) / 0.75 / Math.PI);
  return { angle: rng.range(-0.25, 0.25), radiusU: r * 1.1, radiusV: r * 0.9, spacing: [140, 200], style: townStyle(rng.fork('names'), seatOf(town.code).short) };
}

export function buildCore(rng: Rng, town: Town, seat: XY, townRing: readonly XY[], water: Water, communityUnits: number): Core {
  const shape = shapeOf(rng, town, communityUnits);
  const greens = new Map<string, string | null>();
  const seatSide = canalSide(water, seat);
  const judge = (corners: XY[], centre: XY, key: string): BlockVerdict => {
    for (const c of corners) {
      if (!pointInRing(c, townRing)) return 'drop';
      for (const area of water.areas) if (pointInRing(c, area.ring)) return 'drop';
      if (canalSide(water, c) !== seatSide) return 'drop';
      if (nearestOnPolyline(c, water.canal.line).dist < water.canal.widthM / 2 + CANAL_CLEARANCE) return 'drop';
    }
    const halfDiagonal = dist(corners[0] as XY, corners[2] as XY) / 2;
    for (const river of water.lines) {
      if (river.class !== 'river') continue;
      if (nearestOnPolyline(centre, river.line).dist < halfDiagonal * 0.8 + river.widthM / 2) {
        greens.set(key, `${river.name}风光带`);
        return 'green';
      }
    }
    return 'keep';
  };
  const grid = buildStreetGrid({ rng, townCode: town.code, origin: seat, judge, ...shape });
  const core: Core = { grid, seat, radiusU: shape.radiusU, radiusV: shape.radiusV, greens };
  designateParks(rng.fork('parks'), core, parkNames(town));
  return core;
}

function parkNames(town: Town): string[] {
  if (town.code === COUNTY_SEAT_CODE) return ['纵棹园', '人民公园', '宝应广场', '体育公园', '荷园'];
  if (town.code === DEV_ZONE_CODE) return [];
  return [`${seatOf(town.code).short}文化广场`];
}

/** Turns a few built blocks near the seat into named parks, spaced apart. */
function designateParks(rng: Rng, core: Core, names: readonly string[]): void {
  const built = [...core.grid.blocks].filter(([, use]) => use === 'built').map(([key]) => key);
  if (built.length < 12) return;
  const centreOf = (key: string): XY => {
    const [i, j] = key.split(',').map(Number) as [number, number];
    return blockCorners(core.grid, i, j).reduce<XY>((a, c) => [a[0] + c[0] / 4, a[1] + c[1] / 4], [0, 0]);
  };
  const reach = Math.min(core.radiusU, core.radiusV) * 0.6;
  const near = rng.shuffle(built.filter((k) => dist(centreOf(k), core.seat) < reach));
  const chosen: XY[] = [];
  for (const name of names) {
    const key = near.find((k) => !core.greens.has(k) && chosen.every((c) => dist(c, centreOf(k)) > reach / 2));
    if (!key) break;
    core.grid.blocks.set(key, 'green');
    core.greens.set(key, name);
    chosen.push(centreOf(key));
  }
}

/** Whether a point lies within the core's ellipse grown by `grow` (1 = the ellipse itself). */
export function inCoreZone(core: Core, p: XY, grow: number): boolean {
  const dx = p[0] - core.seat[0];
  const dy = p[1] - core.seat[1];
  const c = Math.cos(-core.grid.angle);
  const s = Math.sin(-core.grid.angle);
  const u = dx * c - dy * s;
  const v = dx * s + dy * c;
  return (u / (core.radiusU * grow)) ** 2 + (v / (core.radiusV * grow)) ** 2 <= 1;
}
