// What shows at which camera height: finer grid levels, their labels and the camera markers appear as
// the camera comes down, so the county view shows towns and the street view shows unit grids. Hiding a
// whole collection also spares SwiftShader's vertex work, which is the cost of a frame there. Pure.
import type { GridLevel } from '../../../native/api/model';

const FONT = '"Noto Sans CJK SC", "Noto Sans SC", sans-serif';

export interface GridLevelStyle {
  /** The highest camera (m above ground) at which the level's boundaries are drawn. */
  linesBelowM: number;
  /** Label font and the camera distances between which labels show; null: no labels. */
  label: { font: string; near: number; far: number } | null;
}

/** Camera markers show below this height (m): above it 3,000 icons are only noise. */
export const CAMERAS_BELOW_M = 35_000;

export const gridLevelStyle: Record<GridLevel, GridLevelStyle> = {
  county: { linesBelowM: Number.POSITIVE_INFINITY, label: null },
  town: { linesBelowM: Number.POSITIVE_INFINITY, label: { font: `bold 30px ${FONT}`, near: 6_000, far: 400_000 } },
  village: { linesBelowM: 60_000, label: { font: `bold 22px ${FONT}`, near: 0, far: 26_000 } },
  unit: { linesBelowM: 12_000, label: { font: `16px ${FONT}`, near: 0, far: 3_000 } },
};

export function visibleGridLevels(cameraHeightM: number): GridLevel[] {
  return (Object.keys(gridLevelStyle) as GridLevel[]).filter((l) => cameraHeightM < gridLevelStyle[l].linesBelowM);
}

/** Which levels' labels are worth drawing at a camera height (the collection is hidden otherwise). */
export function visibleLabelLevels(cameraHeightM: number): GridLevel[] {
  return (Object.keys(gridLevelStyle) as GridLevel[]).filter((l) => {
    const label = gridLevelStyle[l].label;
    return label !== null && cameraHeightM < label.far * 1.2;
  });
}

/**
 * A unit grid's name without its village's: "刘沟社区第5网格" under 刘沟社区 reads "第5网格" on the map,
 * where the village's own label already says where it is.
 */
export function shortGridName(name: string, parentName: string | null): string {
  if (parentName && name.startsWith(parentName) && name.length > parentName.length) return name.slice(parentName.length);
  return name;
}
