// `npm run county:generate`: generates the demo county and writes resources/county/baoying.json.gz
// (gzipped JSON of CountyData, validated before writing). Options: --seed <int>, --out <path>.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { DEFAULT_SEED, type GenerationStats, generateCounty } from './county.js';
import { defaultCountyPath } from './load.js';
import { CountyData } from './types.js';

/** The file's bytes: JSON in the schema's key order, gzip at a fixed level (gzip stamps no time here). */
export function encodeCounty(data: CountyData): Buffer {
  return gzipSync(Buffer.from(JSON.stringify(CountyData.parse(data)), 'utf8'), { level: 9 });
}

function parseArgs(argv: readonly string[]): { seed: number; out: string } {
  let seed = DEFAULT_SEED;
  let out = defaultCountyPath();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--seed' && value !== undefined && /^-?\d+$/.test(value)) {
      seed = Number(value);
      i++;
    } else if (arg === '--out' && value !== undefined) {
      out = resolve(value);
      i++;
    } else throw new Error(`usage: county:generate [--seed <int>] [--out <path>] (bad argument: ${arg})`);
  }
  return { seed, out };
}

function main(): void {
  const { seed, out } = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const stats: GenerationStats = { buildingsByTier: {}, camerasByPool: {}, timings: {} };
  const data = generateCounty(seed, stats);
  const bytes = encodeCounty(data);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  const levels = data.grids.reduce<Record<string, number>>((acc, g) => ({ ...acc, [g.level]: (acc[g.level] ?? 0) + 1 }), {});
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`county: wrote ${out} (${(bytes.length / 1024 / 1024).toFixed(2)} MiB) in ${seconds} s, seed ${seed}`);
  console.log(
    `county: grids ${data.grids.length} (${Object.entries(levels).map(([k, v]) => `${k} ${v}`).join(', ')}), buildings ${data.buildings.length}, ` +
      `cameras ${data.cameras.length}, workers ${data.workers.length}, basemap features ${data.basemap.length}`,
  );
  console.log(`county: buildings by pool ${JSON.stringify(stats.buildingsByTier)}`);
  console.log(`county: cameras by pool ${JSON.stringify(stats.camerasByPool)}`);
  console.log(`county: step ms ${JSON.stringify(stats.timings)}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
