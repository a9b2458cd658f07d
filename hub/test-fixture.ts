// A small, hand-made county for the hub's tests: a few grids on a square lattice, each unit grid with
// buildings, a camera and a grid worker walking a square patrol. Sizes scale up for load tests.
import type { Building, Camera, Grid, LonLat, MapFeature, Ring } from '../native/api/model.js';
import { COUNTY_DATA_VERSION, type CountyData, type SimulatedWorker } from './county/types.js';

export interface FixtureSize {
  villages?: number;
  unitsPerVillage?: number;
  buildingsPerUnit?: number;
}

const ORIGIN: LonLat = [119.36, 33.24];
/** Degrees per unit-grid cell: about 190 m east–west and 220 m north–south at this latitude. */
const CELL = 0.002;

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

function at(x: number, y: number): LonLat {
  return [round6(ORIGIN[0] + x), round6(ORIGIN[1] + y)];
}

function box(x0: number, y0: number, x1: number, y1: number): Ring {
  return [at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1)];
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function fixtureCounty(size: FixtureSize = {}): CountyData {
  const villages = size.villages ?? 2;
  const units = size.unitsPerVillage ?? 2;
  const buildingsPerUnit = size.buildingsPerUnit ?? 2;
  const width = units * CELL;
  const height = villages * CELL;

  const grids: Grid[] = [
    { code: '321023', name: '宝应县', level: 'county', parentCode: null, boundary: box(0, 0, width, height), center: at(width / 2, height / 2), population: 0 },
    { code: '321023100', name: '安宜镇', level: 'town', parentCode: '321023', boundary: box(0, 0, width, height), center: at(width / 2, height / 2), population: 0 },
  ];
  const buildings: Building[] = [];
  const cameras: Camera[] = [];
  const workers: SimulatedWorker[] = [];

  for (let v = 0; v < villages; v++) {
    const villageCode = `321023100${pad(v + 1, 3)}`;
    const villageName = `测试${v + 1}社区`;
    const y0 = v * CELL;
    grids.push({ code: villageCode, name: villageName, level: 'village', parentCode: '321023100', boundary: box(0, y0, width, y0 + CELL), center: at(width / 2, y0 + CELL / 2), population: 0 });
    for (let u = 0; u < units; u++) {
      const unitCode = `${villageCode}${pad(u + 1, 3)}`;
      const x0 = u * CELL;
      grids.push({
        code: unitCode, name: `第${u + 1}网格`, level: 'unit', parentCode: villageCode,
        boundary: box(x0, y0, x0 + CELL, y0 + CELL), center: at(x0 + CELL / 2, y0 + CELL / 2), population: 600 + u,
      });
      for (let b = 0; b < buildingsPerUnit; b++) {
        const bx = x0 + CELL * (0.1 + (0.8 * (b % 4)) / 4);
        const by = y0 + CELL * (0.1 + (0.8 * Math.floor(b / 4)) / Math.max(1, Math.ceil(buildingsPerUnit / 4)));
        buildings.push({
          id: `B${unitCode}${pad(b + 1, 4)}`, gridCode: unitCode, footprint: box(bx, by, bx + CELL * 0.1, by + CELL * 0.1),
          heightM: 9 + (b % 6) * 3, floors: 3 + (b % 6), use: b % 3 === 0 ? 'commercial' : 'residential',
          address: `宝应县安宜镇${villageName}测试路${u * 100 + b + 1}号`,
        });
      }
      cameras.push({
        id: `32102310013200${pad(v * units + u + 1, 6)}`, name: `${villageName}第${u + 1}网格路口`, gridCode: unitCode,
        position: at(x0 + CELL / 2, y0 + CELL / 2), kind: 'dome', codec: 'h264',
        streams: { main: `rtsp://127.0.0.1:8554/cam${v}-${u}/main`, sub: `rtsp://127.0.0.1:8554/cam${v}-${u}/sub` }, online: true,
      });
      const route: LonLat[] = [at(x0 + CELL * 0.2, y0 + CELL * 0.2), at(x0 + CELL * 0.8, y0 + CELL * 0.2), at(x0 + CELL * 0.8, y0 + CELL * 0.8), at(x0 + CELL * 0.2, y0 + CELL * 0.8)];
      workers.push({
        id: `W${unitCode}`, name: `网格员${v + 1}-${u + 1}`, gridCode: unitCode, phone: `138${pad(v * units + u, 8)}`,
        position: route[0]!, heading: 90, fixAt: 0, route, speedMps: 1.2,
      });
    }
  }

  const basemap: MapFeature[] = [
    { id: 'road-1', kind: 'road', class: 'primary', name: '测试大道', shape: 'line', widthM: 20, coords: [at(0, height / 2), at(width, height / 2)] },
    { id: 'water-1', kind: 'water', class: 'lake', name: '测试湖', shape: 'polygon', coords: box(width * 0.4, height * 0.4, width * 0.45, height * 0.45) },
  ];

  return {
    version: COUNTY_DATA_VERSION,
    seed: 1,
    county: { code: '321023', name: '宝应县', nameEn: 'Baoying', center: ORIGIN },
    grids, buildings, cameras, workers, basemap,
  };
}
