// The hub as the authority over duty and emergency command: the roster window it generates at start, shift
// handovers, roster edits and incidents (declare, log, stand down). Every write is role-checked with the
// shared permission table, idempotent by its key and applied in one transaction (store.keyedWrite).
import { randomUUID } from 'node:crypto';
import {
  COUNTY_ROTATION, HOLIDAYS_2026, TOWN_ROTATION, addDays, rosterId, rosterWindow, type CadreBook, type Rotation,
} from '../native/api/duty.js';
import type {
  Actor, EmergencyPlan, Handover, Holiday, Incident, IncidentLogEntry, Liaison, RosterEntry, WriteKind, DutyLevel,
} from '../native/api/model.js';
import { can, whyNotText } from '../native/api/permissions.js';
import type {
  HandoverAckRequest, HandoverCreateRequest, IncidentDeclareRequest, IncidentLogRequest, IncidentSaved, IncidentStandDownRequest,
  RosterPutRequest,
} from '../native/sync/hub-protocol.js';
import type { DutyCollection, HubStore, WriteDecision, WriteTx } from './store/hub-store.js';

/** The roster window the hub keeps: this many days back and ahead of today (county date). */
export const ROSTER_DAYS_BACK = 30;
export const ROSTER_DAYS_AHEAD = 60;

const UTC8_MS = 8 * 3_600_000;

/** The county date (UTC+8) of an instant. */
export function countyDateOf(at: number): string {
  return new Date(at + UTC8_MS).toISOString().slice(0, 10);
}

export interface DutyData {
  plans: readonly EmergencyPlan[];
  liaisons: readonly Liaison[];
  countyCadres: CadreBook;
  townCadres: (townCodes: readonly string[]) => CadreBook;
  holidays?: readonly Holiday[];
  countyRotation?: Rotation;
  townRotation?: Rotation;
}

export interface DutyDeskOptions {
  store: HubStore;
  now: () => number;
  data: DutyData;
  /** The county's town codes (9 digits), each with its own town roster. */
  townCodes: readonly string[];
  gridCodes: ReadonlySet<string>;
  /** Department codes a roster entry may name. */
  departmentCodes: () => ReadonlySet<string>;
  /** Called after each write with each collection it touched and the newest seq it took there. */
  changed: (collection: DutyCollection, seq: number) => void;
}

/** What a duty write comes to: an HTTP status with its body, or a refusal. */
export type DutyOutcome<R> =
  | { ok: true; status: number; body: R }
  | { ok: false; status: number; code: string; message: string };

const refuse = (status: number, code: string, message: string) => ({ ok: false as const, status, code, message });

/** 403 'forbidden_role' when the shared permission table refuses this role this write; null when it may. */
export function deny(kind: WriteKind, actor: Actor): { ok: false; status: number; code: string; message: string } | null {
  return can(actor.role, kind) ? null : refuse(403, 'forbidden_role', whyNotText(actor.role, kind) ?? `A ${actor.role} may not ${kind}.`);
}

export class DutyDesk {
  constructor(private readonly opts: DutyDeskOptions) {}

  /**
   * Ships the plans and liaisons as data and fills the roster window around today. Generated entries only
   * fill gaps: an administrator's edit of a date stays across restarts of a hub with a data folder.
   */
  async ship(): Promise<void> {
    const { store, data } = this.opts;
    await store.replaceShipped('plans', data.plans);
    await store.replaceShipped('liaisons', data.liaisons);
    await this.extendRoster();
  }

  /**
   * Fills the roster window around today where dates are missing (at start, and as the days pass: the
   * window moves on at midnight). Announces `roster` when it added any; resolves to that seq or null.
   */
  async extendRoster(): Promise<number | null> {
    const { store, data, now, townCodes } = this.opts;
    const today = countyDateOf(now());
    const from = addDays(today, -ROSTER_DAYS_BACK);
    const to = addDays(today, ROSTER_DAYS_AHEAD);
    const holidays = data.holidays ?? HOLIDAYS_2026;
    const towns = data.townCadres(townCodes);
    const entries: RosterEntry[] = rosterWindow(from, to, data.countyRotation ?? COUNTY_ROTATION, holidays, data.countyCadres);
    townCodes.forEach((townCode, i) => {
      // Offset by the town's position, so neighbouring towns are not all on the same office the same day.
      entries.push(...rosterWindow(from, to, data.townRotation ?? TOWN_ROTATION, holidays, towns, { level: 'town', townCode }, i));
    });
    const seq = await store.insertMissing('roster', entries);
    if (seq !== null) this.opts.changed('roster', seq);
    return seq;
  }

