// Liaisons and duty cadres: every county department has a liaison, every rotation department (seed 004's
// nine) exists in the lists and has cadres, so the hub can generate a roster for any date.
import { describe, expect, it } from 'vitest';
import { COUNTY_ROTATION, HOLIDAYS_2026, TOWN_ROTATION, dutyRoster, rosterWindow } from '../native/api/duty.js';
import { Liaison, RosterEntry } from '../native/api/model.js';
import { COUNTY_CADRES, LIAISONS, townCadres } from './liaisons.js';
import { DEPARTMENTS } from './lists.js';

describe('liaisons and cadres', () => {
  it('one liaison per county department, valid, unique ids and phones', () => {
    const county = DEPARTMENTS.filter((d) => d.level === 'county').map((d) => d.code);
    expect(LIAISONS.map((l) => l.departmentCode).sort()).toEqual([...county].sort());
    for (const l of LIAISONS) expect(Liaison.safeParse(l).success).toBe(true);
    expect(new Set(LIAISONS.map((l) => l.id)).size).toBe(LIAISONS.length);
    expect(new Set(LIAISONS.map((l) => l.phone)).size).toBe(LIAISONS.length);
    for (const l of LIAISONS) expect(l.phone).toMatch(/^0514-882\d{5}$/);
  });

  it('the rotation names seed 004\'s nine departments, all in the shipped lists', () => {
    const byCode = new Map(DEPARTMENTS.map((d) => [d.code, d]));
    expect(COUNTY_ROTATION.departments).toHaveLength(9);
    for (const code of [...COUNTY_ROTATION.departments, COUNTY_ROTATION.holidayCover]) {
      expect(byCode.get(code)?.level, code).toBe('county');
    }
    for (const code of TOWN_ROTATION.departments) expect(byCode.get(code)?.level, code).toBe('town');
    expect(byCode.get('party_mass_work')?.name).toBe('党群工作部');
  });

  it('generates a valid county roster for the whole of 2026 and a town roster from townCadres', () => {
    const year = rosterWindow('2026-01-01', '2026-12-31', COUNTY_ROTATION, HOLIDAYS_2026, COUNTY_CADRES);
    expect(year).toHaveLength(365);
    for (const r of year) expect(RosterEntry.safeParse(r).success, r.id).toBe(true);
    expect(new Set(year.map((r) => r.directorName)).size).toBe(18); // nine departments × two cadres
    const towns = ['321023100', '321023101'];
    const book = townCadres(towns);
    const a = dutyRoster('2026-03-02', TOWN_ROTATION, HOLIDAYS_2026, book, { level: 'town', townCode: towns[0]! });
    const b = dutyRoster('2026-03-02', TOWN_ROTATION, HOLIDAYS_2026, book, { level: 'town', townCode: towns[1]! });
    expect(a.townCode).toBe(towns[0]);
    expect(a.directorName).not.toBe(b.directorName);
  });
});
