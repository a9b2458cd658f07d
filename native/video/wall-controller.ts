// The video walls this seat drives (issue 3): layouts, tiles, maximise, presets, tours and alarm mode.
// Every change is written to SQLite in one transaction and then published on topic 'wall'; tours and
// alarm hold times run on an injected clock and resume after a restart from what the rows say.
import { randomUUID } from 'node:crypto';
import type { TopicBus } from '../api/bus.js';
import { callTileKey } from '../api/contract.js';
import { NotFoundError, RefusedError, type MethodParams } from '../api/host.js';
import type { AlarmConfig, Tour, TourRun, TourStep, WallLayout, WallPreset, WallState } from '../api/video.js';
import type { Store } from '../store/store.js';
import { WallsRepo } from '../store/walls.js';
import { systemClock, type WallClock } from './wall-clock.js';
import {
  baseTiles, emptyWall, hasTile, isFreshAlert, placeCameras, raiseAlarm, replaceWall, revertAlarm, showUnderAlarm,
  tileCount, tourDriven, withLayout,
} from './wall-rules.js';

export interface WallControllerOptions {
  store: Store;
  bus: TopicBus;
  clock?: WallClock;
  log?: (line: string) => void;
  newId?: () => string;
}

/** A tour as the operator sends it: id null makes a new one. */
export type TourDraft = MethodParams<'wall.saveTour'>;

const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

export class WallController {
  private readonly repo: WallsRepo;
  private readonly store: Store;
  private readonly bus: TopicBus;
  private readonly clock: WallClock;
  private readonly log: (line: string) => void;
  private readonly newId: () => string;
  /** One pending wake-up per wall: the sooner of its tour's next step and its alarm's end. */
  private readonly timers = new Map<number, () => void>();
  private readonly unsubscribe: () => void;
  private closed = false;

  constructor(opts: WallControllerOptions) {
    this.store = opts.store;
    this.bus = opts.bus;
    this.clock = opts.clock ?? systemClock;
    this.log = opts.log ?? (() => undefined);
    this.newId = opts.newId ?? randomUUID;
    this.repo = new WallsRepo(opts.store.db);
    if (!this.repo.wall(1)) this.commit([emptyWall(1, this.clock.now())]);
    // The first start reads nothing already in the cache as new: those alerts were raised before this seat.
    if (this.repo.alertCursor() === null) this.repo.setAlertCursor(this.repo.lastEventRowid());
    for (const wall of this.repo.walls()) this.resume(wall);
    this.unsubscribe = this.bus.subscribe('data.changed', ({ collection }) => {
      if (collection === 'events') this.guard('alarm mode', () => this.checkAlerts());
    });
  }

  list(): WallState[] {
    return this.repo.walls();
  }

  /** A wall's state; a wall id not seen before is created empty (layout 4). */
  get(wallId: number): WallState {
    const wall = this.repo.wall(wallId);
    if (wall) return wall;
    return this.commit([emptyWall(wallId, this.clock.now())])[0]!;
  }

  setLayout(wallId: number, layout: WallLayout): WallState {
    const s = this.get(wallId);
    const before = s.tiles.length;
    const after = tileCount(layout);
    const same = s.layout.kind === layout.kind && s.layout.cols === layout.cols && s.layout.rows === layout.rows;
    if (same) return s;
    // Tiles that appear or disappear are the ones the change touches; the rest keep their cameras.
    const touched = range(Math.min(before, after), Math.max(before, after));
    return this.manual(withLayout(s, layout), touched, { presetId: null });
  }

  assign(wallId: number, tile: number, cameraId: string | null): WallState {
    const s = this.get(wallId);
    this.checkTile(s, tile);
    if (cameraId !== null) this.checkCamera(cameraId);
    const { state, changed } = placeCameras(s, tile, [cameraId]);
    return this.manual(state, changed, { presetId: null });
  }

  /** Cameras from `fromTile` on, as many as the layout holds; every camera is checked before any is placed. */
  fill(wallId: number, cameraIds: readonly string[], fromTile: number): WallState {
    const s = this.get(wallId);
    this.checkTile(s, fromTile);
    for (const id of cameraIds) this.checkCamera(id);
    const { state, changed } = placeCameras(s, fromTile, cameraIds);
    return this.manual(state, changed, { presetId: null });
  }

  maximize(wallId: number, tile: number | null): WallState {
    const s = this.get(wallId);
    if (tile !== null) this.checkTile(s, tile);
    if (s.maximized === tile) return s;
    return this.commit([{ ...s, maximized: tile }])[0]!;
  }

  presets(): WallPreset[] {
    return this.repo.presets();
  }

  /** The wall's layout and tiles (under any alarm) under a name; the same name is replaced, keeping its id. */
  savePreset(wallId: number, name: string): WallPreset {
    const s = this.get(wallId);
    const preset: WallPreset = {
      id: this.repo.presetByName(name)?.id ?? this.newId(), name, layout: s.layout, tiles: baseTiles(s), updatedAt: this.clock.now(),
    };
    this.commit([{ ...s, presetId: preset.id }], () => this.repo.putPreset(preset));
    return preset;
  }