  async createHandover(req: HandoverCreateRequest): Promise<DutyOutcome<{ handover: Handover }>> {
    const denied = deny('handover.create', req.actor);
    if (denied) return denied;
    if ((req.level === 'town') !== (req.townCode !== null)) return refuse(400, 'bad_request', 'townCode: required for level town and null for level county');
    if (req.townCode !== null && !this.opts.townCodes.includes(req.townCode)) return refuse(422, 'unknown_town', `Unknown town '${req.townCode}'.`);
    return this.write('handover.create', req.actor, req.key, req.key, async () => {
      const handover: Handover = {
        id: req.key, date: req.date, level: req.level, townCode: req.townCode, fromName: req.fromName.trim(),
        toName: req.toName?.trim() ?? null, summary: req.summary, remarks: req.remarks, createdAt: this.opts.now(),
        acknowledgedAt: null, acknowledgedBy: null,
      };
      return { ok: true, status: 201, result: { handover }, writes: [{ collection: 'handovers', id: handover.id, data: handover }] };
    });
  }

  async acknowledgeHandover(id: string, req: HandoverAckRequest): Promise<DutyOutcome<{ handover: Handover }>> {
    return this.write('handover.acknowledge', req.actor, req.key, id, async (tx) => {
      const current = await tx.get<Handover>('handovers', id);
      if (!current) return { ok: false, status: 404, code: 'not_found', message: `No such handover: ${id.slice(0, 40)}.` };
      if (current.acknowledgedAt !== null) {
        return {
          ok: false, status: 422, code: 'already_acknowledged',
          message: `Handover ${id} was already acknowledged by ${current.acknowledgedBy ?? '?'} (已确认接班).`,
        };
      }
      const handover: Handover = { ...current, acknowledgedAt: this.opts.now(), acknowledgedBy: req.actor.name };
      return { ok: true, status: 200, result: { handover }, writes: [{ collection: 'handovers', id, data: handover }] };
    });
  }

  async putRoster(date: string, level: DutyLevel, townCode: string | null, req: RosterPutRequest): Promise<DutyOutcome<{ entry: RosterEntry }>> {
    const denied = deny('roster.edit', req.actor);
    if (denied) return denied;
    if (townCode !== null && !this.opts.townCodes.includes(townCode)) return refuse(422, 'unknown_town', `Unknown town '${townCode}'.`);
    if (!this.opts.departmentCodes().has(req.departmentCode)) {
      return refuse(422, 'unknown_department', `Unknown department '${req.departmentCode}'.`);
    }
    const id = rosterId(date, { level, townCode });
    return this.write('roster.edit', req.actor, req.key, id, async () => {
      const entry: RosterEntry = {
        id, date, level, townCode, departmentCode: req.departmentCode, directorName: req.directorName.trim(), directorPhone: req.directorPhone.trim(),
      };
      return { ok: true, status: 200, result: { entry }, writes: [{ collection: 'roster', id, data: entry }] };
    });
  }

  async declare(req: IncidentDeclareRequest): Promise<DutyOutcome<IncidentSaved>> {
    const denied = deny('incident.declare', req.actor);
    if (denied) return denied;
    if (!this.opts.gridCodes.has(req.gridCode)) return refuse(422, 'unknown_grid', `Unknown grid '${req.gridCode}'.`);
    const plan = req.planId ? this.opts.data.plans.find((p) => p.id === req.planId) : this.opts.data.plans.find((p) => p.type === req.type);
    if (!plan) return refuse(422, 'unknown_plan', req.planId ? `Unknown plan '${req.planId}'.` : `No emergency plan for '${req.type}'.`);
    // Several incidents may be active at once, even at one place: a typhoon and a fire it causes are two.
    return this.write('incident.declare', req.actor, req.key, req.key, async () => {
      const at = this.opts.now();
      const incident: Incident = {
        id: req.key, type: req.type, title: req.title.trim(), level: req.level, position: req.position, radiusM: req.radiusM,
        gridCode: req.gridCode, declaredAt: at, declaredBy: req.actor.name, state: 'active', stoodDownAt: null, planId: plan.id, version: 1,
      };
      const entry: IncidentLogEntry = {
        id: randomUUID(), incidentId: incident.id, kind: 'declared', stepId: null,
        text: `${incident.title}(${'ⅠⅡⅢⅣ'[req.level - 1] ?? req.level}级响应,${plan.name})`, actor: req.actor, at, clientAt: req.clientAt,
      };
      return {
        ok: true, status: 201, result: { incident, entry },
        writes: [{ collection: 'incidents', id: incident.id, data: incident }, { collection: 'incident_log', id: entry.id, data: entry }],
      };
    });
  }

