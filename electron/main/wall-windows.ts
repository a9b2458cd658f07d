// The wall windows: one frameless full-screen window per non-primary display, showing <app>/wall/<id>
// (the wall's layout and cameras live in the station, so the id is all a window needs). Re-planned on every
// display change (wall-placement.ts decides); the pairings are remembered in walls.json.
import { BrowserWindow, screen } from 'electron';
import { currentDisplays } from './console-window.js';
import type { KeepAwake } from './keep-awake.js';
import { BACKGROUND, secureWebPreferences, superviseWindow, type StationLink } from './window-lifecycle.js';
import { planWalls, type WallAssignment, type WallWindowPlan } from './wall-placement.js';
import type { WallStore } from './wall-store.js';
import type { Rect } from './window-placement.js';

/** Hot-plugging a monitor fires a burst of display events with transitional metrics: act once it settles. */
export const DISPLAY_SETTLE_MS = 300;

export interface WallWindowsOptions {
  appUrl: string;
  preloadPath: string;
  store: WallStore;
  station: StationLink;
  keepAwake: KeepAwake;
  log: (line: string) => void;
  /** After each re-plan (the console may have to move off a display that became a wall). */
  onDisplaysChanged?: () => void;
}

export function wallUrl(appUrl: string, wallId: number): string {
  return new URL(`wall/${wallId}`, appUrl).href;
}

interface OpenWall {
  win: BrowserWindow;
  wallId: number;
  bounds: Rect;
}

const sameRect = (a: Rect, b: Rect): boolean => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
const sameMemory = (a: readonly WallAssignment[], b: readonly WallAssignment[]): boolean =>
  a.length === b.length && a.every((x, i) => JSON.stringify(x) === JSON.stringify(b[i]));

export class WallWindows {
  private readonly open = new Map<number, OpenWall>(); // by display id
  private memory: WallAssignment[];
  private settle: ReturnType<typeof setTimeout> | null = null;
  private started = false;
  private readonly onDisplayEvent = (): void => {
    if (this.settle) clearTimeout(this.settle);
    this.settle = setTimeout(() => {
      this.settle = null;
      this.sync();
      this.opts.onDisplaysChanged?.();
    }, DISPLAY_SETTLE_MS);
  };

  constructor(private readonly opts: WallWindowsOptions) {
    this.memory = opts.store.load();
  }

  /** Opens the walls for the displays there are now and follows display changes from then on. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.sync();
    screen.on('display-added', this.onDisplayEvent);
    screen.on('display-removed', this.onDisplayEvent);
    screen.on('display-metrics-changed', this.onDisplayEvent);
  }

  /** Stops following displays and closes every wall window. */
  stop(): void {
    this.started = false;
    if (this.settle) clearTimeout(this.settle);
    this.settle = null;
    screen.off('display-added', this.onDisplayEvent);
    screen.off('display-removed', this.onDisplayEvent);
    screen.off('display-metrics-changed', this.onDisplayEvent);
    for (const displayId of [...this.open.keys()]) this.close(displayId);
  }

  /** displayId → wallId of the open wall windows. */
  walls(): Map<number, number> {
    return new Map([...this.open].map(([displayId, w]) => [displayId, w.wallId]));
  }

  sync(): void {
    const plan = planWalls(currentDisplays(), this.memory);
    const wanted = new Set(plan.windows.map((w) => w.displayId));
    for (const displayId of [...this.open.keys()]) if (!wanted.has(displayId)) this.close(displayId);
    for (const p of plan.windows) {
      const current = this.open.get(p.displayId);
      if (!current || current.win.isDestroyed()) this.create(p);
      else this.update(current, p);
    }
    if (!sameMemory(plan.remembered, this.memory)) {
      this.memory = plan.remembered;
      this.opts.store.save(plan.remembered);
    }
  }

  private create(p: WallWindowPlan): void {
    const win = new BrowserWindow({
      ...p.bounds,
      frame: false,
      fullscreen: true,
      show: false,
      backgroundColor: BACKGROUND,
      title: `视频墙 ${p.wallId} · Watchfloor`,
      webPreferences: secureWebPreferences(this.opts.preloadPath),
    });
    // No menu: no accelerator (F11, Ctrl+W, Ctrl+R) can take a wall out of its state by accident.
    win.setMenu(null);
    const entry: OpenWall = { win, wallId: p.wallId, bounds: p.bounds };
    this.open.set(p.displayId, entry);
    superviseWindow(win, { name: `wall ${p.wallId}`, appUrl: this.opts.appUrl, station: this.opts.station, log: this.opts.log });
    this.opts.keepAwake.hold(win);
    win.once('ready-to-show', () => win.showInactive());
    // A wall closed from outside (the OS, a window manager) is opened again at the next display change.
    win.on('closed', () => {
      if (this.open.get(p.displayId) === entry) this.open.delete(p.displayId);
    });
    this.opts.log(`wall ${p.wallId} on display ${p.displayId} (${p.bounds.width}×${p.bounds.height} at ${p.bounds.x},${p.bounds.y})`);
    this.load(entry);
  }

  private update(current: OpenWall, p: WallWindowPlan): void {
    if (!sameRect(current.bounds, p.bounds)) {
      // Full screen pins a window to its display: leave it, move, and go full screen on the new bounds.
      current.win.setFullScreen(false);
      current.win.setBounds(p.bounds);
      current.win.setFullScreen(true);
      current.bounds = p.bounds;
      this.opts.log(`wall ${p.wallId} moved with display ${p.displayId}`);
    }
    if (current.wallId !== p.wallId) {
      current.wallId = p.wallId;
      current.win.setTitle(`视频墙 ${p.wallId} · Watchfloor`);
      this.load(current);
    }
  }

  private load(entry: OpenWall): void {
    const url = wallUrl(this.opts.appUrl, entry.wallId);
    entry.win.loadURL(url).catch((err: unknown) => this.opts.log(`wall ${entry.wallId} did not load: ${String(err)}`));
  }

  private close(displayId: number): void {
    const entry = this.open.get(displayId);
    this.open.delete(displayId);
    if (!entry || entry.win.isDestroyed()) return;
    this.opts.log(`wall ${entry.wallId} on display ${displayId} closed`);
    entry.win.close();
  }
}
