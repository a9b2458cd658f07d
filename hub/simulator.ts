// The demo county's life: grid workers walking their patrol routes and a trickle of new grid events.
// Pure given the county, a seed and the clock it is handed: positions depend only on the time asked
// about, and events on the seed and how many were drawn, so tests use a fake clock and never sleep.
import type { Building, Camera, EventState, Grid, GridEvent, LonLat, Worker } from '../native/api/model.js';
import type { PositionFix } from '../native/sync/hub-protocol.js';
import { Rng } from './county/prng.js';
import type { CountyData, SimulatedWorker } from './county/types.js';
import { EVENT_KINDS, SEVERITY_WEIGHTS, SIMULATED_SOURCES, type EventKind } from './event-catalog.js';

export const DEFAULT_SEED = 321023;

const METRES_PER_DEG_LAT = 110_574;
const METRES_PER_DEG_LON_EQUATOR = 111_320;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A route prepared for lookups: its points and the distance walked at the start of each segment. */
export interface Path {
  points: LonLat[];
  /** cumulative[i] = metres from points[0] to points[i]; the last entry is the whole loop. */
  cumulative: number[];
  length: number;
  /** Metres per degree of longitude at the route's latitude. */
  kx: number;
}

export function preparePath(route: readonly LonLat[]): Path {
  const points = route.slice();
  const first = points[0];
  const last = points[points.length - 1];
  // A closed walk returns to its start; add the closing leg unless the route already repeats it.
  if (first && last && points.length > 1 && (first[0] !== last[0] || first[1] !== last[1])) points.push(first);
  const kx = METRES_PER_DEG_LON_EQUATOR * Math.cos(((first?.[1] ?? 0) * Math.PI) / 180);
  const cumulative = [0];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    cumulative.push(cumulative[i - 1]! + Math.hypot((b[0] - a[0]) * kx, (b[1] - a[1]) * METRES_PER_DEG_LAT));
  }
  return { points, cumulative, length: cumulative[cumulative.length - 1]!, kx };
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/** Degrees clockwise from north in [0, 360), to a tenth of a degree. */
export function headingOf(from: LonLat, to: LonLat, kx: number): number {
  const east = (to[0] - from[0]) * kx;
  const north = (to[1] - from[1]) * METRES_PER_DEG_LAT;
  if (east === 0 && north === 0) return 0;
  const deg = Math.round(((Math.atan2(east, north) * 180) / Math.PI) * 10) / 10;
  const wrapped = ((deg % 360) + 360) % 360;
  return wrapped === 360 ? 0 : wrapped;
}

/** Where a walker is `distance` metres along the loop (any distance: it wraps), and which way it faces. */
export function pointAlong(path: Path, distance: number): { position: LonLat; heading: number } {
  const { points, cumulative, length, kx } = path;
  if (length === 0 || points.length < 2) return { position: points[0] ?? [0, 0], heading: 0 };
  const d = ((distance % length) + length) % length;
  // Binary search for the segment holding d.
  let lo = 0;
  let hi = cumulative.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! <= d) lo = mid;
    else hi = mid;
  }
  const a = points[lo]!;
  const b = points[hi]!;
  const span = cumulative[hi]! - cumulative[lo]!;
  const f = span === 0 ? 0 : (d - cumulative[lo]!) / span;
  return {
    position: [round6(a[0] + (b[0] - a[0]) * f), round6(a[1] + (b[1] - a[1]) * f)],
    heading: headingOf(a, b, kx),
  };
}

interface Walker {
  worker: SimulatedWorker;
  path: Path;
  /** Where on the loop the worker was at t = 0, metres: spreads workers out along their routes. */
  offset: number;
}

export interface SimulatorOptions {
  seed?: number;
  /** Epoch milliseconds; tests hand in a fake clock. */
  now?: () => number;
}

/** China Standard Time has no daylight saving: ids and dates use UTC+8 wherever the hub runs. */
function cstDate(t: number): string {
  return new Date(t + 8 * HOUR).toISOString().slice(0, 10).replaceAll('-', '');
}

export function eventId(reportedAt: number, serial: number): string {
  return `EV${cstDate(reportedAt)}${String(serial).padStart(6, '0')}`;
}

const CLOSED_STATES: readonly (readonly [EventState, number])[] = [
  ['archived', 78],
  ['evaluated', 12],
  ['verified', 10],
];
const OPEN_STATES: readonly (readonly [EventState, number])[] = [
  ['reported', 18],
  ['accepted', 14],
  ['dispatched', 20],
  ['in_progress', 22],
  ['handled', 10],
  ['escalated', 6],
  ['supervised', 5],
  ['returned', 3],
  ['reopened', 2],
];

export class Simulator {
  readonly now: () => number;
  private readonly walkers: Walker[];
  private readonly walkerById = new Map<string, Walker>();
  private readonly rng: Rng;
  private readonly units: Grid[];
  private readonly gridByCode = new Map<string, Grid>();
  private readonly buildingsByGrid = new Map<string, Building[]>();
  private readonly camerasByGrid = new Map<string, Camera[]>();
  private readonly walkersByGrid = new Map<string, Walker[]>();

