// The wall's pure rules, table by table: layout changes, hand placement, alarms over tiles, tour touch.
import { describe, expect, it } from 'vitest';
import { standardLayout, type WallLayout, type WallState } from '../api/video.js';
import {
  alarmTile, baseTiles, emptyWall, fitTiles, isFreshAlert, placeCameras, raiseAlarm, replaceWall, revertAlarm, showUnderAlarm,
  tourDriven, withLayout,
} from './wall-rules.js';

const T = 1_000_000;

function wall(tiles: (string | null)[], over: Partial<WallState> = {}): WallState {
  const base = emptyWall(1, T);
  const side = Math.ceil(Math.sqrt(tiles.length));
  return { ...base, layout: { kind: 'custom', cols: side, rows: Math.ceil(tiles.length / side) }, tiles, ...over };
}

const alarmed = (over: Partial<WallState> = {}): WallState => raiseAlarm(
  wall(['a', 'b', 'c', 'd'], { alarmConfig: { enabled: true, tile: 1, holdS: 30 }, ...over }),
  { eventId: 'e1', cameraId: 'x', title: '占道经营' }, T,
);

describe('wall rules', () => {
  it('an empty wall is layout 4 with four empty tiles and alarm mode off', () => {
    expect(emptyWall(3, T)).toMatchObject({ wallId: 3, layout: { kind: '4' }, tiles: [null, null, null, null], alarm: null, tour: null, alarmConfig: { enabled: false } });
  });

  it.each<[string, (string | null)[], number, (string | null)[]]>([
    ['pads', ['a'], 3, ['a', null, null]],
    ['cuts', ['a', 'b', 'c'], 2, ['a', 'b']],
    ['keeps', ['a', null], 2, ['a', null]],
  ])('fitTiles %s', (_, tiles, n, want) => {
    expect(fitTiles(tiles, n)).toEqual(want);
  });

  it.each<[string, WallLayout, number, number | null]>([
    ['4 → 1 drops tiles and a maximised tile beyond', standardLayout('1'), 1, null],
    ['4 → 6 keeps tiles, pads to six', standardLayout('6'), 6, 2],
    ['4 → custom 8 × 8 pads to 64', { kind: 'custom', cols: 8, rows: 8 }, 64, 2],
  ])('withLayout: %s', (_, layout, count, maximized) => {
    const next = withLayout(wall(['a', 'b', 'c', 'd'], { maximized: 2 }), layout);
    expect(next.tiles).toHaveLength(count);
    expect(next.tiles.slice(0, Math.min(count, 4))).toEqual(['a', 'b', 'c', 'd'].slice(0, count));
    expect(next.maximized).toBe(maximized);
  });

  it('withLayout takes an alarm off a dropped tile and keeps one on a kept tile', () => {
    expect(withLayout(alarmed(), standardLayout('1')).alarm).toBeNull();
    expect(withLayout(alarmed(), standardLayout('9')).alarm).toMatchObject({ tile: 1, cameraId: 'x' });
  });

  it.each<[string, number, (string | null)[], (string | null)[], number[]]>([
    ['one camera', 2, ['x'], ['a', 'b', 'x', 'd'], [2]],
    ['clears a tile', 0, [null], [null, 'b', 'c', 'd'], [0]],
    ['several from a tile, the rest dropped', 2, ['x', 'y', 'z'], ['a', 'b', 'x', 'y'], [2, 3]],
  ])('placeCameras: %s', (_, from, ids, tiles, changed) => {
    const r = placeCameras(wall(['a', 'b', 'c', 'd']), from, ids);
    expect(r.state.tiles).toEqual(tiles);
    expect(r.changed).toEqual(changed);
  });

  it('a hand placement on the alarm tile ends the alarm without restoring; elsewhere it stays', () => {
    const onAlarm = placeCameras(alarmed(), 1, ['y']).state;
    expect(onAlarm.alarm).toBeNull();
    expect(onAlarm.tiles[1]).toBe('y');
    expect(placeCameras(alarmed(), 3, ['y']).state.alarm).toMatchObject({ tile: 1 });
  });

  it('an alarm covers its tile, remembers the camera under it, and reverts to it', () => {
    const s = alarmed();
    expect(s.tiles).toEqual(['a', 'x', 'c', 'd']);
    expect(s.alarm).toEqual({ tile: 1, cameraId: 'x', eventId: 'e1', title: '占道经营', since: T, until: T + 30_000, previousCameraId: 'b' });
    expect(baseTiles(s)).toEqual(['a', 'b', 'c', 'd']);
    expect(revertAlarm(s)).toMatchObject({ tiles: ['a', 'b', 'c', 'd'], alarm: null });
  });

  it('an alarm over an alarm replaces it and keeps the first covered camera', () => {
    const s = raiseAlarm(alarmed(), { eventId: 'e2', cameraId: 'y', title: '垃圾' }, T + 5_000);
    expect(s.tiles[1]).toBe('y');
    expect(s.alarm).toMatchObject({ eventId: 'e2', previousCameraId: 'b', since: T + 5_000, until: T + 35_000 });
    expect(revertAlarm(s).tiles[1]).toBe('b');
  });

  it.each<[string, number | null, number | null]>([
    ['another tile maximised goes back to the grid', 3, null],
    ['the alarm tile maximised stays', 1, 1],
    ['nothing maximised', null, null],
  ])('raiseAlarm: %s', (_, maximized, want) => {
    expect(alarmed({ maximized }).maximized).toBe(want);
  });

  it('the alarm tile falls back to the last tile when the layout has fewer', () => {
    expect(alarmTile(wall(['a', 'b'], { alarmConfig: { enabled: true, tile: 8, holdS: 30 } }))).toBe(1);
  });

  it('a tour step under an alarm waits as the camera to restore', () => {
    const s = showUnderAlarm(alarmed(), 1, 'q');
    expect(s.tiles[1]).toBe('x');
    expect(revertAlarm(s).tiles[1]).toBe('q');
    expect(showUnderAlarm(alarmed(), 2, 'q').tiles[2]).toBe('q');
    expect(showUnderAlarm(alarmed(), 9, 'q')).toEqual(alarmed());
  });

  it('a preset keeps an alarm on top when its tile exists and drops it otherwise', () => {
    const kept = replaceWall(alarmed({ maximized: 0 }), standardLayout('4'), ['p', 'q']);
    expect(kept).toMatchObject({ tiles: ['p', 'x', null, null], maximized: null, alarm: { previousCameraId: 'q' } });
    expect(replaceWall(alarmed(), standardLayout('1'), ['p'])).toMatchObject({ tiles: ['p'], alarm: null });
  });

  it.each<[number, number, number, boolean]>([
    [T - 29_000, T, 30, true],
    [T - 30_000, T, 30, false],
    [T + 1_000, T, 30, true],
  ])('isFreshAlert(%d, %d, %d) = %s', (reportedAt, now, holdS, want) => {
    expect(isFreshAlert(reportedAt, now, holdS)).toBe(want);
  });

  it.each<[string, 'camera' | 'preset', number[], boolean]>([
    ['camera tour, its tile', 'camera', [2], true],
    ['camera tour, another tile', 'camera', [0, 1], false],
    ['camera tour, nothing touched', 'camera', [], false],
    ['preset tour, any tile', 'preset', [0], true],
  ])('tourDriven: %s', (_, kind, tiles, want) => {
    const steps = kind === 'camera' ? [{ kind, cameraId: 'a' } as const] : [{ kind, presetId: 'p' } as const];
    expect(tourDriven({ steps }, { tile: 2 }, tiles)).toBe(want);
  });
});
