// The rotating duty director (轮值主任): which department's cadre is on duty on a county date. Every day
// advances the rotation (the seed says 每日轮值, weekends included); public holidays do not — they are
// covered by the holiday department (执法应急局) and the rotation resumes where it stopped. Pure and
// deterministic for a date, so the hub, the station and tests compute the same roster.
import type { CountyDate, DutyLevel, Holiday, RosterEntry } from './model.js';

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A cadre (科级干部) who can stand as duty director for a department. */
export interface Cadre {
  departmentCode: string;
  name: string;
  phone: string;
}

/** Cadres by department code; for a town, keys `${townCode}/${departmentCode}` are looked up first. */
export type CadreBook = Readonly<Record<string, readonly Cadre[]>>;

export interface Rotation {
  /** The date the rotation starts at departments[0]; dates before it count backwards. */
  epoch: CountyDate;
  /** Department codes in turn order. */
  departments: readonly string[];
  /** The department that covers public holidays. */
  holidayCover: string;
}

/**
 * The county rotation of seed 004 一(三): 党群工作部, 社会治理办, 农环局, 资规建交局, 教育文旅局, 民生局,
 * 市场监督局, 执法应急局, 公安分局 — as Baoying's department codes (hub/lists.ts).
 */
export const COUNTY_ROTATION: Rotation = {
  epoch: '2026-01-01',
  departments: [
    'party_mass_work', 'social_governance', 'agriculture', 'natural_resources', 'education_culture_tourism',
    'civil_affairs', 'market_supervision', 'emergency', 'public_security',
  ],
  holidayCover: 'emergency',
};

/** A town's rotation: its grid centre (综治办) and its enforcement bureau take turns; holidays the latter. */
export const TOWN_ROTATION: Rotation = {
  epoch: '2026-01-01',
  departments: ['town_grid_center', 'town_enforcement'],
  holidayCover: 'town_enforcement',
};

/**
 * Public holidays of 2026 (国务院办公厅 notice on the 2026 holiday schedule): every day off of 元旦, 春节, 清明,
 * 劳动节, 端午, 中秋, 国庆. Make-up working days (调休上班) are ordinary rotation days.
 */
export const HOLIDAYS_2026: readonly Holiday[] = [
  ...span('2026-01-01', 3, '元旦', "New Year's Day"),
  ...span('2026-02-15', 9, '春节', 'Spring Festival'),
  ...span('2026-04-04', 3, '清明节', 'Qingming Festival'),
  ...span('2026-05-01', 5, '劳动节', 'Labour Day'),
  ...span('2026-06-19', 3, '端午节', 'Dragon Boat Festival'),
  ...span('2026-09-25', 3, '中秋节', 'Mid-Autumn Festival'),
  ...span('2026-10-01', 7, '国庆节', 'National Day'),
];

function span(first: CountyDate, days: number, name: string, nameEn: string): Holiday[] {
  return Array.from({ length: days }, (_, i) => ({ date: addDays(first, i), name, nameEn }));
}

/** Days since 1970-01-01 of a county date (calendar arithmetic only: no clock, no time zone). */
export function dayNumber(date: CountyDate): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new Error(`not a date: '${date}' (want YYYY-MM-DD)`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new Error(`no such date: '${date}'`);
  return ms / DAY_MS;
}

export function addDays(date: CountyDate, days: number): CountyDate {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Every date from `from` to `to`, both included. */
export function dateRange(from: CountyDate, to: CountyDate): CountyDate[] {
  const n = dayNumber(to) - dayNumber(from);
  return Array.from({ length: Math.max(0, n + 1) }, (_, i) => addDays(from, i));
}

export function holidayOn(date: CountyDate, holidays: readonly Holiday[]): Holiday | null {
  return holidays.find((h) => h.date === date) ?? null;
}

/** Non-holiday days in [a, b) — signed: negative when b is before a. */
function workingDaysBetween(a: CountyDate, b: CountyDate, holidays: ReadonlySet<number>): number {
  const na = dayNumber(a);
  const nb = dayNumber(b);
  const [lo, hi, sign] = na <= nb ? [na, nb, 1] : [nb, na, -1];
  let off = 0;
  for (const h of holidays) if (h >= lo && h < hi) off += 1;
  return sign * (hi - lo - off);
}

const mod = (a: number, n: number): number => ((a % n) + n) % n;

export interface DutyPlace {
  level: DutyLevel;
  /** Required for level 'town'. */
  townCode: string | null;
}

export const COUNTY_PLACE: DutyPlace = { level: 'county', townCode: null };

/** The roster entry's stable id: one entry per date and place. */
export function rosterId(date: CountyDate, place: DutyPlace): string {
  return place.level === 'county' ? `${date}/county` : `${date}/town/${place.townCode ?? ''}`;
}

function cadresFor(cadres: CadreBook, department: string, place: DutyPlace): readonly Cadre[] {
  const own = place.level === 'town' && place.townCode ? cadres[`${place.townCode}/${department}`] : undefined;
  const list = own ?? cadres[department];
  if (!list || list.length === 0) throw new Error(`no cadre for department '${department}'${place.townCode ? ` in town ${place.townCode}` : ''}`);
  return list;
}

/**
 * Who is duty director on `date`. The department is the rotation's turn on that date, counting only
 * non-holiday days since the epoch; on a holiday it is the holiday cover. Within a department its cadres
 * take that department's turns (or holidays) in order. Towns may pass a `townOffset` so neighbouring
 * towns are not all on the same office the same day.
 */
export function dutyRoster(
  date: CountyDate, rotation: Rotation, holidays: readonly Holiday[], cadres: CadreBook,
  place: DutyPlace = COUNTY_PLACE, townOffset = 0,
): RosterEntry {
  if (rotation.departments.length === 0) throw new Error('rotation has no departments');
  if (place.level === 'town' && !place.townCode) throw new Error('a town roster needs a townCode');
  const holidaySet = new Set(holidays.map((h) => dayNumber(h.date)));
  const day = dayNumber(date);
  let department: string;
  let turn: number;
  if (holidaySet.has(day)) {
    department = rotation.holidayCover;
    // the cover's n-th holiday since the epoch (signed): its cadres alternate over holidays
    const epoch = dayNumber(rotation.epoch);
    turn = [...holidaySet].filter((h) => (day >= epoch ? h >= epoch && h < day : h >= day && h < epoch)).length * (day >= epoch ? 1 : -1);
  } else {
    const index = workingDaysBetween(rotation.epoch, date, holidaySet) + townOffset;
    const n = rotation.departments.length;
    department = rotation.departments[mod(index, n)] as string;
    turn = Math.floor(index / n);
  }
  const list = cadresFor(cadres, department, place);
  const cadre = list[mod(turn, list.length)] as Cadre;
  return {
    id: rosterId(date, place), date, level: place.level, townCode: place.level === 'town' ? place.townCode : null,
    departmentCode: department, directorName: cadre.name, directorPhone: cadre.phone,
  };
}

/** The roster for every date in [from, to] (both included), as the hub generates its sync window. */
export function rosterWindow(
  from: CountyDate, to: CountyDate, rotation: Rotation, holidays: readonly Holiday[], cadres: CadreBook,
  place: DutyPlace = COUNTY_PLACE, townOffset = 0,
): RosterEntry[] {
  return dateRange(from, to).map((d) => dutyRoster(d, rotation, holidays, cadres, place, townOffset));
}
