// Everything an incident workspace shows, from the cache: the plan and each step's progress (from the
// timeline, including this seat's writes still in the outbox), the wartime grids, the nearest cameras and
// grid workers, and the departments that own the plan's steps with their liaisons.
import type { GridNode, IncidentWorkspace, NearCamera, ResponsibleDepartment, StepProgress } from '../api/contract.js';
import type { Camera, EmergencyPlan, Incident, IncidentLogEntry, LonLat } from '../api/model.js';
import { distanceM, wartimeGrids } from '../api/wartime.js';
import type { Store } from '../store/store.js';
import { dutyBody } from '../sync/duty-outbox.js';

export const WORKSPACE_CAMERAS = 9;
export const WORKSPACE_WORKERS = 10;

/**
 * The timeline with this seat's unsent writes folded in (at = the seat's clock), so a ticked step stays
 * ticked through a link loss and a restart until the hub's own entry replaces it.
 */
export function timelineWithPending(store: Store, incidentId: string): IncidentLogEntry[] {
  const cached = store.duty.log(incidentId);
  const known = new Set(cached.map((e) => e.id));
  const pending: IncidentLogEntry[] = [];
  for (const row of store.outbox.pending()) {
    if (known.has(row.key)) continue;
    if (row.kind === 'incident_log') {
      const b = dutyBody.incident_log.safeParse(row.body);
      if (!b.success || b.data.target.id !== incidentId) continue;
      const r = b.data.request;
      pending.push({ id: r.key, incidentId, kind: r.kind, stepId: r.stepId, text: r.text, actor: r.actor, at: r.clientAt, clientAt: r.clientAt });
    } else if (row.kind === 'incident_stand_down') {
      const b = dutyBody.incident_stand_down.safeParse(row.body);
      if (!b.success || b.data.target.id !== incidentId) continue;
      const r = b.data.request;
      pending.push({ id: r.key, incidentId, kind: 'stood_down', stepId: null, text: r.reason, actor: r.actor, at: r.clientAt, clientAt: r.clientAt });
    }
  }
  return [...cached, ...pending].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}

/** Each step's state: the last step_done / step_reopened for it wins. */
export function stepProgress(incident: Incident, plan: EmergencyPlan | null, log: readonly IncidentLogEntry[]): StepProgress[] {
  if (!plan) return [];
  const doneAt = new Map<string, number | null>();
  for (const e of log) {
    if (e.stepId === null) continue;
    if (e.kind === 'step_done') doneAt.set(e.stepId, e.at);
    else if (e.kind === 'step_reopened') doneAt.set(e.stepId, null);
  }
  return plan.steps.map((s) => {
    const at = doneAt.get(s.id) ?? null;
    return { stepId: s.id, done: at !== null, doneAt: at, dueAt: incident.declaredAt + s.dueMinutes * 60_000 };
  });
}

/** The nearest cameras: a growing box around the point (the cameras' R*Tree), then exact distances. */
export function nearestCameras(store: Store, at: LonLat, limit: number): NearCamera[] {
  const [lon, lat] = at;
  for (let radiusM = 1_000; ; radiusM *= 2) {
    const dLat = radiusM / 111_320;
    const dLon = radiusM / (111_320 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
    const all = radiusM > 200_000;
    const found: Camera[] = all
      ? store.cameras.all()
      : store.cameras.inView({ west: lon - dLon, east: lon + dLon, south: lat - dLat, north: lat + dLat });
    const near = found
      .map((camera) => ({ camera, distanceM: Math.round(distanceM(at, camera.position)) }))
      .filter((n) => all || n.distanceM <= radiusM)
      .sort((a, b) => a.distanceM - b.distanceM || a.camera.id.localeCompare(b.camera.id));
    if (near.length >= limit || all) return near.slice(0, limit);
  }
}

function responsibleDepartments(store: Store, plan: EmergencyPlan | null): ResponsibleDepartment[] {
  if (!plan) return [];
  const out = new Map<string, ResponsibleDepartment>();
  for (const step of plan.steps) {
    let d = out.get(step.owner);
    if (!d) {
      const dept = store.lists.department(step.owner);
      d = {
        departmentCode: step.owner, departmentName: dept?.name ?? step.owner, departmentNameEn: dept?.nameEn ?? step.owner,
        liaison: store.duty.liaisonOf(step.owner), stepIds: [],
      };
      out.set(step.owner, d);
    }
    d.stepIds.push(step.id);
  }
  return [...out.values()];
}

/** The wartime grids of an incident; computed once per incident (position and radius never change). */
const gridMemo = new Map<string, GridNode[]>();

function wartimeNodes(store: Store, incident: Incident): GridNode[] {
  const key = `${incident.id}|${incident.position.join(',')}|${incident.radiusM}`;
  let nodes = gridMemo.get(key);
  if (!nodes) {
    nodes = wartimeGrids(incident.position, incident.radiusM, store.grids.byLevel('unit'))
      .map((g) => ({ code: g.code, name: g.name, level: g.level, parentCode: g.parentCode, center: g.center }));
    // Only an empty cache gives none; remember only real answers.
    if (nodes.length > 0) gridMemo.set(key, nodes);
  }
  return nodes;
}

export function incidentWorkspace(store: Store, incident: Incident): IncidentWorkspace {
  const plan = store.duty.plan(incident.planId);
  const log = timelineWithPending(store, incident.id);
  // A stand-down still in the outbox already shows: the operator sees the state they chose.
  const shown: Incident = incident.state === 'active' && log.some((e) => e.kind === 'stood_down')
    ? { ...incident, state: 'stood_down', stoodDownAt: log.find((e) => e.kind === 'stood_down')!.at }
    : incident;
  return {
    incident: shown,
    plan,
    steps: stepProgress(incident, plan, log),
    log,
    wartimeGrids: wartimeNodes(store, incident),
    cameras: nearestCameras(store, incident.position, WORKSPACE_CAMERAS),
    workers: store.workers.nearest(incident.position, WORKSPACE_WORKERS),
    departments: responsibleDepartments(store, plan),
  };
}

/** Incidents this seat declared that the hub has not answered yet (hub down): shown as declared. */
export function pendingIncidents(store: Store): Incident[] {
  const out: Incident[] = [];
  for (const row of store.outbox.pending()) {
    if (row.kind !== 'incident_declare' || store.duty.incident(row.key)) continue;
    const b = dutyBody.incident_declare.safeParse(row.body);
    if (!b.success) continue;
    const r = b.data.request;
    const planId = r.planId ?? store.duty.plans().find((p) => p.type === r.type)?.id ?? `plan-${r.type}`;
    out.push({
      id: r.key, type: r.type, title: r.title, level: r.level, position: r.position, radiusM: r.radiusM, gridCode: r.gridCode,
      declaredAt: r.clientAt, declaredBy: r.actor.name, state: 'active', stoodDownAt: null, planId, version: 1,
    });
  }
  return out;
}

/** The county's active incident as this seat sees it (the newest declared), or null in peacetime. */
export function activeIncident(store: Store): Incident | null {
  const candidates = [...pendingIncidents(store), ...store.duty.incidents(50).filter((i) => i.state === 'active')]
    .sort((a, b) => b.declaredAt - a.declaredAt || a.id.localeCompare(b.id));
  for (const incident of candidates) {
    if (!timelineWithPending(store, incident.id).some((e) => e.kind === 'stood_down')) return incident;
  }
  return null;
}

/** An incident by id: cached, or declared here and still in the outbox. */
export function findIncident(store: Store, id: string): Incident | null {
  return store.duty.incident(id) ?? pendingIncidents(store).find((i) => i.id === id) ?? null;
}
