// Which wall shows on which display: the console keeps the primary display, every other display gets a
// full-screen wall window. A display gets back the wall it had (by display id, else by position: ids can
// change across reboots and docks), otherwise the lowest wall id no window shows and no absent display keeps.
import type { DisplayInfo, Rect } from './window-placement.js';

/** One remembered pairing of a display with a wall (x, y: the display's top-left corner then). */
export interface WallAssignment {
  displayId: number;
  x: number;
  y: number;
  wallId: number;
}

export interface WallWindowPlan {
  displayId: number;
  wallId: number;
  /** The whole display: the wall is full screen on it. */
  bounds: Rect;
}

export interface WallPlan {
  windows: WallWindowPlan[];
  /** What to remember from now on: this plan's pairings first, then those of displays not seen this time. */
  remembered: WallAssignment[];
}

/** Wall ids the station accepts (native/api/video.ts WallId). */
export const MAX_WALLS = 16;
/** Memory of displays long gone is bounded: the newest pairings are kept. */
export const MAX_REMEMBERED = 32;

function byPosition(a: DisplayInfo, b: DisplayInfo): number {
  return a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y || a.id - b.id;
}

export function planWalls(displays: readonly DisplayInfo[], remembered: readonly WallAssignment[]): WallPlan {
  const presentIds = new Set(displays.map((d) => d.id));
  // With no display flagged primary, the first keeps the console (as placeConsole does).
  const primary = displays.find((d) => d.primary) ?? displays[0];
  const walls = displays.filter((d) => d !== primary).sort(byPosition);
  const chosen = new Map<number, number>(); // displayId → wallId
  const taken = new Set<number>();
  const claim = (display: DisplayInfo, wallId: number): void => {
    chosen.set(display.id, wallId);
    taken.add(wallId);
  };

  for (const d of walls) {
    const own = remembered.find((a) => a.displayId === d.id && !taken.has(a.wallId));
    if (own) claim(d, own.wallId);
  }
  for (const d of walls) {
    if (chosen.has(d.id)) continue;
    // Only the memory of a display that is not here: a present display's wall is not up for grabs.
    const there = remembered.find((a) => a.x === d.bounds.x && a.y === d.bounds.y && !presentIds.has(a.displayId) && !taken.has(a.wallId));
    if (there) claim(d, there.wallId);
  }
  // Walls kept for displays that are unplugged now, so they find their wall when they come back.
  const reserved = new Set(remembered.filter((a) => !presentIds.has(a.displayId)).map((a) => a.wallId));
  for (const d of walls) {
    if (chosen.has(d.id)) continue;
    const free = (skipReserved: boolean): number | undefined => {
      for (let id = 1; id <= MAX_WALLS; id++) if (!taken.has(id) && !(skipReserved && reserved.has(id))) return id;
      return undefined;
    };
    const id = free(true) ?? free(false);
    if (id !== undefined) claim(d, id);
  }

  const windows: WallWindowPlan[] = [];
  for (const d of walls) {
    const wallId = chosen.get(d.id);
    if (wallId !== undefined) windows.push({ displayId: d.id, wallId, bounds: { ...d.bounds } });
  }
  const fresh: WallAssignment[] = windows.map((w) => ({ displayId: w.displayId, x: w.bounds.x, y: w.bounds.y, wallId: w.wallId }));
  // One memory per display and per wall: a wall that moved to another display is forgotten for the old one.
  const kept = remembered.filter((a) => !presentIds.has(a.displayId) && !taken.has(a.wallId));
  return { windows, remembered: [...fresh, ...kept].slice(0, MAX_REMEMBERED) };
}