  async log(incidentId: string, req: IncidentLogRequest): Promise<DutyOutcome<{ entry: IncidentLogEntry }>> {
    return this.write('incident.log', req.actor, req.key, incidentId, async (tx) => {
      const incident = await tx.get<Incident>('incidents', incidentId);
      if (!incident) return { ok: false, status: 404, code: 'not_found', message: `No such incident: ${incidentId.slice(0, 40)}.` };
      if (incident.state !== 'active') {
        return { ok: false, status: 422, code: 'stood_down', message: `Incident ${incident.title} has been stood down (已解除): its record is closed.` };
      }
      if (req.stepId !== null) {
        const plan = await tx.get<EmergencyPlan>('plans', incident.planId);
        if (!plan?.steps.some((s) => s.id === req.stepId)) {
          return { ok: false, status: 422, code: 'unknown_step', message: `Step '${req.stepId}' is not in plan ${incident.planId}.` };
        }
      }
      const entry: IncidentLogEntry = {
        id: req.key, incidentId, kind: req.kind, stepId: req.stepId, text: req.text.trim(), actor: req.actor, at: this.opts.now(), clientAt: req.clientAt,
      };
      return { ok: true, status: 201, result: { entry }, writes: [{ collection: 'incident_log', id: entry.id, data: entry }] };
    });
  }

  async standDown(incidentId: string, req: IncidentStandDownRequest): Promise<DutyOutcome<IncidentSaved>> {
    return this.write('incident.standDown', req.actor, req.key, incidentId, async (tx) => {
      const current = await tx.get<Incident>('incidents', incidentId);
      if (!current) return { ok: false, status: 404, code: 'not_found', message: `No such incident: ${incidentId.slice(0, 40)}.` };
      if (current.state === 'stood_down') {
        return { ok: false, status: 422, code: 'already_stood_down', message: `Incident ${current.title} was already stood down (已解除战时).` };
      }
      const at = this.opts.now();
      const incident: Incident = { ...current, state: 'stood_down', stoodDownAt: at, version: current.version + 1 };
      const entry: IncidentLogEntry = {
        id: req.key, incidentId, kind: 'stood_down', stepId: null, text: req.reason.trim(), actor: req.actor, at, clientAt: req.clientAt,
      };
      return {
        ok: true, status: 200, result: { incident, entry },
        writes: [{ collection: 'incidents', id: incidentId, data: incident }, { collection: 'incident_log', id: entry.id, data: entry }],
      };
    });
  }

  /** The common path: role check (403, nothing read or written), then the keyed write, then `changed`. */
  private async write<R>(
    kind: WriteKind, actor: Actor, key: string, target: string, decide: (tx: WriteTx) => Promise<WriteDecision<R>>,
  ): Promise<DutyOutcome<R>> {
    const denied = deny(kind, actor);
    if (denied) return denied;
    const r = await this.opts.store.keyedWrite<R>(key, kind, target, decide);
    switch (r.kind) {
      case 'applied':
        for (const [collection, seq] of Object.entries(r.seqs) as [DutyCollection, number][]) this.opts.changed(collection, seq);
        return { ok: true, status: r.status, body: r.result };
      case 'replayed':
        return { ok: true, status: 200, body: r.result };
      case 'key_reused':
        return refuse(400, 'bad_request', `key ${key} was already used for ${r.priorKind} on ${r.target}`);
      case 'refused':
        return refuse(r.status, r.code, r.message);
    }
  }
}
