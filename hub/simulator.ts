// The demo county's life: grid workers walking their patrol routes and new grid events from every intake
// channel (worker patrols, 12345 hotline, AI video alerts with a snapshot, public tips).
// Pure given the county, a seed and the clock it is handed: positions depend only on the time asked
// about, and events on the seed and how many were drawn, so tests use a fake clock and never sleep.
import { HandlingLevel, type Building, type Camera, type CollectionItem, type Grid, type GridEvent, type Lists, type LonLat, type Worker } from '../native/api/model.js';
import type { PositionFix } from '../native/sync/hub-protocol.js';
import { Rng } from './county/prng.js';
import type { CountyData, SimulatedWorker } from './county/types.js';
import { CITIZEN_SURNAMES, DETECTION_LABELS, EVENT_KINDS, SEVERITY_WEIGHTS, SIMULATED_SOURCES, type EventKind } from './event-catalog.js';
import { SHIPPED_LISTS } from './lists.js';
import { snapshotPath } from './snapshot.js';

export const DEFAULT_SEED = 321023;

const METRES_PER_DEG_LAT = 110_574;
const METRES_PER_DEG_LON_EQUATOR = 111_320;
const HOUR = 3_600_000;
/** A worker whose phone shared a fix stands there until it has been quiet this long, then walks its route again. */
export const PHONE_FIX_HOLD_MS = 2 * 60_000;

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
  /** The collection and responsibility lists events are drawn from; default the shipped ones. */
  lists?: Lists;
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

/**
 * The level a new event is handled at: the lowest level the responsibility list names for its category
 * (小事不出村, 大事不出镇); serious ones (severity 4–5) start one level up where the list has a row there.
 */
export function handlingLevel(category: string, severity: number, lists: Pick<Lists, 'responsibilities'>): HandlingLevel {
  const levels = HandlingLevel.options.filter((l) => lists.responsibilities.some((r) => r.category === category && r.level === l));
  const lowest = levels[0] ?? 'town';
  if (severity >= 4) return levels[1] ?? lowest;
  return lowest;
}

/** An intake kind: a collection-list item and the texts people write about it. */
interface IntakeKind {
  item: CollectionItem;
  titles: readonly string[];
  descriptions: readonly string[];
  videoDetectable: boolean;
  weight: number;
}

