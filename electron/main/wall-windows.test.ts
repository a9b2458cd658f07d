// The wall windows with a mocked `electron` (BrowserWindow, screen with hot-plug events, powerSaveBlocker)
// and a real walls.json: placement, re-homing on display changes, memory across restarts, self-healing.
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PortTarget } from './station-process.js';
import type { DisplayInfo } from './window-placement.js';

const m = vi.hoisted(() => ({
  displays: [] as DisplayInfo[],
  windows: [] as FakeWindowLike[],
  screen: null as unknown as import('node:events').EventEmitter,
  blockers: new Set<number>(),
}));
interface FakeWindowLike {
  options: BrowserWindowConstructorOptions;
}

class FakeContents extends EventEmitter {
  private static nextId = 100;
  readonly id = FakeContents.nextId++;
  url = '';
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  readonly postMessage = vi.fn();
  readonly reload = vi.fn();
  readonly forcefullyCrashRenderer = vi.fn();
  getURL = () => this.url;
  isDestroyed = () => false;
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
    this.openHandler = h;
  }
}

class FakeWindow extends EventEmitter {
  readonly webContents = new FakeContents();
  destroyed = false;
  fullScreen: boolean;
  bounds: { x: number; y: number; width: number; height: number };
  title: string;
  readonly setMenu = vi.fn();
  readonly showInactive = vi.fn();
  readonly setBounds = vi.fn((b: FakeWindow['bounds']) => {
    if (this.fullScreen) throw new Error('setBounds on a full-screen window does nothing');
    this.bounds = b;
  });
  readonly setFullScreen = vi.fn((on: boolean) => (this.fullScreen = on));
  readonly setTitle = vi.fn((t: string) => (this.title = t));
  readonly loadURL = vi.fn(async (url: string) => {
    this.webContents.url = url;
  });
  readonly close = vi.fn(() => {
    this.destroyed = true;
    this.emit('closed');
  });
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    this.fullScreen = options.fullscreen ?? false;
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 0, height: options.height ?? 0 };
    this.title = options.title ?? '';
    m.windows.push(this);
  }
  isDestroyed = () => this.destroyed;
}

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const screen = Object.assign(new Emitter(), {
    getPrimaryDisplay: () => m.displays.find((d) => d.primary) ?? m.displays[0],
    getAllDisplays: () => m.displays.map(({ id, bounds, workArea }) => ({ id, bounds, workArea })),
  });
  m.screen = screen;
  let next = 1;
  return {
    BrowserWindow: FakeWindow,
    screen,
    powerSaveBlocker: {
      start: () => {
        const id = next++;
        m.blockers.add(id);
        return id;
      },
      stop: (id: number) => m.blockers.delete(id),
    },
  };
});

const { DISPLAY_SETTLE_MS, WallWindows, wallUrl } = await import('./wall-windows.js');
const { createWallStore } = await import('./wall-store.js');
const { createKeepAwake } = await import('./keep-awake.js');
const { RELOAD_AFTER_CRASH_MS } = await import('./window-lifecycle.js');

const APP = 'watchfloor://app/index.html';
const display = (id: number, x: number, primary = false, width = 1920, height = 1080): DisplayInfo => ({
  id,
  primary,
  bounds: { x, y: 0, width, height },
  workArea: { x, y: 0, width, height: height - 40 },
});
const primary = display(1, 0, true);
const left = display(2, -1920);
const right = display(3, 1920);

