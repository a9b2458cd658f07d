// Daily coordination (每日调度): what each department owes now — overdue work, work due by the end of the
// county day, supervised work — with its liaison to call. Pure: the caller reads the cache.
import type { DepartmentWorkload } from '../api/contract.js';
import type { Department, GridEvent, Liaison } from '../api/model.js';

export const COORDINATION_ITEMS_MAX = 50;

export interface CoordinationInput {
  departments: readonly Department[];
  liaisons: readonly Liaison[];
  /** Live work (dispatched/in progress) whose deadline ends before the end of today. */
  dueByTonight: readonly GridEvent[];
  /** Open supervised work. */
  supervised: readonly GridEvent[];
  now: number;
}

/** Departments that owe something first (most overdue, then due today, then supervised), then the rest by code. */
export function coordinationByDepartment(input: CoordinationInput): DepartmentWorkload[] {
  const rows = new Map<string, DepartmentWorkload & { seen: Set<string>; rank: Map<string, number> }>();
  const row = (code: string): DepartmentWorkload & { seen: Set<string>; rank: Map<string, number> } => {
    let r = rows.get(code);
    if (!r) {
      const d = input.departments.find((x) => x.code === code);
      r = {
        departmentCode: code, departmentName: d?.name ?? code, departmentNameEn: d?.nameEn ?? code,
        overdue: 0, dueToday: 0, supervised: 0, items: [],
        liaison: input.liaisons.find((l) => l.departmentCode === code) ?? null, seen: new Set(), rank: new Map(),
      };
      rows.set(code, r);
    }
    return r;
  };
  for (const d of input.departments) row(d.code);
  const add = (r: ReturnType<typeof row>, e: GridEvent, rank: number): void => {
    if (r.seen.has(e.id)) return;
    r.seen.add(e.id);
    r.rank.set(e.id, rank);
    r.items.push(e);
  };
  for (const e of input.dueByTonight) {
    if (!e.department || e.deadlineAt === null) continue;
    const r = row(e.department);
    if (e.deadlineAt < input.now) {
      r.overdue++;
      add(r, e, 0);
    } else {
      r.dueToday++;
      add(r, e, 1);
    }
  }
  for (const e of input.supervised) {
    if (!e.department) continue;
    const r = row(e.department);
    r.supervised++;
    add(r, e, 2);
  }
  return [...rows.values()]
    .map(({ seen: _seen, rank, ...r }) => ({
      ...r,
      items: r.items
        .sort((a, b) => (rank.get(a.id) ?? 3) - (rank.get(b.id) ?? 3) || (a.deadlineAt ?? Infinity) - (b.deadlineAt ?? Infinity))
        .slice(0, COORDINATION_ITEMS_MAX),
    }))
    .sort((a, b) => b.overdue - a.overdue || b.dueToday - a.dueToday || b.supervised - a.supervised
      || a.departmentCode.localeCompare(b.departmentCode));
}
