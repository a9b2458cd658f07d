// Statistics over the cached events for the dashboard and the bulletin: one window [from, to) of intake
// and closure, plus the open work as it stands now. Every query runs on an index (see migration 0002).
import type Database from 'better-sqlite3';
import type { Dashboard, StatsRange } from '../api/contract.js';
import type { Department } from '../api/model.js';
import { cachedJson } from './cached-json.js';

const CLOSED = `('verified', 'evaluated', 'archived')`;
const OPEN = `state NOT IN ('archived', 'merged')`;

const SQL = {
  window: /* sql */ `
    SELECT count(*) AS intake,
           coalesce(sum(state IN ${CLOSED}), 0) AS closed,
           coalesce(sum(state IN ${CLOSED} AND level = 'village'), 0) AS village,
           coalesce(sum(state IN ${CLOSED} AND level = 'town'), 0) AS town,
           coalesce(sum(state IN ${CLOSED} AND level = 'county'), 0) AS county
      FROM events INDEXED BY events_window
     WHERE reported_at >= @from AND reported_at < @to`,
  handling: /* sql */ `
    SELECT avg(closed_at - reported_at) AS avg FROM events INDEXED BY events_closed
     WHERE closed_at IS NOT NULL AND closed_at >= @from AND closed_at < @to`,
  openByState: `SELECT state, count(*) AS n FROM events WHERE ${OPEN} GROUP BY state`,
  overdueByDepartment: /* sql */ `
    SELECT e.department AS department, d.data AS dept, count(*) AS n
      FROM events e LEFT JOIN departments d ON d.code = e.department
     WHERE e.${OPEN} AND e.live = 1 AND e.deadline_at <= @now
     GROUP BY e.department ORDER BY n DESC, e.department`,
  overdueByTown: /* sql */ `
    SELECT e.town_code AS townCode, g.name AS name, count(*) AS n
      FROM events e LEFT JOIN grids g ON g.code = e.town_code
     WHERE e.${OPEN} AND e.live = 1 AND e.deadline_at <= @now
     GROUP BY e.town_code ORDER BY n DESC, e.town_code`,
} as const;

export class StatsRepo {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      window: db.prepare<{ from: number; to: number }, { intake: number; closed: number; village: number; town: number; county: number }>(SQL.window),
      handling: db.prepare<{ from: number; to: number }, { avg: number | null }>(SQL.handling),
      openByState: db.prepare<[], { state: string; n: number }>(SQL.openByState),
      overdueByDepartment: db.prepare<{ now: number }, { department: string | null; dept: string | null; n: number }>(SQL.overdueByDepartment),
      overdueByTown: db.prepare<{ now: number }, { townCode: string; name: string | null; n: number }>(SQL.overdueByTown),
    };
  }

  dashboard(range: StatsRange, from: number, to: number, now: number): Dashboard {
    const w = this.s.window.get({ from, to })!;
    const share = (n: number): number => (w.closed > 0 ? n / w.closed : 0);
    const avg = this.s.handling.get({ from, to })?.avg ?? null;
    return {
      range, from, to,
      intake: w.intake,
      closed: w.closed,
      closureRate: w.intake > 0 ? w.closed / w.intake : null,
      resolvedByLevel: { village: share(w.village), town: share(w.town), county: share(w.county) },
      overdueByDepartment: this.s.overdueByDepartment.all({ now }).map((r) => ({
        department: r.department,
        name: r.dept ? cachedJson<Department>(r.dept).name : r.department ?? '未派遣',
        count: r.n,
      })),
      overdueByTown: this.s.overdueByTown.all({ now }).map((r) => ({ townCode: r.townCode, name: r.name ?? r.townCode, count: r.n })),
      avgHandlingMs: avg === null ? null : Math.max(0, Math.round(avg)),
      openByState: Object.fromEntries(this.s.openByState.all().map((r) => [r.state, r.n])),
    };
  }
}
