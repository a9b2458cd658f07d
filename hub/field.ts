// The simulated field: department liaisons start dispatched work and report back, grid workers go back
// to verify (and now and then find it not done and reopen it). Each step is a real action through the
// hub's one transition path, so the demo loop moves by itself while the seat watches.
import type { Actor, ActionName, GridEvent } from '../native/api/model.js';
import type { ActionRequest } from '../native/sync/hub-protocol.js';
import type { WorkOrders } from './actions.js';
import { Rng } from './county/prng.js';
import { liaisonOf, seededUuid } from './history.js';
import type { Simulator } from './simulator.js';
import type { HubStore } from './store/hub-store.js';

const MINUTE = 60_000;

export interface FieldRates {
  /** How long after dispatch a liaison starts, ms (each event draws 0.5–1.5× this). */
  startMs: number;
  /** How long work takes from start to feedback, ms. */
  feedbackMs: number;
  /** How long after feedback the grid worker verifies, ms. */
  verifyMs: number;
  /** Share of dispatches the liaison returns as not theirs. */
  returnShare: number;
  /** Share of verifications that fail (reopen). */
  reopenShare: number;
}

export const DEFAULT_FIELD_RATES: FieldRates = {
  startMs: 3 * MINUTE,
  feedbackMs: 8 * MINUTE,
  verifyMs: 5 * MINUTE,
  returnShare: 0.04,
  reopenShare: 0.08,
};

/** States the field acts on. */
const FIELD_STATES = ['dispatched', 'in_progress', 'handled'] as const;
/** Events looked at per tick: the oldest changes first, so nothing starves. */
const BATCH = 200;

const FEEDBACK = ['已到现场处置完毕。', '已督促当事人整改到位。', '已清理完毕，恢复原状。', '已维修完成，运行正常。'] as const;

export class FieldSimulation {
  constructor(
    private readonly store: HubStore,
    private readonly orders: WorkOrders,
    private readonly sim: Simulator,
    private readonly rates: FieldRates,
    private readonly now: () => number,
    private readonly seed: number,
    /** Work last changed before this (the seeded history) is left as the history tells it. */
    private readonly since: number,
  ) {}

  /** One pass: every event whose next field step is due gets it. Resolves to the number of actions applied. */
  async tick(): Promise<number> {
    const now = this.now();
    const events = await this.store.eventsInStates(FIELD_STATES, BATCH, this.since);
    let applied = 0;
    for (const e of events) {
      if (e.updatedAt < this.since) continue;
      const step = this.nextStep(e);
      if (!step || e.updatedAt + step.delayMs > now) continue;
      const req: ActionRequest = {
        key: seededUuid(step.rng), action: step.action, actor: step.actor, reason: step.reason,
        payload: {}, clientAt: now, expectedVersion: e.version,
      };
      const r = await this.orders.applyAction(e.id, req);
      // A seat may have acted on it meanwhile (conflict): the next tick looks again.
      if (r.kind === 'applied') applied++;
    }
    return applied;
  }

  /** What the field does next to this event and how long after its last change; per event and version, stable. */
  private nextStep(e: GridEvent): { action: ActionName; actor: Actor; reason: string | null; delayMs: number; rng: Rng } | null {
    const rng = new Rng(`field/${this.seed}/${e.id}/${e.version}`);
    const jitter = rng.range(0.5, 1.5);
    const r = this.rates;
    const liaison = liaisonOf(e.department, this.orders.currentLists);
    if (e.state === 'dispatched') {
      if (rng.chance(r.returnShare)) return { action: 'return', actor: liaison, reason: '经核实不属于本部门职责，申请退回', delayMs: r.startMs * jitter, rng };
      return { action: 'start', actor: liaison, reason: null, delayMs: r.startMs * jitter, rng };
    }
    if (e.state === 'in_progress') return { action: 'feedback', actor: liaison, reason: rng.pick(FEEDBACK), delayMs: r.feedbackMs * jitter, rng };
    if (e.state === 'handled') {
      const worker = this.sim.workerIn(e.gridCode);
      const actor: Actor = worker ? { role: 'grid_worker', name: worker.name, seat: null } : { role: 'grid_worker', name: '网格员', seat: null };
      if (rng.chance(r.reopenShare)) return { action: 'reopen', actor, reason: '回访核查发现问题仍未解决', delayMs: r.verifyMs * jitter, rng };
      return { action: 'verify', actor, reason: null, delayMs: r.verifyMs * jitter, rng };
    }
    return null;
  }
}
