// The wall's small rules, pure: where a camera lands, what a grid fill covers, a tour from the wall's
// cameras, a tile's place in the CSS grid, countdowns, and when the console's mini wall plays live.
import type { Cell, TourStep, WallLayout } from '../../../../native/api/video';
import { WallLayout as WallLayoutSchema } from '../../../../native/api/video';

export const STANDARD_LAYOUTS = ['1', '4', '6', '9', '16', '25', '36'] as const;

/** A cell's place in a CSS grid of the layout's columns and rows. */
export function cellStyle(cell: Cell): { gridColumn: string; gridRow: string } {
  return { gridColumn: `${cell.col + 1} / span ${cell.colSpan}`, gridRow: `${cell.row + 1} / span ${cell.rowSpan}` };
}

/** "Put on wall" without a chosen tile: the first empty tile, else the first (the largest in layout 6). */
export function placementTile(tiles: ReadonlyArray<string | null>): number {
  const empty = tiles.indexOf(null);
  return empty >= 0 ? empty : 0;
}

/** The cameras a fill from `fromTile` can show: no more than the tiles from there to the end. */
export function fillList(cameraIds: readonly string[], fromTile: number, tileCount: number): string[] {
  return cameraIds.slice(0, Math.max(0, tileCount - fromTile));
}

/** A camera tour over the wall's cameras, each once, in tile order. */
export function cameraSteps(tiles: ReadonlyArray<string | null>): TourStep[] {
  const seen = new Set<string>();
  const steps: TourStep[] = [];
  for (const id of tiles) {
    if (id === null || seen.has(id)) continue;
    seen.add(id);
    steps.push({ kind: 'camera', cameraId: id });
  }
  return steps;
}

/** Whole seconds until `at` (never negative), for tour and alarm countdowns. */
export function secondsLeft(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** A custom cols × rows layout, or null when the numbers are outside 1–8. */
export function customLayout(cols: number, rows: number): WallLayout | null {
  const parsed = WallLayoutSchema.safeParse({ kind: 'custom', cols, rows });
  return parsed.success ? parsed.data : null;
}

/**
 * The console's mini wall decodes live pictures only up to nine tiles: past that the tiles are a few dozen
 * pixels wide, and every extra decoder competes with the wall itself on the same machine.
 */
export function miniWallLive(tileCount: number): boolean {
  return tileCount <= 9;
}
