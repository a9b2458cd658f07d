// Picks the county's 3,146 cameras from the candidate sites and gives each its GB/T 28181 id, codec,
// streams and online state.
import type { Camera } from '../../native/api/model.js';
import { type CameraCandidate, cameraId, intersectionCameras, roadCameras, streetCameras, villageCameras } from './cameras.js';
import type { PlaceContext } from './context.js';
import { tierOf } from './buildings.js';
import type { XY } from './geo.js';
import type { Rng } from './prng.js';
import type { Road } from './roads.js';
import { type Pool, takeByTier } from './select.js';
import type { PlannedUnit } from './units.js';
import { inWater } from './water.js';

export const CAMERA_TOTAL = 3146;

export function pickCameras(rng: Rng, ctx: PlaceContext & { gates: ReadonlyMap<string, XY>; county: readonly Road[] }): { camera: Omit<Camera, 'position'>; xy: XY }[] {
  const usable = (c: CameraCandidate) => !inWater(ctx.water, c.position, 2) && ctx.unitAt(c.position) !== null;
  const sorted = (list: CameraCandidate[]) => list.filter(usable).sort((a, b) => a.priority - b.priority);
  const pools: Pool<CameraCandidate>[] = [];
  ctx.cores.forEach((core) => {
    const code = core.grid.townCode;
    const tier = tierOf(code);
    const items = sorted([...intersectionCameras(rng.fork(`x/${code}`), core), ...streetCameras(rng.fork(`s/${code}`), core)]);
    pools.push({ name: code, items, target: tier === 'seat' ? 1500 : tier === 'devzone' ? 150 : 55 });
  });
  pools.push({ name: 'villages', items: sorted(villageCameras(rng.fork('villages'), ctx.villages, ctx.unitsByVillage, ctx.gates)), target: 446 });
  const fixed = pools.reduce((n, p) => n + p.target, 0);
  pools.push({ name: 'roads', items: sorted(roadCameras(rng.fork('roads'), ctx.county)), target: Math.max(0, CAMERA_TOTAL - fixed) });
  const { taken, counts } = takeByTier(pools, CAMERA_TOTAL);
  if (ctx.stats) ctx.stats.camerasByPool = counts;
  const names = new Map<string, number>();
  return taken.map((c, k) => {
    const id = cameraId(k + 1);
    const seen = names.get(c.name) ?? 0;
    names.set(c.name, seen + 1);
    const camera: Omit<Camera, 'position'> = {
      id,
      name: seen === 0 ? c.name : `${c.name}(${seen + 1})`,
      gridCode: (ctx.unitAt(c.position) as PlannedUnit).code,
      kind: c.kind,
      codec: rng.chance(0.15) ? 'h265' : 'h264',
      streams: { main: `hub://cameras/${id}/main`, sub: rng.chance(0.1) ? null : `hub://cameras/${id}/sub` },
      online: rng.chance(0.97),
    };
    return { camera, xy: c.position };
  });
}
