// Determinism, end to end: generating the shipped file's seed again gives exactly the shipped JSON. This
// also fails when the generator changed and `npm run county:generate` was not run again.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { generateCounty } from './county.js';
import { encodeCounty } from './generate.js';
import { defaultCountyPath } from './load.js';

describe('county:generate', () => {
  it('regenerates the shipped file exactly from its seed', () => {
    const shipped = gunzipSync(readFileSync(defaultCountyPath())).toString('utf8');
    const seed = (JSON.parse(shipped) as { seed: number }).seed;
    const fresh = gunzipSync(encodeCounty(generateCounty(seed))).toString('utf8');
    // Compare as text (gzip bytes may differ between zlib versions); report a size, not a 4 MB diff.
    expect(fresh.length).toBe(shipped.length);
    expect(fresh === shipped).toBe(true);
  }, 60_000);
});
