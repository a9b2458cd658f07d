// The video wall's rules as pure functions over WallState: layouts and tiles, what an alarm covers and
// restores, which tiles a tour drives. The controller (wall-controller.ts) adds storage, timers and the bus.
import { layoutCells, standardLayout, type AlarmConfig, type Tour, type TourRun, type WallLayout, type WallState } from '../api/video.js';

type Tiles = (string | null)[];

export const DEFAULT_ALARM_CONFIG: AlarmConfig = { enabled: false, tile: 0, holdS: 60 };

export function emptyWall(wallId: number, now: number): WallState {
  const layout = standardLayout('4');
  return {
    wallId, layout, tiles: fitTiles([], tileCount(layout)), maximized: null, presetId: null,
    alarmConfig: DEFAULT_ALARM_CONFIG, alarm: null, tour: null, updatedAt: now,
  };
}

export function tileCount(layout: WallLayout): number {
  return layoutCells(layout).length;
}

/** The first `count` tiles, padded with empty ones. */
export function fitTiles(tiles: readonly (string | null)[], count: number): Tiles {
  return Array.from({ length: count }, (_, i) => tiles[i] ?? null);
}

export function hasTile(s: WallState, tile: number): boolean {
  return tile >= 0 && tile < s.tiles.length;
}

/** What the wall shows with any alarm taken off: the alarm tile's own camera is the one it covers. */
export function baseTiles(s: WallState): Tiles {
  const tiles = [...s.tiles];
  if (s.alarm) tiles[s.alarm.tile] = s.alarm.previousCameraId;
  return tiles;
}

/**
 * A new layout: tiles beyond its count are dropped, the rest keep their cameras. A maximised tile or an
 * alarm on a dropped tile goes with it (the alarm's covered camera is gone too, so nothing to restore).
 */
export function withLayout(s: WallState, layout: WallLayout): WallState {
  const count = tileCount(layout);
  return {
    ...s, layout, tiles: fitTiles(s.tiles, count),
    maximized: s.maximized !== null && s.maximized < count ? s.maximized : null,
    alarm: s.alarm && s.alarm.tile < count ? s.alarm : null,
  };
}

/**
 * The operator puts cameras on tiles from `fromTile` on (those that fit). A hand-placed camera on the alarm
 * tile ends the alarm: the operator has taken the tile over, so there is nothing to restore.
 */
export function placeCameras(s: WallState, fromTile: number, cameraIds: readonly (string | null)[]): { state: WallState; changed: number[] } {
  const tiles = [...s.tiles];
  const changed: number[] = [];
  cameraIds.forEach((id, i) => {
    const tile = fromTile + i;
    if (tile >= tiles.length) return;
    tiles[tile] = id;
    changed.push(tile);
  });
  const alarm = s.alarm && changed.includes(s.alarm.tile) ? null : s.alarm;
  return { state: { ...s, tiles, alarm }, changed };
}

/** A camera a tour (not the operator) shows on a tile: under an alarm it waits as the camera to restore. */
export function showUnderAlarm(s: WallState, tile: number, cameraId: string | null): WallState {
  if (!hasTile(s, tile)) return s;
  if (s.alarm && s.alarm.tile === tile) return { ...s, alarm: { ...s.alarm, previousCameraId: cameraId } };
  const tiles = [...s.tiles];
  tiles[tile] = cameraId;
  return { ...s, tiles };
}

/** A preset replaces layout and tiles; an alarm whose tile still exists stays on top of the preset's camera. */
export function replaceWall(s: WallState, layout: WallLayout, tiles: readonly (string | null)[]): WallState {
  const count = tileCount(layout);
  const next = fitTiles(tiles, count);
  if (!s.alarm || s.alarm.tile >= count) return { ...s, layout, tiles: next, maximized: null, alarm: null };
  const previousCameraId = next[s.alarm.tile] ?? null;
  next[s.alarm.tile] = s.alarm.cameraId;
  return { ...s, layout, tiles: next, maximized: null, alarm: { ...s.alarm, previousCameraId } };
}

export interface AlertForWall {
  eventId: string;
  cameraId: string;
  title: string;
}

/** The alarm tile of this wall now: the configured one, or the last tile when the layout has fewer. */
export function alarmTile(s: WallState): number {
  return Math.min(s.alarmConfig.tile, s.tiles.length - 1);
}

/**
 * An alert goes up on the alarm tile for holdS seconds. An alarm over an alarm replaces it but keeps the
 * camera the first one covered. A maximised other tile is restored to the grid so the red frame is seen.
 */
export function raiseAlarm(s: WallState, alert: AlertForWall, now: number): WallState {
  const tile = s.alarm?.tile ?? alarmTile(s);
  const previousCameraId = s.alarm ? s.alarm.previousCameraId : (s.tiles[tile] ?? null);
  const tiles = [...s.tiles];
  tiles[tile] = alert.cameraId;
  return {
    ...s, tiles,
    maximized: s.maximized === tile ? tile : null,
    alarm: {
      tile, cameraId: alert.cameraId, eventId: alert.eventId, title: alert.title,
      since: now, until: now + s.alarmConfig.holdS * 1000, previousCameraId,
    },
  };
}

/** The alarm comes down (time up or acknowledged): the tile shows what it showed before. */
export function revertAlarm(s: WallState): WallState {
  if (!s.alarm) return s;
  return { ...s, tiles: baseTiles(s), alarm: null };
}

/** An alert reported longer ago than the hold time would already be down: alarm mode skips it. */
export function isFreshAlert(reportedAt: number, now: number, holdS: number): boolean {
  return reportedAt > now - holdS * 1000;
}

/** Whether a hand change to `tiles` touches what the tour drives: its tile, or the whole wall for a preset step. */
export function tourDriven(tour: Pick<Tour, 'steps'>, run: Pick<TourRun, 'tile'>, tiles: readonly number[]): boolean {
  if (tiles.length === 0) return false;
  return tour.steps.some((step) => step.kind === 'preset') || tiles.includes(run.tile);
}
