// loadCounty: reads the shipped file by default, and names the file when it is not a county.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultCountyPath, loadCounty } from './load.js';

const dir = mkdtempSync(join(tmpdir(), 'watchfloor-county-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadCounty', () => {
  it('finds the shipped file from the repository root', () => {
    expect(defaultCountyPath()).toMatch(/resources[\\/]county[\\/]baoying\.json\.gz$/);
  });

  it('rejects a file that is not gzip, naming it', () => {
    const path = join(dir, 'plain.json.gz');
    writeFileSync(path, '{"version":1}');
    expect(() => loadCounty(path)).toThrow(path);
  });

  it('rejects gzipped JSON that is not a county, naming the file and the field', () => {
    const path = join(dir, 'wrong.json.gz');
    writeFileSync(path, gzipSync(JSON.stringify({ version: 1, seed: 1, county: { code: 'x' } })));
    expect(() => loadCounty(path)).toThrow(/wrong\.json\.gz does not match CountyData[\s\S]*county/);
  });

  it('rejects a missing file, naming it', () => {
    const path = join(dir, 'absent.json.gz');
    expect(() => loadCounty(path)).toThrow(path);
  });
});
