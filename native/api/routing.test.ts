// Smart dispatch on a small hand-written list: levels, fallback upward, severity scaling, unknown category,
// and the consistency check of a set of lists.
import { describe, expect, it } from 'vitest';
import type { Lists } from './model.js';
import { listProblems, severityFactor, suggestRoute } from './routing.js';

const H = 3_600_000;
const NOW = Date.UTC(2026, 10, 22, 2, 0);

const lists: Lists = {
  departments: [
    { code: 'village_committee', name: '村网格工作站', nameEn: 'Village grid station', level: 'village' },
    { code: 'town_enforcement', name: '镇综合行政执法局', nameEn: 'Town enforcement', level: 'town' },
    { code: 'urban_mgmt', name: '城市管理局', nameEn: 'Urban Management Bureau', level: 'county' },
    { code: 'water', name: '水务局', nameEn: 'Water Affairs Bureau', level: 'county' },
  ],
  collectionItems: [
    { category: 'street_vending', name: '占道经营', nameEn: 'Street vending', group: 'city_appearance', groupName: '市容环境', groupNameEn: 'City appearance' },
    { category: 'water_pipe_leak', name: '供水管网漏水', nameEn: 'Water main leak', group: 'public_facilities', groupName: '市政设施', groupNameEn: 'Public facilities' },
    { category: 'orphan', name: '无责任单位', nameEn: 'Orphan', group: 'other', groupName: '其他', groupNameEn: 'Other' },
  ],
  responsibilities: [
    { category: 'street_vending', level: 'village', department: 'village_committee', timeLimitHours: 24 },
    { category: 'street_vending', level: 'town', department: 'town_enforcement', timeLimitHours: 24 },
    { category: 'street_vending', level: 'county', department: 'urban_mgmt', timeLimitHours: 48 },
    { category: 'water_pipe_leak', level: 'county', department: 'water', timeLimitHours: 12 },
  ],
};

describe('suggestRoute', () => {
  it.each([
    ['village', 'village_committee', 24],
    ['town', 'town_enforcement', 24],
    ['county', 'urban_mgmt', 48],
  ] as const)('street_vending at %s → %s, %d h', (level, department, hours) => {
    expect(suggestRoute('street_vending', 1, level, lists, NOW)).toEqual({
      department, timeLimitHours: hours, baseHours: hours, level, deadlineAt: NOW + hours * H,
    });
  });

  it.each([
    [1, 48], [2, 48], [3, 36], [4, 24], [5, 12],
  ])('severity %d scales a 48 h limit to %d h', (severity, hours) => {
    const r = suggestRoute('street_vending', severity, 'county', lists, NOW);
    expect(r).toMatchObject({ timeLimitHours: hours, baseHours: 48, deadlineAt: NOW + hours * H });
  });

  it('falls back to the next level up when this level has no row', () => {
    expect(suggestRoute('water_pipe_leak', 2, 'village', lists, NOW)).toMatchObject({ department: 'water', level: 'county', timeLimitHours: 12 });
    expect(suggestRoute('water_pipe_leak', 5, 'town', lists, NOW)).toMatchObject({ department: 'water', level: 'county', deadlineAt: NOW + 3 * H });
  });

  it('never falls back downward', () => {
    const onlyVillage: Lists = { ...lists, responsibilities: [{ category: 'street_vending', level: 'village', department: 'village_committee', timeLimitHours: 24 }] };
    expect(suggestRoute('street_vending', 1, 'town', onlyVillage, NOW)).toBeNull();
  });

  it('unknown category → null', () => {
    expect(suggestRoute('alien_landing', 3, 'village', lists, NOW)).toBeNull();
    // a row without a collection-list item is not routable either
    expect(suggestRoute('ghost', 3, 'village', { ...lists, responsibilities: [...lists.responsibilities, { category: 'ghost', level: 'village', department: 'water', timeLimitHours: 1 }] }, NOW)).toBeNull();
  });

  it('category on the list without any row → null', () => {
    expect(suggestRoute('orphan', 1, 'village', lists, NOW)).toBeNull();
  });

  it('severity factors', () => {
    expect([1, 2, 3, 4, 5].map(severityFactor)).toEqual([1, 1, 0.75, 0.5, 0.25]);
  });
});

describe('listProblems', () => {
  it('names an orphan category, unknown departments and categories, and duplicates', () => {
    const bad: Lists = {
      departments: [...lists.departments, lists.departments[0]!],
      collectionItems: lists.collectionItems,
      responsibilities: [
        ...lists.responsibilities,
        { category: 'street_vending', level: 'town', department: 'town_enforcement', timeLimitHours: 12 },
        { category: 'nope', level: 'town', department: 'water', timeLimitHours: 1 },
        { category: 'water_pipe_leak', level: 'town', department: 'plumber', timeLimitHours: 1 },
      ],
    };
    expect(listProblems(bad)).toEqual([
      "duplicate department 'village_committee'",
      "duplicate responsibility 'street_vending/town'",
      'responsibility nope/town: unknown category',
      "responsibility water_pipe_leak/town: unknown department 'plumber'",
      "category 'orphan' has no responsible department",
    ]);
  });

  it('a whole list has none', () => {
    const whole: Lists = { ...lists, collectionItems: lists.collectionItems.filter((c) => c.category !== 'orphan') };
    expect(listProblems(whole)).toEqual([]);
  });
});
