// The seat's duty and incident writes (issue 7): each is checked here first — the role table (can()),
// then the cache (the handover, the incident, the plan step) — so a refusal writes nothing; then it is
// committed to the outbox with a fresh key and clientAt, and only then handed to the sender.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { TopicBus } from '../api/bus.js';
import type { DeclareIncidentParams, IncidentLogParams, OutboxEntry, SeatIdentity, WriteAccepted } from '../api/contract.js';
import { NotFoundError, RefusedError } from '../api/host.js';
import type { HandoverSummary, RosterEntry, WriteKind } from '../api/model.js';
import { can, whyNotText } from '../api/permissions.js';
import { countyDate } from '../api/stats-window.js';
import { pointInRing } from '../api/wartime.js';
import type { Store } from '../store/store.js';
import type { DutyBody, DutyKind } from './duty-outbox.js';
import { actorOf } from './seat-writes.js';

export interface DutyWritesOptions {
  store: Store;
  bus: TopicBus;
  identity(): SeatIdentity;
  /** Called after each commit: the sender drains the outbox. */
  kick(): void;
  /** The summary of the shift now ending (native/reports/shift-summary.ts). */
  summary(now: number): HandoverSummary;
  /** An incident's view changed at this seat (a pending write): the station tells the renderers. */
  incidentChanged?(incidentId: string): void;
  now?: () => number;
}

export class DutyWrites {
  constructor(private readonly o: DutyWritesOptions) {}

  setRoster(entry: RosterEntry): WriteAccepted {
    const actor = this.allowed('roster.edit');
    const { store } = this.o;
    if (!store.lists.department(entry.departmentCode) && store.lists.departments().length > 0) {
      throw new RefusedError('bad_params', `unknown department '${entry.departmentCode}'`);
    }
    if (entry.level === 'town' && !entry.townCode) throw new RefusedError('bad_params', 'a town roster entry needs its townCode');
    return this.commit('roster', 'roster.edit', {
      target: { date: entry.date, level: entry.level, townCode: entry.level === 'town' ? entry.townCode : null },
      request: {
        key: randomUUID(), actor, clientAt: this.now(),
        departmentCode: entry.departmentCode, directorName: entry.directorName, directorPhone: entry.directorPhone,
      },
    });
  }

  submitHandover(remarks: string, toName: string | null): WriteAccepted {
    const actor = this.allowed('handover.create');
    const now = this.now();
    return this.commit('handover', 'handover.create', {
      target: {},
      request: {
        key: randomUUID(), actor, clientAt: now, date: countyDate(now), level: 'county', townCode: null,
        fromName: actor.name, toName, summary: this.o.summary(now), remarks,
      },
    });
  }

  acknowledgeHandover(id: string): WriteAccepted {
    const actor = this.allowed('handover.acknowledge');
    const handover = this.o.store.duty.handover(id);
    if (!handover) throw new NotFoundError(`handover ${id} is not in the station's cache`);
    if (handover.acknowledgedAt !== null) {
      throw new RefusedError('bad_params', `handover ${id} was already acknowledged by ${handover.acknowledgedBy ?? '?'}`);
    }
    return this.commit('handover_ack', 'handover.acknowledge', { target: { id }, request: { key: randomUUID(), actor, clientAt: this.now() } });
  }

  declareIncident(p: z.output<typeof DeclareIncidentParams>): WriteAccepted {
    const actor = this.allowed('incident.declare');
    const { store } = this.o;
    const gridCode = p.gridCode ?? this.unitGridAt(p.position);
    if (!gridCode) throw new RefusedError('bad_params', 'no grid at that position: choose a point inside the county (or give gridCode)');
    if (p.gridCode && store.grids.count() > 0 && !store.grids.get(p.gridCode)) {
      throw new RefusedError('bad_params', `unknown grid ${p.gridCode}: not in the station's cache`);
    }
    const plan = store.duty.plans().find((x) => x.type === p.type);
    const key = randomUUID();
    const accepted = this.commit('incident_declare', 'incident.declare', {
      target: {},
      request: {
        key, actor, clientAt: this.now(), type: p.type, title: p.title, level: p.level, position: p.position, radiusM: p.radiusM,
        gridCode, ...(plan ? { planId: plan.id } : {}),
      },
    });
    this.o.incidentChanged?.(key);
    return accepted;
  }

  logIncident(p: z.output<typeof IncidentLogParams>): WriteAccepted {
    const actor = this.allowed('incident.log');
    const incident = this.activeIncident(p.incidentId);
    const stepKind = p.kind === 'step_done' || p.kind === 'step_reopened';
    if (stepKind) {
      if (!p.stepId) throw new RefusedError('bad_params', `${p.kind} needs the plan step (stepId)`);
      const plan = this.o.store.duty.plan(incident.planId);
      if (plan && !plan.steps.some((s) => s.id === p.stepId)) {
        throw new RefusedError('bad_params', `step ${p.stepId} is not in plan ${plan.id}`);
      }
    } else if (!p.text.trim()) {
      throw new RefusedError('bad_params', `a ${p.kind} needs a text`);
    }
    const accepted = this.commit('incident_log', 'incident.log', {
      target: { id: incident.id },
      request: { key: randomUUID(), actor, clientAt: this.now(), kind: p.kind, stepId: stepKind ? p.stepId : null, text: p.text },
    });
    this.o.incidentChanged?.(incident.id);
    return accepted;
  }

  standDown(incidentId: string, reason: string): WriteAccepted {
    const actor = this.allowed('incident.standDown');
    const incident = this.activeIncident(incidentId);
    const accepted = this.commit('incident_stand_down', 'incident.standDown', {
      target: { id: incident.id }, request: { key: randomUUID(), actor, clientAt: this.now(), reason },
    });
    this.o.incidentChanged?.(incident.id);
    return accepted;
  }

  private now(): number {
    return this.o.now?.() ?? Date.now();
  }

  /** The role table first: a refusal names who may, and nothing is written. */
  private allowed(write: WriteKind): ReturnType<typeof actorOf> {
    const identity = this.o.identity();
    if (!can(identity.role, write)) {
      throw new RefusedError('forbidden_role', whyNotText(identity.role, write) ?? `${identity.role} may not ${write}`);
    }
    return actorOf(identity);
  }

  private activeIncident(id: string): NonNullable<ReturnType<Store['duty']['incident']>> {
    const incident = this.o.store.duty.incident(id);
    if (!incident) throw new NotFoundError(`incident ${id} is not in the station's cache`);
    if (incident.state !== 'active') throw new RefusedError('bad_params', `incident ${id} has been stood down; its record is read-only`);
    return incident;
  }

  private unitGridAt(position: [number, number]): string | null {
    for (const g of this.o.store.grids.byLevel('unit')) {
      if (g.boundary.length >= 3 && pointInRing(position, g.boundary)) return g.code;
    }
    return null;
  }

  private commit<K extends DutyKind>(kind: K, action: string, body: DutyBody<K>): WriteAccepted {
    const { store, bus } = this.o;
    const key = body.request.key;
    const clientAt = body.request.clientAt;
    store.outbox.add({ key, kind: kind as OutboxEntry['kind'], eventId: null, action, body, clientAt }, clientAt);
    bus.publish('outbox', { key, eventId: null, action, state: 'pending', error: null, event: null, since: [] });
    this.o.kick();
    return { key, outbox: 'pending' };
  }
}
