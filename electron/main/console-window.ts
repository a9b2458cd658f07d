// The operator's console window: placed on the primary display (or where it was left), locked down and
// supervised like every app window (window-lifecycle.ts), its bounds remembered; moved back onto the primary
// display when it sits where a wall is (or on a display that is gone).
import { BrowserWindow, screen } from 'electron';
import type { BoundsStore } from './bounds-store.js';
import { BACKGROUND, secureWebPreferences, superviseWindow, type StationLink } from './window-lifecycle.js';
import { CONSOLE_MIN_SIZE, placeConsole, type DisplayInfo, type Rect } from './window-placement.js';

export interface ConsoleWindowOptions {
  appUrl: string;
  preloadPath: string;
  boundsStore: BoundsStore;
  station: StationLink;
  log: (line: string) => void;
}

export function currentDisplays(): DisplayInfo[] {
  const primaryId = screen.getPrimaryDisplay().id;
  return screen.getAllDisplays().map((d) => ({ id: d.id, bounds: d.bounds, workArea: d.workArea, primary: d.id === primaryId }));
}

export function createConsoleWindow(opts: ConsoleWindowOptions): BrowserWindow {
  const placement = placeConsole(currentDisplays(), opts.boundsStore.load());
  const win = new BrowserWindow({
    ...placement.bounds,
    minWidth: CONSOLE_MIN_SIZE.width,
    minHeight: CONSOLE_MIN_SIZE.height,
    show: false,
    backgroundColor: BACKGROUND,
    title: '网格指挥台 Watchfloor',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(opts.preloadPath),
  });
  superviseWindow(win, { name: 'console', appUrl: opts.appUrl, station: opts.station, log: opts.log });

  if (placement.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  const remember = (): void => {
    opts.boundsStore.save({ bounds: win.getNormalBounds(), maximized: win.isMaximized() });
  };
  win.on('close', remember);
  win.on('resized', remember);
  win.on('moved', remember);

  win.loadURL(opts.appUrl).catch((err: unknown) => opts.log(`console page did not load: ${String(err)}`));
  return win;
}

function contains(area: Rect, x: number, y: number): boolean {
  return x >= area.x && x < area.x + area.width && y >= area.y && y < area.y + area.height;
}

/**
 * Where the console should go after a display change, or null to leave it. Every other display shows a
 * full-screen wall, so a console whose centre is not on the primary display (a wall covers it, or its
 * display is gone) moves back, centred on the primary.
 */
export function consoleRehome(current: Rect, displays: readonly DisplayInfo[]): Rect | null {
  const primary = displays.find((d) => d.primary) ?? displays[0];
  if (!primary) return null;
  if (contains(primary.bounds, current.x + Math.floor(current.width / 2), current.y + Math.floor(current.height / 2))) return null;
  return placeConsole(displays, null).bounds;
}

/** Applies consoleRehome to the live window (at start, after the walls open, and on every display change). */
export function rehomeConsole(win: BrowserWindow, log: (line: string) => void): void {
  if (win.isDestroyed()) return;
  const bounds = consoleRehome(win.getNormalBounds(), currentDisplays());
  if (!bounds) return;
  log('console moved back to the primary display');
  const maximized = win.isMaximized();
  if (maximized) win.unmaximize();
  win.setBounds(bounds);
  if (maximized) win.maximize();
}
