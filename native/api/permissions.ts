// Who may make which write: one pure table for the hub (403 forbidden_role), the station (pre-check before
// the outbox) and the renderer (controls disabled with whyNot()'s reason). Work-order actions are checked
// per action by native/api/work-order.ts; here 'events.transition' is "may act on work orders at all".
import type { ActorRole, WriteKind } from './model.js';
import { ROLE_LABELS, TRANSITIONS } from './work-order.js';

export interface Bilingual {
  zh: string;
  en: string;
}

/** Roles that take at least one work-order action, read off the state machine so the two never drift. */
const EVENT_ACTORS: readonly ActorRole[] = [...new Set(Object.values(TRANSITIONS).flatMap((r) => r.roles))];

/** Every write kind → the roles allowed to make it. Administrators and viewers never act on work orders. */
export const WRITE_ROLES: Readonly<Record<WriteKind, readonly ActorRole[]>> = {
  'events.transition': EVENT_ACTORS,
  'events.create': ['duty_commander', 'duty_director', 'department_liaison', 'grid_worker', 'system'],
  'lists.setResponsibility': ['duty_director', 'administrator'],
  'roster.edit': ['administrator'],
  'handover.create': ['duty_director'],
  'handover.acknowledge': ['duty_director'],
  'incident.declare': ['duty_commander', 'duty_director'],
  'incident.log': ['duty_commander', 'duty_director', 'department_liaison'],
  'incident.standDown': ['duty_director'],
  // 视频调度: the commander and the duty director place calls; a department liaison answers and takes part.
  'calls.dial': ['duty_commander', 'duty_director'],
};

export const WRITE_LABELS: Readonly<Record<WriteKind, Bilingual>> = {
  'events.transition': { zh: '处置工单', en: 'act on work orders' },
  'events.create': { zh: '登记事件', en: 'register events' },
  'lists.setResponsibility': { zh: '修改责任清单', en: 'edit the responsibility list' },
  'roster.edit': { zh: '编排值班表', en: 'edit the duty roster' },
  'handover.create': { zh: '提交交接班', en: 'submit a handover' },
  'handover.acknowledge': { zh: '确认接班', en: 'acknowledge a handover' },
  'incident.declare': { zh: '宣布战时', en: 'declare an incident' },
  'incident.log': { zh: '记录处置进展', en: 'log incident steps and notes' },
  'incident.standDown': { zh: '解除战时', en: 'stand down an incident' },
  'calls.dial': { zh: '发起视频调度', en: 'place dispatch calls' },
};

export function can(role: ActorRole, write: WriteKind): boolean {
  return WRITE_ROLES[write].includes(role);
}

/** Why this role may not make this write — the tooltip of a disabled control — or null when it may. */
export function whyNot(role: ActorRole, write: WriteKind): Bilingual | null {
  if (can(role, write)) return null;
  const allowed = WRITE_ROLES[write];
  const label = WRITE_LABELS[write];
  const who = ROLE_LABELS[role];
  if (role === 'viewer') {
    return { zh: `只读席位不能${label.zh}`, en: `A viewer seat is read-only: it may not ${label.en}.` };
  }
  return {
    zh: `${who.zh}无权${label.zh},仅限${allowed.map((r) => ROLE_LABELS[r].zh).join('、')}`,
    en: `A ${who.en} may not ${label.en}; only: ${allowed.map((r) => ROLE_LABELS[r].en).join(', ')}.`,
  };
}

/** whyNot as one line for error messages: "中文 / English". */
export function whyNotText(role: ActorRole, write: WriteKind): string | null {
  const r = whyNot(role, write);
  return r ? `${r.zh} / ${r.en}` : null;
}
