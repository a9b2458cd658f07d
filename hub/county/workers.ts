// One grid worker (网格员) per unit grid: a name, a masked phone, and a patrol route — the loop around a
// block beside their street in town, or their hamlet's lane loop in the countryside. They start at the
// head of their route, which is their unit grid's site, so every worker starts inside their own grid.
import type { SimulatedWorker } from './types.js';
import { type XY, bearing, ringPerimeter } from './geo.js';
import { maskedPhone, personName } from './names.js';
import type { Rng } from './prng.js';
import { loopAround } from './streetgrid.js';
import type { PlannedUnit } from './units.js';

/** Position fixes of the shipped county are stamped at a fixed instant so the file stays reproducible. */
export const FIX_EPOCH_MS = Date.UTC(2026, 0, 1);
export const ROUTE_MIN_M = 500;
export const ROUTE_MAX_M = 3000;

export function workerId(serial: number): string {
  return `W${String(serial).padStart(5, '0')}`;
}

/** The closed patrol walk of a unit's worker, starting at the unit's site (metres). */
export function patrolRoute(rng: Rng, unit: PlannedUnit): XY[] {
  if (unit.anchor.kind === 'street') {
    const loop = loopAround(unit.anchor.point, rng);
    if (loop) {
      const length = ringPerimeter(loop);
      if (length >= ROUTE_MIN_M && length <= ROUTE_MAX_M) return loop;
    }
    throw new Error(`unit ${unit.code}: no block loop of ${ROUTE_MIN_M}–${ROUTE_MAX_M} m beside its street`);
  }
  return unit.anchor.hamlet.loop;
}

export type WorkerDraft = Omit<SimulatedWorker, 'position' | 'route'> & { position: XY; route: XY[] };

export function makeWorkers(rng: Rng, units: readonly PlannedUnit[]): WorkerDraft[] {
  const names = new Set<string>();
  return units.map((unit, k) => {
    let name = personName(rng);
    for (let tries = 0; names.has(name) && tries < 20; tries++) name = personName(rng);
    names.add(name);
    const route = patrolRoute(rng, unit);
    return {
      id: workerId(k + 1),
      name,
      gridCode: unit.code,
      phone: maskedPhone(rng),
      position: route[0] as XY,
      heading: Math.round(bearing(route[0] as XY, route[1] as XY) * 10) / 10 % 360,
      fixAt: FIX_EPOCH_MS,
      route,
      speedMps: Math.round(rng.range(0.8, 1.6) * 100) / 100,
    };
  });
}
