// The duty rotation: one department a day, weekends included; holidays covered by the enforcement &
// emergency bureau without using up a turn; the same answer for the same date, whatever the order of inputs.
import { describe, expect, it } from 'vitest';
import {
  COUNTY_ROTATION, HOLIDAYS_2026, TOWN_ROTATION, addDays, dateRange, dayNumber, dutyRoster, holidayOn,
  rosterWindow, type CadreBook,
} from './duty.js';
import { RosterEntry } from './model.js';

const CADRES: CadreBook = Object.fromEntries(COUNTY_ROTATION.departments.map((code) => [code, [
  { departmentCode: code, name: `${code}-A`, phone: '1' }, { departmentCode: code, name: `${code}-B`, phone: '2' },
]]));
const dept = (date: string): string => dutyRoster(date, COUNTY_ROTATION, HOLIDAYS_2026, CADRES).departmentCode;
const next = (code: string): string => {
  const d = COUNTY_ROTATION.departments;
  return d[(d.indexOf(code) + 1) % d.length] as string;
};

describe('dutyRoster (county)', () => {
  it.each([
    // 元旦 1–3 Jan: the holiday cover; the rotation starts on the first ordinary day
    ['2026-01-01', 'emergency', 'emergency-A'],
    ['2026-01-02', 'emergency', 'emergency-B'],
    ['2026-01-03', 'emergency', 'emergency-A'],
    ['2026-01-04', 'party_mass_work', 'party_mass_work-A'], // a Sunday (调休上班), index 0
    ['2026-01-05', 'social_governance', 'social_governance-A'],
    ['2026-01-10', 'market_supervision', 'market_supervision-A'], // Saturday: weekends rotate
    ['2026-01-11', 'emergency', 'emergency-A'], // Sunday, emergency's own turn
    ['2026-01-12', 'public_security', 'public_security-A'],
    ['2026-01-13', 'party_mass_work', 'party_mass_work-B'], // the department's second turn: its second cadre
    ['2026-01-22', 'party_mass_work', 'party_mass_work-A'],
    ['2026-02-14', 'civil_affairs', 'civil_affairs-A'], // 41 ordinary days after the epoch: 41 mod 9 = 5, its 5th turn
    ['2026-02-16', 'emergency', expect.stringMatching(/^emergency-/)], // 春节
    ['2026-02-24', 'market_supervision', 'market_supervision-A'], // resumes where it stopped
    ['2025-12-31', 'public_security', 'public_security-B'], // before the epoch: counts backwards
  ])('%s → %s (%s)', (date, department, name) => {
    const r = dutyRoster(date, COUNTY_ROTATION, HOLIDAYS_2026, CADRES);
    expect(r).toMatchObject({ id: `${date}/county`, date, level: 'county', townCode: null, departmentCode: department, directorName: name });
    expect(RosterEntry.safeParse(r).success).toBe(true);
  });

  it('advances exactly one department per ordinary day, across weekends and around every holiday', () => {
    const days = dateRange('2026-01-01', '2026-12-31');
    let previous: string | null = null;
    for (const day of days) {
      if (holidayOn(day, HOLIDAYS_2026)) {
        expect(dept(day), day).toBe('emergency');
        continue;
      }
      if (previous !== null) expect(dept(day), day).toBe(next(previous));
      previous = dept(day);
    }
  });

  it('shares the year fairly: every department 36–37 ordinary days, the cover also all 33 holidays', () => {
    const tally = new Map<string, number>();
    for (const day of dateRange('2026-01-01', '2026-12-31')) {
      if (!holidayOn(day, HOLIDAYS_2026)) tally.set(dept(day), (tally.get(dept(day)) ?? 0) + 1);
    }
    expect([...tally.keys()].sort()).toEqual([...COUNTY_ROTATION.departments].sort());
    for (const [code, n] of tally) {
      expect(n, code).toBeGreaterThanOrEqual(36);
      expect(n, code).toBeLessThanOrEqual(37);
    }
    expect([...tally.values()].reduce((a, b) => a + b, 0)).toBe(365 - 33);
  });

  it('is deterministic: same date, same entry, whatever the order of the holiday list', () => {
    const shuffled = [...HOLIDAYS_2026].reverse();
    for (const day of ['2026-03-01', '2026-05-06', '2026-10-08', '2026-12-31']) {
      expect(dutyRoster(day, COUNTY_ROTATION, shuffled, CADRES)).toEqual(dutyRoster(day, COUNTY_ROTATION, HOLIDAYS_2026, CADRES));
    }
  });

  it('without holidays every day is a turn', () => {
    expect(dutyRoster('2026-01-01', COUNTY_ROTATION, [], CADRES).departmentCode).toBe('party_mass_work');
    expect(dutyRoster('2026-01-10', COUNTY_ROTATION, [], CADRES).departmentCode).toBe('party_mass_work');
  });

  it('refuses bad dates, an empty rotation and a department without cadres', () => {
    expect(() => dutyRoster('2026-02-30', COUNTY_ROTATION, HOLIDAYS_2026, CADRES)).toThrow(/no such date/);
    expect(() => dutyRoster('26-1-1', COUNTY_ROTATION, HOLIDAYS_2026, CADRES)).toThrow(/not a date/);
    expect(() => dutyRoster('2026-03-02', { ...COUNTY_ROTATION, departments: [] }, [], CADRES)).toThrow(/no departments/);
    expect(() => dutyRoster('2026-01-04', COUNTY_ROTATION, HOLIDAYS_2026, {})).toThrow(/no cadre for department 'party_mass_work'/);
  });
});

