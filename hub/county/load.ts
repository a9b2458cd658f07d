// Loads the shipped demo county: gunzip, JSON-parse and validate resources/county/baoying.json.gz. The hub
// calls it once at start; nothing is cached here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { CountyData } from './types.js';

/** resources/county/baoying.json.gz, found from this module's place in the repository (hub/county/). */
export function defaultCountyPath(): string {
  return fileURLToPath(new URL('../../resources/county/baoying.json.gz', import.meta.url));
}

export function loadCounty(path: string = defaultCountyPath()): CountyData {
  let raw: unknown;
  try {
    raw = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8'));
  } catch (err) {
    throw new Error(`county file ${path}: cannot read it as gzipped JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = CountyData.safeParse(raw);
  if (!parsed.success) throw new Error(`county file ${path} does not match CountyData:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
