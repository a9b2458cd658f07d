// A tiny county for store, sync and API tests: one county, two towns, two villages each, two unit grids
// per village, with buildings, cameras, workers and events placed in the unit grids. Tests only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  Building, Camera, CollectionItem, Department, EventAction, Grid, GridEvent, GridLevel, LonLat, MapFeature, Responsibility, Worker,
} from '../api/model.js';

export interface TinyCounty {
  grids: Grid[];
  buildings: Building[];
  cameras: Camera[];
  workers: Worker[];
  events: GridEvent[];
  basemap: MapFeature[];
  departments: Department[];
  collectionItems: CollectionItem[];
  responsibilities: Responsibility[];
  eventActions: EventAction[];
}

/** A work order with every loop field at its intake value; tests override what they need. */
export function fixtureEvent(over: Partial<GridEvent> & Pick<GridEvent, 'id' | 'gridCode' | 'position'>): GridEvent {
  return {
    title: '占道经营', category: 'street_vending', source: 'grid_worker', severity: 2, state: 'reported', address: '某路',
    reportedAt: 1_000, updatedAt: 1_000, department: null, level: 'village', deadlineAt: null, supervised: false,
    mergedInto: null, cameraId: null, snapshot: null, detection: null, reporter: null, description: '', rating: null,
    closedAt: null, version: 1, ...over,
  };
}

export const fixtureDepartments: Department[] = [
  { code: 'urban_mgmt', name: '城市管理局', nameEn: 'Urban Management', level: 'county' },
  { code: 'town_office', name: '镇综合执法办', nameEn: 'Town Enforcement Office', level: 'town' },
  { code: 'village_committee', name: '村委会', nameEn: 'Village Committee', level: 'village' },
];
export const fixtureCollectionItems: CollectionItem[] = [
  { category: 'street_vending', name: '占道经营', nameEn: 'Street vending', group: 'city_appearance', groupName: '市容环境', groupNameEn: 'City appearance' },
  { category: 'garbage', name: '垃圾堆放', nameEn: 'Garbage dumping', group: 'city_appearance', groupName: '市容环境', groupNameEn: 'City appearance' },
];
export const fixtureResponsibilities: Responsibility[] = [
  { category: 'street_vending', level: 'village', department: 'village_committee', timeLimitHours: 24 },
  { category: 'street_vending', level: 'town', department: 'town_office', timeLimitHours: 48 },
  { category: 'street_vending', level: 'county', department: 'urban_mgmt', timeLimitHours: 72 },
  { category: 'garbage', level: 'town', department: 'town_office', timeLimitHours: 12 },
];

function square(center: LonLat, half: number): LonLat[] {
  const [x, y] = center;
  return [[x - half, y - half], [x + half, y - half], [x + half, y + half], [x - half, y + half]];
}

function grid(code: string, name: string, level: GridLevel, parentCode: string | null, center: LonLat, half: number): Grid {
  return { code, name, level, parentCode, boundary: square(center, half), center, population: 800 };
}

export function tinyCounty(): TinyCounty {
  const county = grid('321023', '宝应县', 'county', null, [119.36, 33.24], 0.3);
  const grids: Grid[] = [county];
  const buildings: Building[] = [];
  const cameras: Camera[] = [];
  const workers: Worker[] = [];
  const events: GridEvent[] = [];
  const towns = [['100', '安宜镇'], ['101', '氾水镇']] as const;
  towns.forEach(([t, townName], ti) => {
    const townCode = `321023${t}`;
    const townCenter: LonLat = [119.2 + ti * 0.2, 33.2];
    grids.push(grid(townCode, townName, 'town', '321023', townCenter, 0.09));
    for (let v = 1; v <= 2; v++) {
      const villageCode = `${townCode}00${v}`;
      const villageCenter: LonLat = [townCenter[0] + (v - 1.5) * 0.08, townCenter[1]];
      grids.push(grid(villageCode, `${townName}第${v}村`, 'village', townCode, villageCenter, 0.04));
      for (let u = 1; u <= 2; u++) {
        const unitCode = `${villageCode}00${u}`;
        const c: LonLat = [villageCenter[0], villageCenter[1] + (u - 1.5) * 0.04];
        grids.push(grid(unitCode, `${townName}第${v}村${u}网格`, 'unit', villageCode, c, 0.02));
        for (let b = 0; b < 3; b++) {
          buildings.push({
            id: `b-${unitCode}-${b}`, gridCode: unitCode, footprint: square([c[0] + b * 0.001, c[1]], 0.0002),
            heightM: 12, floors: 4, use: 'residential', address: `${townName}${v}村${u}组${b}号`,
          });
        }
        cameras.push({
          id: `3210230000${unitCode.slice(-6)}${String(cameras.length).padStart(4, '0')}`, name: `${unitCode} 摄像机`,
          gridCode: unitCode, position: c, kind: 'dome', codec: 'h264',
          streams: { main: `rtsp://127.0.0.1/${unitCode}/main`, sub: null }, online: true,
        });
        workers.push({
          id: `w-${unitCode}`, name: `网格员${unitCode.slice(-4)}`, gridCode: unitCode, phone: '13800000000',
          position: c, heading: 0, fixAt: 1_000,
        });
        const camera = cameras.at(-1)!;
        // The first unit's event is an AI video alert with a snapshot; the rest are grid-worker reports.
        const ai = events.length === 0;
        events.push(fixtureEvent({
          id: `e-${unitCode}`, state: u === 1 ? 'reported' : 'archived', gridCode: unitCode, position: c,
          reportedAt: 1_000 + events.length, updatedAt: 1_000 + events.length,
          ...(ai ? { source: 'ai_video', cameraId: camera.id, detection: 'street_vending', snapshot: `/api/v1/snapshots/e-${unitCode}.svg` } : {}),
        }));
      }
    }
  });
  const basemap: MapFeature[] = [
    { id: 'road-1', kind: 'road', class: 'primary', name: '安宜路', shape: 'line', widthM: 20, coords: [[119.2, 33.2], [119.4, 33.2]] },
    { id: 'lake-1', kind: 'water', class: 'lake', name: '宝应湖', shape: 'polygon', coords: square([119.3, 33.3], 0.01) },
  ];
  const eventActions: EventAction[] = events.filter((e) => e.state === 'archived').map((e) => ({
    id: `00000000-0000-4000-8000-${e.id.slice(-12).padStart(12, '0')}`, eventId: e.id, action: 'archive', fromState: 'evaluated',
    toState: 'archived', actor: { role: 'duty_commander', name: '值班长', seat: null }, reason: null, payload: {},
    at: e.updatedAt, clientAt: e.updatedAt, version: e.version,
  }));
  return {
    grids, buildings, cameras, workers, events, basemap, departments: fixtureDepartments,
    collectionItems: fixtureCollectionItems, responsibilities: fixtureResponsibilities, eventActions,
  };
}

/** A fresh temporary directory and a function that removes it. */
export function tempDir(prefix = 'watchfloor-test-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
