// The console's camera list: find cameras by name, device id, grid code or the name of any grid they
// sit in (a town's name finds every camera of the town). Pure, so it is table-tested.
import type { Camera } from '../../../../native/api/model';

/** A grid's ancestors and itself: the 6/9/12/15-digit prefixes of its code. */
function gridChain(code: string): string[] {
  return [6, 9, 12, 15].filter((n) => n <= code.length).map((n) => code.slice(0, n));
}

export interface CameraSearch {
  total: number;
  items: Camera[];
}

export function searchCameras(
  cameras: readonly Camera[],
  query: string,
  gridName: (code: string) => string | undefined,
  limit: number,
): CameraSearch {
  const q = query.trim().toLowerCase();
  if (!q) return { total: cameras.length, items: cameras.slice(0, limit) };
  // Many cameras share a grid: decide each grid once.
  const gridMatches = new Map<string, boolean>();
  const inMatchingGrid = (code: string): boolean => {
    let hit = gridMatches.get(code);
    if (hit === undefined) {
      hit = code.startsWith(q) || gridChain(code).some((c) => gridName(c)?.toLowerCase().includes(q) ?? false);
      gridMatches.set(code, hit);
    }
    return hit;
  };
  const items: Camera[] = [];
  let total = 0;
  for (const camera of cameras) {
    if (camera.name.toLowerCase().includes(q) || camera.id.includes(q) || inMatchingGrid(camera.gridCode)) {
      total++;
      if (items.length < limit) items.push(camera);
    }
  }
  return { total, items };
}
