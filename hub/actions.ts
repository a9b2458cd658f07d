// The hub as the authority over work orders: every action — from a seat over HTTP or from the simulated
// field — goes through `applyAction`, which checks it with the shared state machine and writes the event
// and its trace atomically; manual intake and responsibility-list edits are checked here too.
import type { EventAction, GridEvent, Lists, Responsibility } from '../native/api/model.js';
import { transition } from '../native/api/work-order.js';
import type { ActionRequest, IntakeRequest } from '../native/sync/hub-protocol.js';
import { eventId, handlingLevel } from './simulator.js';
import type { ApplyOutcome, HubStore } from './store/hub-store.js';

export interface WorkOrdersOptions {
  store: HubStore;
  now: () => number;
  /** Known grid codes (intake must name one). */
  gridCodes: ReadonlySet<string>;
  /** Called after each write with the collection it touched and the seq it took there. */
  changed: (collection: 'events' | 'event_actions' | 'responsibilities', seq: number) => void;
}

export type IntakeOutcome =
  | { kind: 'created' | 'replayed'; event: GridEvent }
  | { kind: 'refused'; code: 'unknown_category' | 'unknown_grid'; message: string };

export type ListEditOutcome =
  | { kind: 'saved'; responsibility: Responsibility; seq: number }
  | { kind: 'refused'; code: 'unknown_category' | 'unknown_department'; message: string };

export class WorkOrders {
  private lists: Lists = { departments: [], collectionItems: [], responsibilities: [] };

  constructor(private readonly opts: WorkOrdersOptions) {}

  /** Reads the lists from the store (after they are synced, and after an edit). */
  async loadLists(): Promise<Lists> {
    this.lists = await this.opts.store.lists();
    return this.lists;
  }

  get currentLists(): Lists {
    return this.lists;
  }

  async applyAction(eventId: string, req: ActionRequest): Promise<ApplyOutcome> {
    const { store, now } = this.opts;
    // Merging into an event that does not exist would leave a dangling link: refuse it up front
    // (events are never deleted, so the check cannot go stale).
    if (req.action === 'merge' && typeof req.payload['mergedInto'] === 'string' && req.payload['mergedInto'] !== eventId) {
      const target = await store.event(req.payload['mergedInto']);
      if (!target) return { kind: 'refused', code: 'bad_payload', message: `Cannot merge into ${req.payload['mergedInto']}: no such event.` };
    }
    const departments = this.lists.departments;
    const outcome = await store.applyAction(eventId, req.key, req.expectedVersion, (current) => {
      const at = now();
      const r = transition(current, { action: req.action, actor: req.actor, reason: req.reason, payload: req.payload }, at, { departments });
      if (!r.ok) return r;
      const action: EventAction = {
        id: req.key, eventId, action: req.action, fromState: current.state, toState: r.toState, actor: req.actor,
        reason: req.reason?.trim() ? req.reason.trim() : null, payload: req.payload, at, clientAt: req.clientAt,
        version: r.event.version,
      };
      return { ok: true, event: r.event, action };
    });
    if (outcome.kind === 'applied') {
      this.opts.changed('events', outcome.eventSeq);
      this.opts.changed('event_actions', outcome.actionSeq);
    }
    return outcome;
  }

  async intake(req: IntakeRequest): Promise<IntakeOutcome> {
    const { store, now } = this.opts;
    if (!this.lists.collectionItems.some((c) => c.category === req.category)) {
      return { kind: 'refused', code: 'unknown_category', message: `Unknown category '${req.category}': not on the collection list (网格事项采集清单).` };
    }
    if (!this.opts.gridCodes.has(req.gridCode)) {
      return { kind: 'refused', code: 'unknown_grid', message: `Unknown grid '${req.gridCode}'.` };
    }
    const r = await store.intake(req.key, async () => {
      const t = now();
      const serial = await store.takeEventSerials(1);
      return {
        id: eventId(t, serial), title: req.title.trim(), category: req.category, source: 'manual', severity: req.severity,
        state: 'reported', gridCode: req.gridCode, position: req.position, address: req.address, reportedAt: t, updatedAt: t,
        department: null, level: handlingLevel(req.category, req.severity, this.lists), deadlineAt: null, supervised: false,
        mergedInto: null, cameraId: null, snapshot: null, detection: null, reporter: req.reporter ?? req.actor.name,
        description: req.description, rating: null, closedAt: null, version: 1,
      };
    });
    if (!r.replayed) this.opts.changed('events', r.seq);
    return { kind: r.replayed ? 'replayed' : 'created', event: r.event };
  }

  async putResponsibility(row: Responsibility): Promise<ListEditOutcome> {
    if (!this.lists.collectionItems.some((c) => c.category === row.category)) {
      return { kind: 'refused', code: 'unknown_category', message: `Unknown category '${row.category}': not on the collection list.` };
    }
    if (!this.lists.departments.some((d) => d.code === row.department)) {
      return { kind: 'refused', code: 'unknown_department', message: `Unknown department '${row.department}'.` };
    }
    const seq = await this.opts.store.putResponsibility(row);
    await this.loadLists();
    this.opts.changed('responsibilities', seq);
    return { kind: 'saved', responsibility: row, seq };
  }
}
