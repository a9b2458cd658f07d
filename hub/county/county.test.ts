// The shipped demo county (resources/county/baoying.json.gz): it loads and validates, has the scale the
// architecture names, a consistent grid hierarchy, and everything stands inside the unit grid it names.
import { statSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Grid, LonLat } from '../../native/api/model.js';
import { type XY, distToRingEdge, pointInRing, projection, ringCentroid, ringPerimeter } from './geo.js';
import { defaultCountyPath, loadCounty } from './load.js';
import type { CountyData } from './types.js';
import { FIX_EPOCH_MS } from './workers.js';

let county: CountyData;
const proj = projection([119.36, 33.24]);
const xy = (p: LonLat): XY => proj.toXY(p);
const ringXY = (r: readonly LonLat[]): XY[] => r.map(xy);

/** Inside the ring, or within `tolerance` metres of its edge (coordinates are rounded to ~0.1 m). */
function within(p: LonLat, ring: readonly LonLat[], tolerance = 3): boolean {
  const r = ringXY(ring);
  const q = xy(p);
  return pointInRing(q, r) || distToRingEdge(q, r) <= tolerance;
}

beforeAll(() => {
  county = loadCounty();
});

describe('shipped county file', () => {
  it('is a small gzip file that validates as CountyData', () => {
    expect(statSync(defaultCountyPath()).size).toBeLessThan(4 * 1024 * 1024);
    expect(county.county).toEqual({ code: '321023', name: '宝应县', nameEn: 'Baoying County', center: [119.360729, 33.240391] });
  });

  it('has the scale of the seeds: 1,557 grids, 7,627 buildings, 3,146 cameras, a worker per unit grid', () => {
    const byLevel = (level: Grid['level']) => county.grids.filter((g) => g.level === level).length;
    expect(byLevel('county')).toBe(1);
    expect(byLevel('town')).toBe(15);
    expect(byLevel('village')).toBe(283);
    expect(byLevel('unit')).toBe(1258);
    expect(county.grids).toHaveLength(1557);
    expect(county.buildings).toHaveLength(7627);
    expect(county.cameras).toHaveLength(3146);
    expect(county.workers).toHaveLength(1258);
  });

  it('names the real towns and the county seat', () => {
    const towns = county.grids.filter((g) => g.level === 'town');
    expect(towns.find((t) => t.code === '321023100')?.name).toBe('安宜镇');
    expect(towns.find((t) => t.code === '321023400')?.name).toBe('宝应县经济开发区');
    expect(county.grids.find((g) => g.code === '321023100003')?.name).toBe('刘沟社区');
    expect(county.grids.find((g) => g.code === '321023100003001')?.name).toBe('刘沟社区第1网格');
  });
});

describe('grid hierarchy', () => {
  it('has unique codes, each extending its parent code by one level', () => {
    const byCode = new Map(county.grids.map((g) => [g.code, g]));
    expect(byCode.size).toBe(county.grids.length);
    const digits = { county: 6, town: 9, village: 12, unit: 15 } as const;
    const parentLevel = { county: null, town: 'county', village: 'town', unit: 'village' } as const;
    for (const g of county.grids) {
      expect(g.code).toHaveLength(digits[g.level]);
      const want = parentLevel[g.level];
      if (want === null) {
        expect(g.parentCode).toBeNull();
        continue;
      }
      const parent = byCode.get(g.parentCode ?? '');
      expect(parent?.level, g.code).toBe(want);
      expect(g.code.startsWith(g.parentCode ?? '?')).toBe(true);
    }
  });

  it('puts each grid centre inside its own boundary and inside its parent', () => {
    const byCode = new Map(county.grids.map((g) => [g.code, g]));
    for (const g of county.grids) {
      expect(within(g.center, g.boundary), g.code).toBe(true);
      const parent = g.parentCode ? byCode.get(g.parentCode) : undefined;
      if (parent) expect(within(g.center, parent.boundary), g.code).toBe(true);
    }
  });

  it('keeps sibling towns apart: each unit centre lies in exactly one town', () => {
    const towns = county.grids.filter((g) => g.level === 'town').map((t) => ({ code: t.code, ring: ringXY(t.boundary) }));
    for (const u of county.grids.filter((g) => g.level === 'unit')) {
      const hits = towns.filter((t) => pointInRing(xy(u.center), t.ring)).map((t) => t.code);
      expect(hits, u.code).toEqual([u.code.slice(0, 9)]);
    }
  });

  it('gives unit grids 500–1,000 residents and parents the sum of their children', () => {
    const children = new Map<string, number>();
    for (const g of county.grids) if (g.parentCode) children.set(g.parentCode, (children.get(g.parentCode) ?? 0) + g.population);
    for (const g of county.grids) {
      if (g.level === 'unit') {
        expect(g.population).toBeGreaterThanOrEqual(500);
        expect(g.population).toBeLessThanOrEqual(1000);
      } else expect(g.population, g.code).toBe(children.get(g.code));
    }
  });
});