function intakeKinds(items: readonly CollectionItem[]): IntakeKind[] {
  return items.map((item) => {
    const known: EventKind | undefined = EVENT_KINDS.find((k) => k.category === item.category);
    if (known) return { item, titles: known.titles, descriptions: known.descriptions, videoDetectable: known.videoDetectable, weight: known.weight };
    // Items the catalogue has no texts for are reported rarely, in the list's own words.
    return {
      item,
      titles: [`${item.name}问题`, `发现${item.name}情况`],
      descriptions: [`${item.name}问题，需相关部门核实处置。`, `现场存在${item.name}情况，请尽快处理。`],
      videoDetectable: false,
      weight: 2,
    };
  });
}

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
  readonly cameraById = new Map<string, Camera>();
  readonly lists: Lists;
  private readonly kinds: IntakeKind[];
  private readonly videoKinds: IntakeKind[];
  /** Fixes from workers' phones (the field page), by worker id: these win over the simulated walk. */
  private readonly phoneFixes = new Map<string, PositionFix>();

  constructor(readonly county: CountyData, options: SimulatorOptions = {}) {
    const seed = options.seed ?? DEFAULT_SEED;
    this.now = options.now ?? Date.now;
    this.lists = options.lists ?? SHIPPED_LISTS;
    this.kinds = intakeKinds(this.lists.collectionItems);
    const video = this.kinds.filter((k) => k.videoDetectable);
    this.videoKinds = video.length ? video : this.kinds;
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
    for (const c of county.cameras) {
      pushTo(this.camerasByGrid, c.gridCode, c);
      this.cameraById.set(c.id, c);
    }
    const units = county.grids.filter((g) => g.level === 'unit');
    this.units = units.length ? units : county.grids.slice();
  }

  /** One walker's fix at time t. */
  fixOf(id: string, t: number = this.now()): PositionFix | null {
    const w = this.walkerById.get(id);
    return w ? this.fix(w, t) : null;
  }

  /**
   * A worker's phone reported where it is (视频调度 field page): the worker stands there instead of walking
   * its route, until its phone has been quiet for PHONE_FIX_HOLD_MS. Returns false for an unknown worker.
   */
  place(id: string, position: LonLat, at: number): boolean {
    const w = this.walkerById.get(id);
    if (!w) return false;
    const previous = this.phoneFixes.get(id);
    const heading = previous ? headingOf(previous.position, position, w.path.kx) : 0;
    this.phoneFixes.set(id, { id, position, heading: previous && heading === 0 ? previous.heading : heading, fixAt: at });
    return true;
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
    return this.draw(this.now(), serial);
  }

  /** A newly reported event at time `reportedAt` (history uses this), state 'reported', version 1. */
  reported(reportedAt: number, serial: number): GridEvent {
    return this.draw(reportedAt, serial);
  }

  /** The grid worker of a unit grid (for actions the hub makes on their behalf), or null. */
  workerIn(gridCode: string): Worker | null {
    const w = this.walkersByGrid.get(gridCode)?.[0];
    if (!w) return null;
    const { route: _route, speedMps: _speed, ...record } = w.worker;
    return record;
  }

  /** Where a place is, as people say it: "安宜镇刘沟社区第3网格". */
  gridName(code: string): string {
    const grid = this.gridByCode.get(code);
    return grid ? this.placeName(grid) : code;
  }

  get rngForHistory(): Rng {
    return this.rng;
  }

  private fix(w: Walker, t: number): PositionFix {
    const phone = this.phoneFixes.get(w.worker.id);
    if (phone && t >= phone.fixAt && t - phone.fixAt < PHONE_FIX_HOLD_MS) return phone;
    const { position, heading } = pointAlong(w.path, w.offset + (w.worker.speedMps * t) / 1000);
    return { id: w.worker.id, position, heading, fixAt: t };
  }

  private draw(reportedAt: number, serial: number): GridEvent {
    const rng = this.rng;
    const grid = rng.pick(this.units);
    const cameras = this.camerasByGrid.get(grid.code) ?? [];
    let source = rng.weighted(SIMULATED_SOURCES);
    // A grid without a camera cannot raise a video alert: a worker on patrol finds it instead.
    if (source === 'ai_video' && cameras.length === 0) source = 'grid_worker';
    const kind = rng.weighted((source === 'ai_video' ? this.videoKinds : this.kinds).map((k) => [k, k.weight] as const));
    const severity = rng.weighted(SEVERITY_WEIGHTS);
    const id = eventId(reportedAt, serial);
    const base = {
      id,
      title: rng.pick(kind.titles),
      category: kind.item.category,
      severity,
      state: 'reported' as const,
      gridCode: grid.code,
      reportedAt,
      updatedAt: reportedAt,
      department: null,
      level: handlingLevel(kind.item.category, severity, this.lists),
      deadlineAt: null,
      supervised: false,
      mergedInto: null,
      rating: null,
      closedAt: null,
      version: 1,
    };
    const text = rng.pick(kind.descriptions);
    if (source === 'ai_video') {
      const camera = rng.pick(cameras);
      const label = DETECTION_LABELS[kind.item.category]?.zh ?? kind.item.name;
      return {
        ...base, source, position: camera.position, address: `${this.placeName(grid)} ${camera.name}`,
        cameraId: camera.id, snapshot: snapshotPath(id), detection: kind.item.category, reporter: null,
        description: `${camera.name}视频智能分析检测到${label}，请核实处置。`,
      };
    }
    const { position, address } = this.placeIn(grid, source, reportedAt);
    const surname = rng.pick(CITIZEN_SURNAMES);
    const sir = rng.chance(0.5) ? '先生' : '女士';
    const walkers = this.walkersByGrid.get(grid.code) ?? [];
    const reporter =
      source === 'grid_worker' ? (walkers.length ? rng.pick(walkers).worker.name : '网格员')
      : source === 'hotline_12345' ? `${surname}${sir}（12345热线）`
      : `${surname}${sir}（随手拍）`;
    const description =
      source === 'hotline_12345' ? `市民来电反映：${text}`
      : source === 'public_tip' ? `群众爆料：${text}`
      : `网格员巡查发现：${text}`;
    return { ...base, source, position, address, cameraId: null, snapshot: null, detection: null, reporter, description };
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
