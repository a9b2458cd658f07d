// The real divisions and outline of 宝应县 from the npm packages, and the village-name rules.
import { describe, expect, it } from 'vitest';
import { loadDivisions, shortVillageName, villageKind } from './divisions.js';
import { loadOutline } from './outline.js';
import { projection, ringArea } from './geo.js';

describe('shortVillageName', () => {
  it.each([
    ['刘沟社区居委会', '刘沟社区'],
    ['北河社区居民委员会', '北河社区'],
    ['夏集居委会', '夏集社区'],
    ['柘沟居民委员会', '柘沟社区'],
    ['北港村委会', '北港村'],
    ['郭庄村（居）委会', '郭庄村'],
    ['射阳湖渔业村委会', '射阳湖渔业村'],
    ['红枫社区', '红枫社区'],
  ])('%s → %s', (official, short) => {
    expect(shortVillageName(official)).toBe(short);
  });
});

describe('villageKind', () => {
  it.each([
    ['321023100003', 'community'],
    ['321023100199', 'community'],
    ['321023100200', 'village'],
    ['321023113217', 'village'],
  ] as const)('%s is a %s', (code, kind) => {
    expect(villageKind(code)).toBe(kind);
  });
});

describe('real divisions of 宝应县', () => {
  it('has 14 towns + the development zone and 283 villages/communities with official codes', () => {
    const towns = loadDivisions();
    expect(towns).toHaveLength(15);
    expect(towns.map((t) => t.name)).toContain('安宜镇');
    expect(towns.find((t) => t.code === '321023400')?.name).toBe('宝应县经济开发区');
    const villages = towns.flatMap((t) => t.villages);
    expect(villages).toHaveLength(283);
    for (const t of towns) for (const v of t.villages) expect(v.code.startsWith(t.code)).toBe(true);
  });

  it('takes the county outline from the Yangzhou GeoJSON, centred near 119.36E 33.24N', () => {
    const outline = loadOutline();
    expect(outline.name).toBe('宝应县');
    expect(outline.centre[0]).toBeCloseTo(119.36, 1);
    expect(outline.centre[1]).toBeCloseTo(33.24, 1);
    const km2 = Math.abs(ringArea(outline.ring.map(projection(outline.centre).toXY))) / 1e6;
    // 宝应县 covers about 1,460 km².
    expect(km2).toBeGreaterThan(1300);
    expect(km2).toBeLessThan(1600);
  });
});
