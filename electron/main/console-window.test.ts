// The console window with a mocked `electron` (BrowserWindow and screen) and a real bounds file.
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBoundsStore } from './bounds-store.js';
import type { PortTarget } from './station-process.js';

class FakeContents extends EventEmitter {
  readonly id = 42;
  url = '';
  destroyed = false;
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  readonly postMessage = vi.fn();
  readonly reload = vi.fn();
  readonly forcefullyCrashRenderer = vi.fn();
  getURL = () => this.url;
  isDestroyed = () => this.destroyed;
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
    this.openHandler = h;
  }
}

class FakeWindow extends EventEmitter {
  static last: FakeWindow | null = null;
  readonly webContents = new FakeContents();
  readonly maximize = vi.fn(() => (this.maximized = true));
  readonly unmaximize = vi.fn(() => (this.maximized = false));
  readonly setBounds = vi.fn((b: { x: number; y: number; width: number; height: number }) => (this.normalBounds = b));
  readonly show = vi.fn();
  normalBounds = { x: 0, y: 0, width: 0, height: 0 };
  maximized = false;
  destroyed = false;
  loadURL = vi.fn(async (url: string) => {
    this.webContents.url = url;
  });
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    this.normalBounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 0, height: options.height ?? 0 };
    FakeWindow.last = this;
  }
  getNormalBounds = () => this.normalBounds;
  isMaximized = () => this.maximized;
  isDestroyed = () => this.destroyed;
}

vi.mock('electron', () => ({
  BrowserWindow: FakeWindow,
  screen: {
    getPrimaryDisplay: () => ({ id: 1 }),
    getAllDisplays: () => [
      { id: 2, bounds: { x: -1920, y: 0, width: 1920, height: 1080 }, workArea: { x: -1920, y: 0, width: 1920, height: 1080 } },
      { id: 1, bounds: { x: 0, y: 0, width: 2560, height: 1440 }, workArea: { x: 0, y: 0, width: 2560, height: 1400 } },
    ],
  },
}));

const { consoleRehome, createConsoleWindow, rehomeConsole } = await import('./console-window.js');
const { HUNG_RELOAD_MS, RELOAD_AFTER_CRASH_MS } = await import('./window-lifecycle.js');
const APP = 'watchfloor://app/index.html';

let dir: string;
let station: { connect: ReturnType<typeof vi.fn<(t: PortTarget) => void>>; disconnect: ReturnType<typeof vi.fn<(id: number) => void>> };
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wf-console-'));
  station = { connect: vi.fn<(t: PortTarget) => void>(), disconnect: vi.fn<(id: number) => void>() };
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

function open(boundsFile = join(dir, 'window-state.json')) {
  createConsoleWindow({ appUrl: APP, preloadPath: '/app/out/preload/index.cjs', boundsStore: createBoundsStore(boundsFile), station, log: () => undefined });
  const win = FakeWindow.last;
  if (!win) throw new Error('no window created');
  return win;
}

