// What the placing steps (buildings, cameras) see of the planned county.
import type { Core } from './cores.js';
import type { Town } from './divisions.js';
import type { XY } from './geo.js';
import type { GenerationStats } from './plan.js';
import type { PlannedUnit } from './units.js';
import type { PlannedVillage } from './villages.js';
import type { Water } from './water.js';

export interface PlaceContext {
  towns: readonly Town[];
  cores: readonly Core[];
  villages: readonly PlannedVillage[];
  unitsByVillage: ReadonlyMap<string, PlannedUnit[]>;
  water: Water;
  unitAt: (p: XY) => PlannedUnit | null;
  stats: GenerationStats | undefined;
}
