// The daily / weekly / monthly bulletin (日督导/周通报) as an XLSX workbook: the dashboard's figures in
// one sheet, the overdue work by department and by town in a second.
import type { Dashboard, StatsRange } from '../api/contract.js';
import { STATE_LABELS } from '../api/work-order.js';
import { countyDate } from '../api/stats-window.js';
import type { EventState } from '../api/model.js';
import { writeXlsx, type Cell } from './xlsx.js';

const RANGE_TITLE: Record<StatsRange, string> = { today: '日督导', week: '周通报', month: '月通报' };

function pct(x: number | null): Cell {
  return x === null ? '—' : `${(x * 100).toFixed(2)}%`;
}

export function bulletinFilename(range: StatsRange, now: number): string {
  return `watchfloor-${range}-${countyDate(now)}.xlsx`;
}

export function bulletinXlsx(d: Dashboard, countyName: string, now: number): Uint8Array {
  const title = `${countyName}网格化社会治理${RANGE_TITLE[d.range]}`;
  const summary: Cell[][] = [
    [title],
    ['统计区间 Period', `${countyDate(d.from)} — ${countyDate(d.to - 1)}（北京时间 UTC+8）`],
    ['生成时间 Generated', new Date(now).toISOString()],
    [],
    ['指标 Indicator', '数值 Value'],
    ['受理事件 Intake', d.intake],
    ['办结事件 Closed', d.closed],
    ['办结率 Closure rate', pct(d.closureRate)],
    ['村级解决占比 Resolved at village', pct(d.resolvedByLevel.village)],
    ['镇级解决占比 Resolved at town', pct(d.resolvedByLevel.town)],
    ['县级解决占比 Resolved at county', pct(d.resolvedByLevel.county)],
    ['平均办理时长（小时） Avg handling (h)', d.avgHandlingMs === null ? '—' : Math.round((d.avgHandlingMs / 3_600_000) * 10) / 10],
    [],
    ['在办状态 Open by state', '件数 Count'],
    ...Object.entries(d.openByState).map(([state, n]): Cell[] => [STATE_LABELS[state as EventState]?.zh ?? state, n]),
  ];
  const overdue: Cell[][] = [
    ['超期未办结（按部门） Overdue by department', '件数 Count'],
    ...d.overdueByDepartment.map((r): Cell[] => [r.name, r.count]),
    [],
    ['超期未办结（按镇街） Overdue by town', '件数 Count'],
    ...d.overdueByTown.map((r): Cell[] => [r.name, r.count]),
  ];
  return writeXlsx([
    { name: '概况 Summary', rows: summary, widths: [40, 40] },
    { name: '超期 Overdue', rows: overdue, widths: [40, 14] },
  ]);
}
