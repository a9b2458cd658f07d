// The shipped lists: valid under the model's schemas, consistent, and every category routable — those the
// simulator's catalogue reports first of all — from every level.
import { describe, expect, it } from 'vitest';
import { CollectionItem, Department, HandlingLevel, Lists, Responsibility } from '../native/api/model.js';
import { suggestRoute } from '../native/api/routing.js';
import { EVENT_KINDS } from './event-catalog.js';
import { COLLECTION_ITEMS, DEPARTMENTS, RESPONSIBILITIES, SHIPPED_LISTS, validateLists } from './lists.js';

const NOW = Date.UTC(2026, 10, 22, 2, 0);

describe('shipped lists', () => {
  it('parse with the model schemas', () => {
    for (const d of DEPARTMENTS) expect(Department.safeParse(d).success).toBe(true);
    for (const c of COLLECTION_ITEMS) expect(CollectionItem.safeParse(c).success).toBe(true);
    for (const r of RESPONSIBILITIES) expect(Responsibility.safeParse(r).success).toBe(true);
    expect(Lists.parse(SHIPPED_LISTS)).toEqual(SHIPPED_LISTS);
  });

  it('have the size of a county centre', () => {
    expect(DEPARTMENTS.length).toBeGreaterThanOrEqual(12);
    expect(COLLECTION_ITEMS.length).toBeGreaterThanOrEqual(EVENT_KINDS.length);
    expect(new Set(COLLECTION_ITEMS.map((c) => c.group)).size).toBeGreaterThanOrEqual(6);
  });

  it('cover every category of the event catalogue, with the same names', () => {
    for (const kind of EVENT_KINDS) {
      const item = COLLECTION_ITEMS.find((c) => c.category === kind.category);
      expect(item, kind.category).toBeDefined();
      expect(item?.name).toBe(kind.zh);
    }
  });

  it('route every category from every level to a department of a fitting level', () => {
    for (const item of COLLECTION_ITEMS) {
      for (const level of HandlingLevel.options) {
        const r = suggestRoute(item.category, 3, level, SHIPPED_LISTS, NOW);
        expect(r, `${item.category} at ${level}`).not.toBeNull();
        const dept = DEPARTMENTS.find((d) => d.code === r?.department);
        expect(dept, r?.department).toBeDefined();
        // a row's department sits at the row's level: no county bureau for a village matter and back
        expect(dept?.level).toBe(r?.level);
        expect(r!.deadlineAt).toBeGreaterThan(NOW);
      }
    }
  });

  it('keep small matters small: village limits 4–120 h, county rows exist for every category', () => {
    for (const r of RESPONSIBILITIES.filter((x) => x.level === 'village')) {
      expect(r.timeLimitHours).toBeGreaterThanOrEqual(4);
      expect(r.timeLimitHours).toBeLessThanOrEqual(120);
    }
    for (const c of COLLECTION_ITEMS) expect(RESPONSIBILITIES.some((r) => r.category === c.category && r.level === 'county')).toBe(true);
  });

  it('use every department', () => {
    for (const d of DEPARTMENTS) expect(RESPONSIBILITIES.some((r) => r.department === d.code), d.code).toBe(true);
  });

  it('validateLists refuses a row naming an unknown department, with the reason', () => {
    const broken = { ...SHIPPED_LISTS, responsibilities: [...SHIPPED_LISTS.responsibilities, { category: 'clutter', level: 'village', department: 'nobody', timeLimitHours: 1 }] };
    expect(() => validateLists(broken)).toThrow(/unknown department 'nobody'/);
    expect(() => validateLists({ ...SHIPPED_LISTS, departments: [{ code: 'Bad Code', name: 'x', nameEn: 'x', level: 'town' }] })).toThrow();
  });
});