describe('things in their unit grids', () => {
  const unitRings = () => new Map(county.grids.filter((g) => g.level === 'unit').map((g) => [g.code, g.boundary]));

  it('stands every building inside the unit grid it names', () => {
    const units = unitRings();
    for (const b of county.buildings) {
      const ring = units.get(b.gridCode);
      expect(ring, b.id).toBeDefined();
      const centre = proj.toLonLat(ringCentroid(ringXY(b.footprint)));
      expect(within(centre, ring ?? []), b.id).toBe(true);
    }
  });

  it('places every camera inside the unit grid it names', () => {
    const units = unitRings();
    for (const c of county.cameras) expect(within(c.position, units.get(c.gridCode) ?? []), c.id).toBe(true);
  });

  it('starts every worker inside their own unit grid, one worker per unit grid', () => {
    const units = unitRings();
    for (const w of county.workers) expect(within(w.position, units.get(w.gridCode) ?? []), w.id).toBe(true);
    expect(new Set(county.workers.map((w) => w.gridCode)).size).toBe(units.size);
  });
});

describe('records', () => {
  const sideLengths = (ring: readonly LonLat[]) => {
    const r = ringXY(ring);
    return r.map((p, i) => Math.hypot(p[0] - (r[(i + 1) % r.length] as XY)[0], p[1] - (r[(i + 1) % r.length] as XY)[1]));
  };

  it('gives buildings 8–60 m sides, plausible heights and unique addresses', () => {
    // Collect offenders rather than asserting 40,000 times: the failure message then lists them all.
    const badSides = county.buildings.filter((b) => sideLengths(b.footprint).some((side) => side < 7.8 || side > 60.3)).map((b) => b.id);
    const badHeights = county.buildings.filter((b) => b.heightM < 3 || b.heightM > 80).map((b) => b.id);
    const badAddresses = county.buildings.filter((b) => !/^宝应县.+号(\d+幢)?$/.test(b.address)).map((b) => b.address);
    expect(badSides).toEqual([]);
    expect(badHeights).toEqual([]);
    expect(badAddresses).toEqual([]);
    expect(new Set(county.buildings.map((b) => b.address)).size).toBe(county.buildings.length);
    expect(new Set(county.buildings.map((b) => b.id)).size).toBe(county.buildings.length);
  });

  it('gives cameras GB/T 28181 ids, streams and mostly-online states', () => {
    const ids = new Set<string>();
    for (const c of county.cameras) {
      expect(c.id).toMatch(/^3210230000132\d{7}$/);
      ids.add(c.id);
      expect(c.streams.main).toBe(`hub://cameras/${c.id}/main`);
      if (c.streams.sub !== null) expect(c.streams.sub).toBe(`hub://cameras/${c.id}/sub`);
    }
    expect(ids.size).toBe(county.cameras.length);
    const share = (f: (c: CountyData['cameras'][number]) => boolean) => county.cameras.filter(f).length / county.cameras.length;
    expect(share((c) => c.online)).toBeGreaterThan(0.94);
    expect(share((c) => c.codec === 'h265')).toBeGreaterThan(0.1);
    expect(share((c) => c.codec === 'h265')).toBeLessThan(0.2);
    expect(share((c) => c.streams.sub === null)).toBeLessThan(0.15);
    expect(county.cameras.some((c) => c.name === '安宜路与叶挺路交叉口-东北角')).toBe(true);
  });

  it('gives workers ids, masked phones and closed patrol routes of 0.5–3 km', () => {
    for (const w of county.workers) {
      expect(w.id).toMatch(/^W\d{5}$/);
      expect(w.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
      expect(w.fixAt).toBe(FIX_EPOCH_MS);
      expect(w.route.length).toBeGreaterThanOrEqual(4);
      expect(w.route[0]).toEqual(w.position);
      const length = ringPerimeter(ringXY(w.route));
      expect(length, w.id).toBeGreaterThanOrEqual(500);
      expect(length, w.id).toBeLessThanOrEqual(3000);
      expect(w.speedMps).toBeGreaterThanOrEqual(0.8);
      expect(w.speedMps).toBeLessThanOrEqual(1.6);
    }
  });

  it('draws the ground: the Grand Canal, 宝应湖, county roads and urban blocks', () => {
    const named = (name: string) => county.basemap.some((f) => f.name === name);
    expect(named('京杭大运河')).toBe(true);
    expect(named('宝应湖')).toBe(true);
    expect(named('叶挺路')).toBe(true);
    expect(county.basemap.filter((f) => f.kind === 'block').length).toBeGreaterThan(200);
    expect(county.basemap.filter((f) => f.kind === 'road').length).toBeGreaterThan(500);
    expect(new Set(county.basemap.map((f) => f.id)).size).toBe(county.basemap.length);
  });
});
