// The incident report (突发事件处置记录) as XLSX: the incident, the plan checklist with owners, deadlines and
// completion, the full timeline, the wartime grids and the responsible departments.
import type { IncidentWorkspace } from '../api/contract.js';
import type { IncidentType } from '../api/model.js';
import { countyDate } from '../api/stats-window.js';
import { writeXlsx, type Cell } from './xlsx.js';

const TYPE_LABEL: Record<IncidentType, string> = {
  typhoon_flood: '台风洪涝 Typhoon/flood', fire: '火灾 Fire', hazchem_leak: '危化品泄漏 Hazardous-chemical leak',
  mass_gathering: '人员聚集 Mass gathering', earthquake: '地震 Earthquake', epidemic: '疫情 Epidemic',
};
const LEVEL_LABEL = ['', 'Ⅰ级 (特别重大)', 'Ⅱ级 (重大)', 'Ⅲ级 (较大)', 'Ⅳ级 (一般)'];
const KIND_LABEL: Record<string, string> = {
  declared: '宣布 Declared', step_done: '完成步骤 Step done', step_reopened: '重开步骤 Step reopened', note: '记录 Note',
  call: '通话 Call', alarm: '告警 Alarm', stood_down: '解除 Stood down',
};

/** County wall time (UTC+8), 'YYYY-MM-DD HH:MM:SS'. */
export function countyTime(at: number | null): Cell {
  if (at === null) return '—';
  return new Date(at + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export function incidentReportFilename(w: IncidentWorkspace): string {
  return `watchfloor-incident-${countyDate(w.incident.declaredAt)}-${w.incident.id.slice(0, 8)}.xlsx`;
}

export function incidentReportXlsx(w: IncidentWorkspace, countyName: string, now: number): Uint8Array {
  const i = w.incident;
  const done = w.steps.filter((s) => s.done).length;
  const overview: Cell[][] = [
    [`${countyName}突发事件处置记录 Incident record`],
    ['标题 Title', i.title],
    ['类型 Type', TYPE_LABEL[i.type]],
    ['级别 Level', LEVEL_LABEL[i.level] ?? String(i.level)],
    ['位置 Position', `${i.position[0].toFixed(5)}, ${i.position[1].toFixed(5)}`],
    ['网格 Grid', i.gridCode],
    ['半径 Radius (m)', i.radiusM],
    ['宣布人 Declared by', i.declaredBy],
    ['宣布时间 Declared at', countyTime(i.declaredAt)],
    ['状态 State', i.state === 'active' ? '战时 Active' : '已解除 Stood down'],
    ['解除时间 Stood down at', countyTime(i.stoodDownAt)],
    ['预案 Plan', w.plan ? `${w.plan.name} / ${w.plan.nameEn}` : '—'],
    ['步骤完成 Steps done', `${done} / ${w.steps.length}`],
    ['战时网格 Wartime grids', w.wartimeGrids.length],
    ['生成时间 Generated (UTC+8)', countyTime(now)],
  ];
  const stepRows: Cell[][] = [['序号 #', '步骤 Step', 'Step', '责任单位 Owner', '时限 Due', '完成 Done', '完成时间 Done at']];
  w.plan?.steps.forEach((s, n) => {
    const p = w.steps.find((x) => x.stepId === s.id);
    const owner = w.departments.find((d) => d.departmentCode === s.owner);
    stepRows.push([n + 1, s.title, s.titleEn, owner?.departmentName ?? s.owner, countyTime(p?.dueAt ?? null), p?.done ? '是 Yes' : '否 No', countyTime(p?.doneAt ?? null)]);
  });
  const timeline: Cell[][] = [['时间 Time (UTC+8)', '类型 Kind', '步骤 Step', '内容 Text', '人员 Actor', '席位 Seat']];
  for (const e of w.log) {
    const step = e.stepId ? (w.plan?.steps.find((s) => s.id === e.stepId)?.title ?? e.stepId) : '';
    timeline.push([countyTime(e.at), KIND_LABEL[e.kind] ?? e.kind, step, e.text, e.actor.name, e.actor.seat ?? '']);
  }
  const grids: Cell[][] = [['网格编码 Code', '名称 Name'], ...w.wartimeGrids.map((g): Cell[] => [g.code, g.name])];
  const departments: Cell[][] = [
    ['责任单位 Department', 'Department', '联络员 Liaison', '电话 Phone', '步骤数 Steps'],
    ...w.departments.map((d): Cell[] => [d.departmentName, d.departmentNameEn, d.liaison?.name ?? '—', d.liaison?.phone ?? '—', d.stepIds.length]),
  ];
  return writeXlsx([
    { name: '概况 Overview', rows: overview, widths: [26, 50] },
    { name: '预案步骤 Plan', rows: stepRows, widths: [6, 36, 40, 20, 20, 10, 20] },
    { name: '时间线 Timeline', rows: timeline, widths: [20, 16, 30, 50, 12, 14] },
    { name: '战时网格 Grids', rows: grids, widths: [20, 30] },
    { name: '责任单位 Departments', rows: departments, widths: [20, 30, 12, 16, 8] },
  ]);
}