let dir: string;
let station: { connect: ReturnType<typeof vi.fn<(t: PortTarget) => void>>; disconnect: ReturnType<typeof vi.fn<(id: number) => void>> };
let running: Array<InstanceType<typeof WallWindows>>;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wf-wallwin-'));
  station = { connect: vi.fn<(t: PortTarget) => void>(), disconnect: vi.fn<(id: number) => void>() };
  m.windows.length = 0;
  m.displays = [primary];
  running = [];
  vi.useFakeTimers();
});
afterEach(() => {
  for (const w of running) w.stop();
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

function walls(onDisplaysChanged = vi.fn()) {
  const w = new WallWindows({
    appUrl: APP,
    preloadPath: '/app/out/preload/index.cjs',
    store: createWallStore(join(dir, 'walls.json')),
    station,
    keepAwake: createKeepAwake(() => undefined),
    log: () => undefined,
    onDisplaysChanged,
  });
  running.push(w);
  return w;
}
const fake = (i: number): FakeWindow => {
  const w = m.windows[i];
  if (!(w instanceof FakeWindow)) throw new Error(`no window ${i}`);
  return w;
};
const openWalls = () => (m.windows as FakeWindow[]).filter((w) => !w.destroyed).map((w) => w.webContents.url).sort();
/** The OS changes the displays and fires its (bursty) events; the shell acts once they settle. */
function plug(displays: DisplayInfo[], ...events: string[]) {
  m.displays = displays;
  for (const e of events.length ? events : ['display-added']) m.screen.emit(e, {}, {});
  vi.advanceTimersByTime(DISPLAY_SETTLE_MS);
}

describe('wall windows', () => {
  it('names the wall page under the app, in development too', () => {
    expect(wallUrl(APP, 3)).toBe('watchfloor://app/wall/3');
    expect(wallUrl('http://localhost:5173', 1)).toBe('http://localhost:5173/wall/1');
    expect(wallUrl('http://localhost:5173/', 12)).toBe('http://localhost:5173/wall/12');
  });

  it('opens one locked-down, frameless, full-screen wall per non-primary display, none on the primary', () => {
    m.displays = [right, primary, left];
    walls().start();
    expect(m.windows).toHaveLength(2);
    expect(openWalls()).toEqual(['watchfloor://app/wall/1', 'watchfloor://app/wall/2']);
    const first = fake(0);
    expect(first.webContents.url).toBe('watchfloor://app/wall/1');
    expect(first.options).toMatchObject({ x: -1920, y: 0, width: 1920, height: 1080, frame: false, fullscreen: true, show: false });
    expect(first.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    expect(first.setMenu).toHaveBeenCalledWith(null);
    first.emit('ready-to-show');
    // Shown without taking focus from the console.
    expect(first.showInactive).toHaveBeenCalledOnce();
    expect(fake(1).options).toMatchObject({ x: 1920, width: 1920 });
    expect(JSON.parse(readFileSync(join(dir, 'walls.json'), 'utf8')).walls).toEqual([
      { displayId: 2, x: -1920, y: 0, wallId: 1 },
      { displayId: 3, x: 1920, y: 0, wallId: 2 },
    ]);
  });

  it('keeps the displays awake while walls are open', () => {
    m.displays = [primary, right];
    const w = walls();
    w.start();
    expect(m.blockers.size).toBe(1);
    plug([primary], 'display-removed');
    expect(m.blockers.size).toBe(0);
    plug([primary, right]);
    expect(m.blockers.size).toBe(1);
    w.stop();
    expect(m.blockers.size).toBe(0);
  });

  it('follows hot-plugging: add, remove, same display back → same wall; a burst of events acts once', () => {
    const changed = vi.fn();
    const w = walls(changed);
    w.start();
    expect(m.windows).toHaveLength(0);

    plug([primary, left, right], 'display-added', 'display-metrics-changed', 'display-added');
    expect(m.windows).toHaveLength(2);
    expect(changed).toHaveBeenCalledOnce();
    expect(Object.fromEntries(w.walls())).toEqual({ 2: 1, 3: 2 });

    plug([primary, right], 'display-removed');
    expect(fake(0).close).toHaveBeenCalledOnce();
    expect(openWalls()).toEqual(['watchfloor://app/wall/2']);
    expect(station.disconnect).toHaveBeenCalledWith(fake(0).webContents.id);

    // A new monitor elsewhere does not take the unplugged one's wall.
    plug([primary, right, display(4, 3840)]);
    expect(Object.fromEntries(w.walls())).toEqual({ 3: 2, 4: 3 });

    plug([primary, left, right, display(4, 3840)]);
    expect(Object.fromEntries(w.walls())).toEqual({ 2: 1, 3: 2, 4: 3 });
    expect(openWalls()).toEqual(['watchfloor://app/wall/1', 'watchfloor://app/wall/2', 'watchfloor://app/wall/3']);
  });

  it('moves and resizes a wall with its display, leaving full screen to move it', () => {
    m.displays = [primary, right];
    walls().start();
    const wall = fake(0);
    plug([primary, display(3, 2560, false, 3840, 2160)], 'display-metrics-changed');
    expect(m.windows).toHaveLength(1);
    expect(wall.bounds).toEqual({ x: 2560, y: 0, width: 3840, height: 2160 });
    expect(wall.fullScreen).toBe(true);
    expect(wall.loadURL).toHaveBeenCalledOnce();
    // Metrics that did not change the display's bounds (a task bar appearing) leave the wall alone.
    plug([primary, { ...display(3, 2560, false, 3840, 2160), workArea: { x: 2560, y: 0, width: 3840, height: 2000 } }], 'display-metrics-changed');
    expect(wall.setBounds).toHaveBeenCalledOnce();
  });

  it('primary swap: the wall follows to the display that lost the console', () => {
    m.displays = [primary, right];
    walls().start();
    plug([display(1, -1920), display(3, 0, true)], 'display-metrics-changed');
    expect(openWalls()).toEqual(['watchfloor://app/wall/1']);
    expect(fake(0).close).toHaveBeenCalledOnce();
    expect(fake(1).options).toMatchObject({ x: -1920 });
  });

  it('gives each display its wall back after a restart, by id or else by position', () => {
    m.displays = [primary, left, right];
    const first = walls();
    first.start();
    first.stop();
    m.windows.length = 0;
    // The dock renumbered the right display; the left one kept its id but moved.
    m.displays = [primary, display(2, -2560, false, 2560, 1440), display(30, 1920)];
    walls().start();
    expect(Object.fromEntries(running[1]?.walls() ?? [])).toEqual({ 2: 1, 30: 2 });
  });

  it('hands the station port to every load of the wall page and reloads a crashed wall on its own page', () => {
    m.displays = [primary, right];
    walls().start();
    const contents = fake(0).webContents;
    contents.emit('dom-ready');
    expect(station.connect).toHaveBeenCalledOnce();
    station.connect.mock.calls[0]?.[0].postPort({ name: 'port2' } as never);
    expect(contents.postMessage).toHaveBeenCalledWith('watchfloor:port', null, [{ name: 'port2' }]);

    contents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 9 });
    vi.advanceTimersByTime(RELOAD_AFTER_CRASH_MS);
    expect(contents.reload).toHaveBeenCalledOnce();
    expect(contents.url).toBe('watchfloor://app/wall/1');

    const away = { preventDefault: vi.fn() };
    contents.emit('will-navigate', away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('opens again a wall closed from outside at the next display change, and stops following displays on stop', () => {
    m.displays = [primary, right];
    const w = walls();
    w.start();
    fake(0).close();
    expect(w.walls().size).toBe(0);
    plug([primary, right], 'display-metrics-changed');
    expect(openWalls()).toEqual(['watchfloor://app/wall/1']);
    w.stop();
    expect(openWalls()).toEqual([]);
    expect(m.screen.listenerCount('display-added')).toBe(0);
    plug([primary, right]);
    expect(openWalls()).toEqual([]);
  });
});
