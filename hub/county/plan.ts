// The county's plan before anything is placed on it: outline, water, town, village and unit-grid regions
// and the town cores' street lattices. Separate from the rest so that tests can check these steps (the
// slow part of generation) for determinism on a single town.
import { allocateUnits } from './allocation.js';
import { type Core, buildCore } from './cores.js';
import { type Town, loadDivisions } from './divisions.js';
import { type Projection, type XY, projection, simplifyRing } from './geo.js';
import { type CountyOutline, loadOutline } from './outline.js';
import { Rng } from './prng.js';
import { seatOf } from './seats.js';
import { RingMask } from './spatial.js';
import { streetPoints } from './streetgrid.js';
import { townRegions } from './towns.js';
import { type PlannedUnit, planUnits } from './units.js';
import { type PlannedVillage, planVillages } from './villages.js';
import { type Water, buildWater } from './water.js';

/** Outline simplification: the package's coordinates sit on a 1/1024° lattice, which draws as stairs. */
const OUTLINE_TOLERANCE_M = 40;

export interface GenerationStats {
  buildingsByTier: Record<string, number>;
  camerasByPool: Record<string, number>;
  /** Milliseconds per step. */
  timings: Record<string, number>;
}

/** Runs one step, recording its duration when stats are wanted. */
export function step<T>(stats: GenerationStats | undefined, label: string, fn: () => T): T {
  const started = performance.now();
  const out = fn();
  if (stats) stats.timings[label] = Math.round(performance.now() - started);
  return out;
}

export interface CountyPlan {
  rng: Rng;
  source: CountyOutline;
  towns: Town[];
  proj: Projection;
  outline: XY[];
  water: Water;
  inCounty: RingMask;
  seatXY: XY[];
  townRings: XY[][];
  /** Per town, in the order of `towns`; empty plans for towns left out by `only`. */
  cores: (Core | null)[];
  villagesByTown: PlannedVillage[][];
  villages: PlannedVillage[];
  unitsByVillage: Map<string, PlannedUnit[]>;
  units: PlannedUnit[];
}

/** Plans the county; `only` limits cores, villages and units to the listed town codes (for tests). */
export function planCounty(seed: number, stats?: GenerationStats, only?: ReadonlySet<string>): CountyPlan {
  const rng = new Rng(`watchfloor/baoying/${seed}`);
  const source = step(stats, 'outline', () => loadOutline());
  const towns = step(stats, 'divisions', () => loadDivisions());
  const proj = projection(source.centre);
  const outline = simplifyRing(source.ring.map(proj.toXY), OUTLINE_TOLERANCE_M);
  const water = step(stats, 'water', () => buildWater(rng.fork('water'), proj, outline));
  const inCounty = new RingMask(outline, 200);
  const unitCounts = allocateUnits(rng.fork('allocation'), towns);
  const seatXY = towns.map((t) => proj.toXY(seatOf(t.code).position));
  const townRings = step(stats, 'towns', () => townRegions(rng.fork('towns'), outline, towns, seatXY));
  const wanted = (t: Town) => !only || only.has(t.code);

  const communityUnits = (t: Town) => t.villages.filter((v) => v.kind === 'community').reduce((n, v) => n + (unitCounts.get(v.code) ?? 0), 0);
  const cores = step(stats, 'cores', () =>
    towns.map((t, i) => (wanted(t) ? buildCore(rng.fork(`core/${t.code}`), t, seatXY[i] as XY, townRings[i] as XY[], water, communityUnits(t)) : null)),
  );
  const villagesByTown = step(stats, 'villages', () =>
    towns.map((t, i) => {
      const core = cores[i];
      return core ? planVillages(rng.fork(`villages/${t.code}`), t, townRings[i] as XY[], core, water) : [];
    }),
  );
  const villages = villagesByTown.flat();
  const unitsByVillage = new Map<string, PlannedUnit[]>();
  step(stats, 'units', () =>
    towns.forEach((_, i) => {
      const core = cores[i];
      if (!core) return;
      const points = streetPoints(core.grid, [0.2, 0.4, 0.6, 0.8]);
      for (const pv of villagesByTown[i] as PlannedVillage[]) {
        const count = unitCounts.get(pv.village.code) ?? 0;
        unitsByVillage.set(pv.village.code, planUnits(rng.fork(`units/${pv.village.code}`), pv, count, points, water));
      }
    }),
  );
  const units = villages.flatMap((pv) => unitsByVillage.get(pv.village.code) ?? []);
  return { rng, source, towns, proj, outline, water, inCounty, seatXY, townRings, cores, villagesByTown, villages, unitsByVillage, units };
}
