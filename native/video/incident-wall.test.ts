// Wartime stages the incident's nearest cameras on the incident wall once per incident, as a preset, over a
// real SQLite file: a later change of the incident, a restart or a stood-down incident leave the wall alone.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TopicBus } from '../api/bus.js';
import type { Incident } from '../api/model.js';
import { nearestCameras } from '../reports/incident-workspace.js';
import { openStore, type Store } from '../store/store.js';
import { tempDir, tinyCounty } from '../store/test-fixtures.js';
import { INCIDENT_WALL, incidentPresetName, stageIncidentWall } from './incident-wall.js';
import { WallController } from './wall-controller.js';
import { ManualClock } from './wall-test-clock.js';

const county = tinyCounty();
let tmp: ReturnType<typeof tempDir>;
let store: Store;
let wall: WallController;

const incident = (over: Partial<Incident> = {}): Incident => ({
  id: 'inc-1', type: 'typhoon_flood', title: '安宜镇内涝', level: 2, position: county.cameras[0]!.position, radiusM: 2000,
  gridCode: county.cameras[0]!.gridCode, declaredAt: Date.UTC(2026, 10, 22), declaredBy: '张主任', state: 'active',
  stoodDownAt: null, planId: 'flood', version: 1, ...over,
});

function open(): void {
  store = openStore(join(tmp.dir, 'station.sqlite'));
  wall = new WallController({ store, bus: new TopicBus(), clock: new ManualClock(Date.UTC(2026, 10, 22)) });
}

beforeEach(() => {
  tmp = tempDir();
  open();
  store.applyPage('grids', county.grids.map((data, i) => ({ seq: i + 1, data })), 100);
  store.applyPage('cameras', county.cameras.map((data, i) => ({ seq: 101 + i, data })), 200);
});
afterEach(() => {
  wall.close();
  store.close();
  tmp.remove();
});

describe('stageIncidentWall', () => {
  it('turns the incident wall to nine tiles of the nearest cameras, nearest first, saved as the incident preset', () => {
    const preset = stageIncidentWall(store, wall, incident());
    const nearest = nearestCameras(store, incident().position, 9).map((c) => c.camera.id);
    expect(nearest.length).toBeGreaterThan(0);
    expect(preset).toMatchObject({ name: incidentPresetName(incident()), layout: { kind: '9' } });
    const state = wall.get(INCIDENT_WALL);
    expect(state.layout.kind).toBe('9');
    expect(state.tiles.slice(0, nearest.length)).toEqual(nearest);
    expect(state.presetId).toBe(preset!.id);
    expect(wall.presets().map((p) => p.name)).toEqual(['应急·安宜镇内涝']);
  });

  it('stages each incident once: a later change, or a restart, leaves the wall as the operator set it', () => {
    stageIncidentWall(store, wall, incident());
    wall.setLayout(INCIDENT_WALL, { kind: '4', cols: 2, rows: 2 });
    expect(stageIncidentWall(store, wall, incident({ version: 2 }))).toBeNull();
    wall.close();
    store.close();
    open();
    expect(stageIncidentWall(store, wall, incident({ version: 3 }))).toBeNull();
    expect(wall.get(INCIDENT_WALL).layout.kind).toBe('4');
    // A new incident is staged again.
    expect(stageIncidentWall(store, wall, incident({ id: 'inc-2', title: '氾水镇火情' }))?.name).toBe('应急·氾水镇火情');
  });

  it('does nothing in peacetime or for a stood-down incident', () => {
    expect(stageIncidentWall(store, wall, null)).toBeNull();
    expect(stageIncidentWall(store, wall, incident({ state: 'stood_down', stoodDownAt: Date.UTC(2026, 10, 23) }))).toBeNull();
    expect(wall.get(INCIDENT_WALL).layout.kind).toBe('4');
    expect(wall.presets()).toEqual([]);
  });
});
