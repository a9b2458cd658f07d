// A tiny county for store, sync and API tests: one county, two towns, two villages each, two unit grids
// per village, with buildings, cameras, workers and events placed in the unit grids. Tests only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Building, Camera, Grid, GridEvent, GridLevel, LonLat, MapFeature, Worker } from '../api/model.js';

export interface TinyCounty {
  grids: Grid[];
  buildings: Building[];
  cameras: Camera[];
  workers: Worker[];
  events: GridEvent[];
  basemap: MapFeature[];
}

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
        events.push({
          id: `e-${unitCode}`, title: '占道经营', category: 'city_management', source: 'grid_worker', severity: 2,
          state: u === 1 ? 'reported' : 'archived', gridCode: unitCode, position: c, address: '某路',
          reportedAt: 1_000 + events.length, updatedAt: 1_000 + events.length,
        });
      }
    }
  });
  const basemap: MapFeature[] = [
    { id: 'road-1', kind: 'road', class: 'primary', name: '安宜路', shape: 'line', widthM: 20, coords: [[119.2, 33.2], [119.4, 33.2]] },
    { id: 'lake-1', kind: 'water', class: 'lake', name: '宝应湖', shape: 'polygon', coords: square([119.3, 33.3], 0.01) },
  ];
  return { grids, buildings, cameras, workers, events, basemap };
}

/** A fresh temporary directory and a function that removes it. */
export function tempDir(prefix = 'watchfloor-test-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