  applyPreset(wallId: number, presetId: string): WallState {
    const s = this.get(wallId);
    const preset = this.found(this.repo.preset(presetId), `wall preset ${presetId} does not exist`);
    const touched = range(0, Math.max(s.tiles.length, tileCount(preset.layout)));
    return this.manual(replaceWall(s, preset.layout, preset.tiles), touched, { presetId: preset.id });
  }

  deletePreset(presetId: string): { deleted: boolean } {
    let deleted = false;
    const walls = this.repo.walls().filter((w) => w.presetId === presetId).map((w) => ({ ...w, presetId: null }));
    this.commit(walls, () => {
      deleted = this.repo.deletePreset(presetId);
    });
    return { deleted };
  }

  tours(): Tour[] {
    return this.repo.tours();
  }

  /** A new tour (id null) or an edit of one; walls running it go on with the new steps and dwell. */
  saveTour(draft: TourDraft): Tour {
    if (draft.id !== null) this.found(this.repo.tour(draft.id), `tour ${draft.id} does not exist`);
    for (const step of draft.steps) {
      if (step.kind === 'camera') this.checkCamera(step.cameraId);
      else this.found(this.repo.preset(step.presetId), `wall preset ${step.presetId} does not exist`);
    }
    const tour: Tour = { id: draft.id ?? this.newId(), name: draft.name, dwellS: draft.dwellS, steps: draft.steps, updatedAt: this.clock.now() };
    const walls = this.repo.walls().flatMap((w) => (w.tour?.tourId === tour.id
      ? [{ ...w, tour: { ...w.tour, name: tour.name, stepCount: tour.steps.length, step: Math.min(w.tour.step, tour.steps.length - 1) } }]
      : []));
    this.commit(walls, () => this.repo.putTour(tour));
    return tour;
  }

  deleteTour(tourId: string): { deleted: boolean } {
    let deleted = false;
    const walls = this.repo.walls().filter((w) => w.tour?.tourId === tourId).map((w) => ({ ...w, tour: null }));
    this.commit(walls, () => {
      deleted = this.repo.deleteTour(tourId);
    });
    return { deleted };
  }

  /** Shows the tour's first step now and each next one every dwellS seconds; replaces a running tour. */
  startTour(wallId: number, tourId: string, tile: number): WallState {
    const s = this.get(wallId);
    const tour = this.found(this.repo.tour(tourId), `tour ${tourId} does not exist`);
    if (tour.steps.some((step) => step.kind === 'camera')) this.checkTile(s, tile);
    const run: TourRun = { tourId, name: tour.name, tile, step: tour.steps.length - 1, stepCount: tour.steps.length, nextAt: 0 };
    const next = this.tourStep(s, tour, run);
    if (!next.tour) throw new RefusedError('bad_params', `tour "${tour.name}" has nothing left to show: its presets are deleted`);
    return this.commit([next])[0]!;
  }

  stopTour(wallId: number): WallState {
    const s = this.get(wallId);
    if (!s.tour) return s;
    return this.commit([{ ...s, tour: null }])[0]!;
  }

  /** Turning alarm mode off, or moving its tile, takes an alarm that is up down first. */
  setAlarmConfig(wallId: number, config: AlarmConfig): WallState {
    const s = this.get(wallId);
    this.checkTile(s, config.tile);
    const keepAlarm = s.alarm !== null && config.enabled && config.tile === s.alarm.tile;
    const next = keepAlarm ? s : revertAlarm(s);
    return this.commit([{ ...next, alarmConfig: config }])[0]!;
  }

  ackAlarm(wallId: number): WallState {
    const s = this.get(wallId);
    if (!s.alarm) return s;
    return this.commit([revertAlarm(s)])[0]!;
  }

  /**
   * Puts new AI video alerts on every wall in alarm mode. Runs when the events cache changes and reads the
   * rows added since it last looked, skipping alerts older than the wall's hold time. With alarm mode off
   * everywhere the rows are still read past, so turning it on later raises none of them.
   */
  checkAlerts(): void {
    const top = this.repo.lastEventRowid();
    const cursor = this.repo.alertCursor() ?? 0;
    if (cursor === top) return;
    // The cache was emptied (the hub's history was reset) and rowids start again: every row is new.
    const after = cursor > top ? 0 : cursor;
    const walls = this.repo.walls().filter((w) => w.alarmConfig.enabled);
    const now = this.clock.now();
    const raised = new Map<number, WallState>();
    if (walls.length > 0) {
      const floor = now - Math.max(...walls.map((w) => w.alarmConfig.holdS)) * 1000;
      for (const event of this.repo.alertsBetween(after, top, floor)) {
        if (event.cameraId === null) continue;
        const alert = { eventId: event.id, cameraId: event.cameraId, title: event.title };
        for (const w of walls) {
          if (isFreshAlert(event.reportedAt, now, w.alarmConfig.holdS)) raised.set(w.wallId, raiseAlarm(raised.get(w.wallId) ?? w, alert, now));
        }
      }
    }
    this.commit([...raised.values()], () => this.repo.setAlertCursor(top));
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
  }