describe('dutyRoster (town)', () => {
  const TOWN = '321023100';
  const townBook: CadreBook = {
    [`${TOWN}/town_grid_center`]: [{ departmentCode: 'town_grid_center', name: '镇综治甲', phone: '3' }],
    [`${TOWN}/town_enforcement`]: [{ departmentCode: 'town_enforcement', name: '镇执法乙', phone: '4' }],
  };
  const place = { level: 'town' as const, townCode: TOWN };

  it('alternates the town offices, uses the town\'s own cadres, and the offset shifts neighbours', () => {
    const a = dutyRoster('2026-01-04', TOWN_ROTATION, HOLIDAYS_2026, townBook, place);
    const b = dutyRoster('2026-01-05', TOWN_ROTATION, HOLIDAYS_2026, townBook, place);
    const shifted = dutyRoster('2026-01-04', TOWN_ROTATION, HOLIDAYS_2026, townBook, place, 1);
    expect(a).toMatchObject({ id: `2026-01-04/town/${TOWN}`, level: 'town', townCode: TOWN, departmentCode: 'town_grid_center', directorName: '镇综治甲' });
    expect(b.departmentCode).toBe('town_enforcement');
    expect(shifted.departmentCode).toBe('town_enforcement');
    expect(dutyRoster('2026-10-03', TOWN_ROTATION, HOLIDAYS_2026, townBook, place).departmentCode).toBe('town_enforcement');
  });

  it('needs a town code', () => {
    expect(() => dutyRoster('2026-01-04', TOWN_ROTATION, [], townBook, { level: 'town', townCode: null })).toThrow(/townCode/);
  });
});

describe('calendar helpers and the 2026 holidays', () => {
  it('do date arithmetic without a clock', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dateRange('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(dateRange('2026-01-02', '2026-01-01')).toEqual([]);
  });

  it('ship the seven festivals of 2026, 33 distinct days', () => {
    expect(HOLIDAYS_2026).toHaveLength(33);
    expect(new Set(HOLIDAYS_2026.map((h) => h.date)).size).toBe(33);
    expect(new Set(HOLIDAYS_2026.map((h) => h.name))).toEqual(new Set(['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']));
    for (const h of HOLIDAYS_2026) expect(h.date.startsWith('2026-')).toBe(true);
    expect(holidayOn('2026-10-07', HOLIDAYS_2026)?.name).toBe('国庆节');
    expect(holidayOn('2026-10-08', HOLIDAYS_2026)).toBeNull();
  });

  it('rosterWindow gives one entry per date with unique ids', () => {
    const w = rosterWindow('2026-09-20', '2026-10-10', COUNTY_ROTATION, HOLIDAYS_2026, CADRES);
    expect(w).toHaveLength(21);
    expect(new Set(w.map((r) => r.id)).size).toBe(21);
    expect(w.filter((r) => r.departmentCode === 'emergency').length).toBeGreaterThanOrEqual(10); // 中秋 3 + 国庆 7
  });
});
