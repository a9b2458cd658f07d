// Where the console window opens: where the operator left it if that spot is still on a display, otherwise
// centred on the primary display, sized to fit its work area (the screen minus task bars and docks).

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayInfo {
  id: number;
  bounds: Rect;
  workArea: Rect;
  primary: boolean;
}

export interface WindowState {
  /** Normal (not maximized) bounds. */
  bounds: Rect;
  maximized: boolean;
}

export const CONSOLE_SIZE = { width: 1600, height: 1000 } as const;
export const CONSOLE_MIN_SIZE = { width: 1024, height: 700 } as const;

function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

/** Remembered bounds count only if they lie wholly inside one display's work area and are not below the minimum size. */
export function fitsADisplay(bounds: Rect, displays: readonly DisplayInfo[]): boolean {
  if (bounds.width < CONSOLE_MIN_SIZE.width || bounds.height < CONSOLE_MIN_SIZE.height) return false;
  return displays.some((d) => contains(d.workArea, bounds));
}

export function placeConsole(displays: readonly DisplayInfo[], remembered: WindowState | null): WindowState {
  if (remembered && fitsADisplay(remembered.bounds, displays)) return remembered;
  const maximized = remembered?.maximized ?? false;
  const primary = displays.find((d) => d.primary) ?? displays[0];
  if (!primary) return { bounds: { x: 0, y: 0, ...CONSOLE_SIZE }, maximized };
  const area = primary.workArea;
  // The minimum size yields to a work area smaller than it: a window larger than its screen is worse.
  const width = Math.min(area.width, Math.max(CONSOLE_MIN_SIZE.width, Math.min(CONSOLE_SIZE.width, area.width)));
  const height = Math.min(area.height, Math.max(CONSOLE_MIN_SIZE.height, Math.min(CONSOLE_SIZE.height, area.height)));
  return {
    bounds: {
      x: area.x + Math.floor((area.width - width) / 2),
      y: area.y + Math.floor((area.height - height) / 2),
      width,
      height,
    },
    maximized,
  };
}