describe('console window', () => {
  it('is isolated, sandboxed, without Node, and centred on the primary display on first start', () => {
    const win = open();
    expect(win.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(win.options).toMatchObject({ x: 480, y: 200, width: 1600, height: 1000, show: false });
    expect(win.loadURL).toHaveBeenCalledWith(APP);
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledOnce();
  });

  it('refuses navigation away, popups and webviews', () => {
    const contents = open().webContents;
    const away = { preventDefault: vi.fn() };
    contents.emit('will-navigate', away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    const home = { preventDefault: vi.fn() };
    contents.emit('will-navigate', home, `${APP}#/grid/1`);
    expect(home.preventDefault).not.toHaveBeenCalled();
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('asks the station for a port on every load of its own page and posts it to the preload', () => {
    const win = open();
    const contents = win.webContents;
    contents.emit('dom-ready');
    expect(station.connect).toHaveBeenCalledOnce();
    const target = station.connect.mock.calls[0]?.[0];
    expect(target?.id).toBe(42);
    const port = { name: 'port2' };
    target?.postPort(port as never);
    expect(contents.postMessage).toHaveBeenCalledWith('watchfloor:port', null, [port]);
    expect(target?.isDestroyed()).toBe(false);

    contents.url = 'https://evil.example/';
    contents.emit('dom-ready');
    expect(station.connect).toHaveBeenCalledOnce();

    win.emit('closed');
    expect(station.disconnect).toHaveBeenCalledWith(42);
    contents.destroyed = true;
    expect(target?.isDestroyed()).toBe(true);
  });

  it('reloads a crashed renderer after a pause, but not one that exited cleanly', () => {
    vi.useFakeTimers();
    const contents = open().webContents;
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    vi.advanceTimersByTime(RELOAD_AFTER_CRASH_MS - 1);
    expect(contents.reload).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(contents.reload).toHaveBeenCalledOnce();
    contents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    vi.advanceTimersByTime(RELOAD_AFTER_CRASH_MS);
    expect(contents.reload).toHaveBeenCalledOnce();
  });

  it('kills and reloads a renderer hung for too long, but not one that recovers', () => {
    vi.useFakeTimers();
    const win = open();
    const contents = win.webContents;
    win.emit('unresponsive');
    vi.advanceTimersByTime(HUNG_RELOAD_MS - 1);
    win.emit('responsive');
    vi.advanceTimersByTime(HUNG_RELOAD_MS);
    expect(contents.reload).not.toHaveBeenCalled();
    win.emit('unresponsive');
    win.emit('unresponsive');
    vi.advanceTimersByTime(HUNG_RELOAD_MS);
    expect(contents.forcefullyCrashRenderer).toHaveBeenCalledOnce();
    expect(contents.reload).toHaveBeenCalledOnce();
  });

  it('moves back to the primary display from where a wall now is, maximized kept', () => {
    const win = open();
    win.normalBounds = { x: -1800, y: 40, width: 1500, height: 900 };
    win.maximized = true;
    rehomeConsole(win as never, () => undefined);
    expect(win.normalBounds).toEqual({ x: 480, y: 200, width: 1600, height: 1000 });
    expect(win.maximized).toBe(true);
    win.setBounds.mockClear();
    rehomeConsole(win as never, () => undefined);
    expect(win.setBounds).not.toHaveBeenCalled();
  });

  it('remembers where it was closed and opens there next time, maximized if it was', () => {
    const first = open();
    first.normalBounds = { x: -1800, y: 40, width: 1500, height: 900 };
    first.maximized = true;
    first.emit('close');
    const second = open();
    expect(second.options).toMatchObject({ x: -1800, y: 40, width: 1500, height: 900 });
    expect(second.maximize).toHaveBeenCalledOnce();
  });
});

describe('consoleRehome', () => {
  const primary = { id: 1, primary: true, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
  const right = { id: 2, primary: false, bounds: { x: 1920, y: 0, width: 1920, height: 1080 }, workArea: { x: 1920, y: 0, width: 1920, height: 1080 } };
  const centred = { x: 160, y: 20, width: 1600, height: 1000 };
  it.each([
    ['on the primary: stays', [primary, right], { x: 100, y: 10, width: 1200, height: 800 }, null],
    ['mostly on the primary, a little over the edge: stays', [primary, right], { x: 800, y: 0, width: 1600, height: 900 }, null],
    ['centre on a wall display: back to the primary', [primary, right], { x: 2000, y: 0, width: 1600, height: 900 }, centred],
    ['its display unplugged: back to the primary', [primary], { x: 2000, y: 0, width: 1600, height: 900 }, centred],
    ['no displays reported: left alone', [], { x: 2000, y: 0, width: 1600, height: 900 }, null],
  ])('%s', (_name, displays, current, expected) => {
    expect(consoleRehome(current, displays)).toEqual(expected);
  });
});