  // -- inside

  /** A hand change: stops a tour that drives any touched tile, then commits. */
  private manual(next: WallState, touched: readonly number[], over: Partial<WallState>): WallState {
    const tour = next.tour ? this.repo.tour(next.tour.tourId) : null;
    const stop = next.tour !== null && (!tour || tourDriven(tour, next.tour, touched));
    return this.commit([{ ...next, ...over, tour: stop ? null : next.tour }])[0]!;
  }

  /**
   * The next step of a run that can be shown (a step whose preset was deleted is passed over), with the
   * run moved on; a run with nothing left to show ends.
   */
  private tourStep(s: WallState, tour: Tour, run: TourRun): WallState {
    const now = this.clock.now();
    for (let i = 1; i <= tour.steps.length; i++) {
      const step = (run.step + i) % tour.steps.length;
      const shown = this.showStep(s, tour.steps[step], run.tile);
      if (shown) {
        return { ...shown, tour: { ...run, name: tour.name, step, stepCount: tour.steps.length, nextAt: now + tour.dwellS * 1000 } };
      }
    }
    return { ...s, tour: null };
  }

  private showStep(s: WallState, step: TourStep | undefined, tile: number): WallState | null {
    if (!step) return null;
    if (step.kind === 'camera') return { ...showUnderAlarm(s, tile, step.cameraId), presetId: null };
    const preset = this.repo.preset(step.presetId);
    return preset ? { ...replaceWall(s, preset.layout, preset.tiles), presetId: preset.id } : null;
  }

  /** After a restart: a tour whose definition is gone ends; the rest wait for their next step or alarm end. */
  private resume(s: WallState): void {
    if (!s.tour) {
      this.schedule(s);
      return;
    }
    const tour = this.repo.tour(s.tour.tourId);
    if (!tour) {
      this.commit([{ ...s, tour: null }]);
      return;
    }
    // A clock set back while the station was down must not hold the tour for longer than one dwell.
    const latest = this.clock.now() + tour.dwellS * 1000;
    if (s.tour.nextAt > latest) this.commit([{ ...s, tour: { ...s.tour, nextAt: latest } }]);
    else this.schedule(s);
  }

  /** A wall's timer fired: take a timed-out alarm down and move a due tour on. */
  private wake(wallId: number): void {
    this.timers.delete(wallId);
    if (this.closed) return;
    const s = this.repo.wall(wallId);
    if (!s) return;
    const now = this.clock.now();
    let next = s;
    if (next.alarm && next.alarm.until <= now) next = revertAlarm(next);
    if (next.tour && next.tour.nextAt <= now) {
      const tour = this.repo.tour(next.tour.tourId);
      next = tour ? this.tourStep(next, tour, next.tour) : { ...next, tour: null };
    }
    if (next === s) this.schedule(s);
    else this.commit([next]);
  }

  private schedule(s: WallState): void {
    this.timers.get(s.wallId)?.();
    this.timers.delete(s.wallId);
    if (this.closed) return;
    const due = [s.alarm?.until, s.tour?.nextAt].filter((t): t is number => t !== undefined);
    if (due.length === 0) return;
    const wallId = s.wallId;
    this.timers.set(wallId, this.clock.at(Math.min(...due), () => this.guard(`wall ${wallId}`, () => this.wake(wallId))));
  }

  /** Writes the walls (and `also`) in one transaction, then re-arms their timers and tells the renderers. */
  private commit(walls: readonly WallState[], also?: () => void): WallState[] {
    const now = this.clock.now();
    // Strictly increasing per wall, so a renderer holding a request's answer and the topic's event for the
    // same change (or two changes in one millisecond) can always tell which is newer.
    const saved = walls.map((w) => ({ ...w, updatedAt: Math.max(now, w.updatedAt + 1) }));
    this.repo.transaction(() => {
      also?.();
      for (const w of saved) this.repo.putWall(w);
    });
    for (const w of saved) {
      this.schedule(w);
      this.bus.publish('wall', w);
    }
    return saved;
  }

  private checkTile(s: WallState, tile: number): void {
    if (!hasTile(s, tile)) {
      throw new RefusedError('bad_params', `tile ${tile} is outside wall ${s.wallId}'s layout ${s.layout.kind} (${s.tiles.length} tiles: 0–${s.tiles.length - 1})`);
    }
  }

  private checkCamera(cameraId: string): void {
    // A call participant's tile (video dispatch): the call may end while it is shown; the tile says so.
    if (callTileKey(cameraId) !== null) return;
    this.found(this.store.cameras.get(cameraId), `camera ${cameraId} is not in the station's cache`);
  }

  private found<T>(value: T | null, message: string): T {
    if (value === null) throw new NotFoundError(message);
    return value;
  }

  /** Timer and bus callbacks have no caller to throw to: a failure is logged and the wall goes on. */
  private guard(what: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.log(`wall: ${what} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
