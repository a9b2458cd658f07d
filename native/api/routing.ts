// Smart dispatch (智能派单): the responsibility list names the department and time limit for a category at
// a handling level; severity shortens the limit. Also checks that a set of lists is whole and consistent.
import { HandlingLevel, type Lists } from './model.js';

const HOUR = 3_600_000;

export type RoutingLists = Pick<Lists, 'collectionItems' | 'responsibilities'>;

export interface RouteSuggestion {
  /** Department.code */
  department: string;
  /** now + the scaled time limit, epoch ms. */
  deadlineAt: number;
  /** The limit after severity scaling, hours. */
  timeLimitHours: number;
  /** The list's own limit before scaling, hours. */
  baseHours: number;
  /** The level of the row used: the asked level, or a level above when that one has no row. */
  level: HandlingLevel;
}

/** Five-colour severity shortens the limit: red 5 ×0.25, orange 4 ×0.5, yellow 3 ×0.75, 1–2 ×1. */
export function severityFactor(severity: number): number {
  if (severity >= 5) return 0.25;
  if (severity === 4) return 0.5;
  if (severity === 3) return 0.75;
  return 1;
}

/**
 * Suggest the department and deadline. Falls back to the next level up when the list has no row for
 * this level; null when the category is not on the collection list or no row exists at or above the level
 * (the caller reports 'unknown category').
 */
export function suggestRoute(
  category: string, severity: number, level: HandlingLevel, lists: RoutingLists, now: number,
): RouteSuggestion | null {
  if (!lists.collectionItems.some((c) => c.category === category)) return null;
  const levels = HandlingLevel.options;
  for (let i = levels.indexOf(level); i >= 0 && i < levels.length; i++) {
    const at = levels[i];
    const row = lists.responsibilities.find((r) => r.category === category && r.level === at);
    if (row && at) {
      const timeLimitHours = row.timeLimitHours * severityFactor(severity);
      return {
        department: row.department, deadlineAt: now + Math.round(timeLimitHours * HOUR),
        timeLimitHours, baseHours: row.timeLimitHours, level: at,
      };
    }
  }
  return null;
}

/**
 * What is wrong with a set of lists, one sentence each (empty = fine): duplicate keys, rows naming an
 * unknown category or department, categories that cannot be routed from the village level up.
 */
export function listProblems(lists: Lists): string[] {
  const problems: string[] = [];
  const dup = (keys: string[], what: string): void => {
    const seen = new Set<string>();
    for (const k of keys) {
      if (seen.has(k)) problems.push(`duplicate ${what} '${k}'`);
      seen.add(k);
    }
  };
  dup(lists.departments.map((d) => d.code), 'department');
  dup(lists.collectionItems.map((c) => c.category), 'category');
  dup(lists.responsibilities.map((r) => `${r.category}/${r.level}`), 'responsibility');
  const departments = new Set(lists.departments.map((d) => d.code));
  const categories = new Set(lists.collectionItems.map((c) => c.category));
  for (const r of lists.responsibilities) {
    if (!categories.has(r.category)) problems.push(`responsibility ${r.category}/${r.level}: unknown category`);
    if (!departments.has(r.department)) problems.push(`responsibility ${r.category}/${r.level}: unknown department '${r.department}'`);
  }
  for (const c of lists.collectionItems) {
    if (!lists.responsibilities.some((r) => r.category === c.category)) problems.push(`category '${c.category}' has no responsible department`);
  }
  return problems;
}