  constructor(readonly county: CountyData, options: SimulatorOptions = {}) {
    const seed = options.seed ?? DEFAULT_SEED;
    this.now = options.now ?? Date.now;
    this.rng = new Rng(`hub/${seed}/events`);
    this.walkers = county.workers.map((worker) => {
      const path = preparePath(worker.route);
      const offset = new Rng(`hub/${seed}/walker/${worker.id}`).next() * path.length;
      return { worker, path, offset };
    });
    for (const w of this.walkers) {
      this.walkerById.set(w.worker.id, w);
      pushTo(this.walkersByGrid, w.worker.gridCode, w);
    }
    for (const g of county.grids) this.gridByCode.set(g.code, g);
    for (const b of county.buildings) pushTo(this.buildingsByGrid, b.gridCode, b);
    for (const c of county.cameras) pushTo(this.camerasByGrid, c.gridCode, c);
    const units = county.grids.filter((g) => g.level === 'unit');
    this.units = units.length ? units : county.grids.slice();
  }

  /** One walker's fix at time t. */
  fixOf(id: string, t: number = this.now()): PositionFix | null {
    const w = this.walkerById.get(id);
    return w ? this.fix(w, t) : null;
  }

  /** Every worker's fix at time t. */
  positions(t: number = this.now()): PositionFix[] {
    return this.walkers.map((w) => this.fix(w, t));
  }

  /** The public worker records (no route) carrying their fix at time t, for the hub's workers table. */
  workerRecords(t: number = this.now()): Worker[] {
    return this.walkers.map((w) => {
      const { route: _route, speedMps: _speed, ...record } = w.worker;
      const fix = this.fix(w, t);
      return { ...record, position: fix.position, heading: fix.heading, fixAt: fix.fixAt };
    });
  }

  /** A newly reported event at the current time; `serial` numbers it (the store hands them out). */
  nextEvent(serial: number): GridEvent {
    const t = this.now();
    return this.draw(t, serial, 'reported', t);
  }

  /**
   * A month of history for a fresh hub: `count` events reported over the last `days` days, most of them
   * closed, the open ones recent. Numbered from `firstSerial` in the order they were reported.
   */
  history(count: number, firstSerial: number, days = 30): GridEvent[] {
    const now = this.now();
    const drafts: { reportedAt: number; state: EventState; updatedAt: number }[] = [];
    for (let i = 0; i < count; i++) {
      const open = this.rng.chance(0.18);
      if (open) {
        const reportedAt = Math.round(now - this.rng.range(10 * 60_000, 5 * DAY));
        const updatedAt = Math.round(reportedAt + this.rng.range(0, Math.min(DAY, now - reportedAt)));
        drafts.push({ reportedAt, state: this.rng.weighted(OPEN_STATES), updatedAt });
      } else {
        const reportedAt = Math.round(now - this.rng.range(HOUR, days * DAY));
        const updatedAt = Math.min(now, Math.round(reportedAt + this.rng.range(2 * HOUR, 72 * HOUR)));
        drafts.push({ reportedAt, state: this.rng.weighted(CLOSED_STATES), updatedAt });
      }
    }
    drafts.sort((a, b) => a.reportedAt - b.reportedAt);
    return drafts.map((d, i) => this.draw(d.reportedAt, firstSerial + i, d.state, d.updatedAt));
  }

  private fix(w: Walker, t: number): PositionFix {
    const { position, heading } = pointAlong(w.path, w.offset + (w.worker.speedMps * t) / 1000);
    return { id: w.worker.id, position, heading, fixAt: t };
  }

  private draw(reportedAt: number, serial: number, state: EventState, updatedAt: number): GridEvent {
    const rng = this.rng;
    const grid = rng.pick(this.units);
    const source = rng.weighted(SIMULATED_SOURCES);
    const kinds = source === 'ai_video' ? EVENT_KINDS.filter((k) => k.videoDetectable) : EVENT_KINDS;
    const kind: EventKind = rng.weighted(kinds.map((k) => [k, k.weight] as const));
    const title = rng.pick(kind.titles);
    const severity = rng.weighted(SEVERITY_WEIGHTS);
    const { position, address } = this.placeIn(grid, source, reportedAt);
    return {
      id: eventId(reportedAt, serial),
      title,
      category: kind.category,
      source,
      severity,
      state,
      gridCode: grid.code,
      position,
      address,
      reportedAt,
      updatedAt,
    };
  }

  /** Video alerts come from a camera, worker reports from where the worker stands, the rest from a building. */
  private placeIn(grid: Grid, source: string, t: number): { position: LonLat; address: string } {
    const rng = this.rng;
    const cameras = this.camerasByGrid.get(grid.code) ?? [];
    const walkers = this.walkersByGrid.get(grid.code) ?? [];
    const buildings = this.buildingsByGrid.get(grid.code) ?? [];
    const near = `${this.placeName(grid)}附近`;
    if (source === 'ai_video' && cameras.length) {
      const camera = rng.pick(cameras);
      return { position: camera.position, address: `${this.placeName(grid)} ${camera.name}` };
    }
    if (source === 'grid_worker' && walkers.length) {
      return { position: this.fix(rng.pick(walkers), t).position, address: near };
    }
    if (buildings.length) {
      const building = rng.pick(buildings);
      return { position: centroid(building.footprint), address: building.address };
    }
    if (walkers.length) return { position: this.fix(rng.pick(walkers), t).position, address: near };
    return { position: grid.center, address: near };
  }

  /** "安宜镇刘沟社区第3网格": the grid's name under its town, as people say where something is. */
  private placeName(grid: Grid): string {
    const names: string[] = [];
    let g: Grid | undefined = grid;
    while (g && g.level !== 'county') {
      names.unshift(g.name);
      g = g.parentCode ? this.gridByCode.get(g.parentCode) : undefined;
    }
    return names.join('') || grid.name;
  }
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function centroid(ring: readonly LonLat[]): LonLat {
  let x = 0;
  let y = 0;
  for (const p of ring) {
    x += p[0];
    y += p[1];
  }
  return [round6(x / ring.length), round6(y / ring.length)];
}
