// The main entry's wiring with a mocked `electron`: single instance, sandbox, the station forked with the
// seat's data folder, the console window and a wall on the second display, the second instance focusing the
// console, closing the console closing the walls, and a clean stop on quit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const m = vi.hoisted(() => {
  const state = {
    lock: true,
    userData: '',
    calls: [] as string[],
    appEvents: null as unknown as import('node:events').EventEmitter,
    windows: [] as Array<{
      restore: () => void;
      show: () => void;
      focus: () => void;
      close: () => void;
      isMinimized: () => boolean;
      emit: (e: string) => boolean;
      destroyed: boolean;
      webContents: { url: string };
    }>,
    logs: [] as string[],
    children: [] as Array<{ args: string[]; posted: unknown[]; emit: (e: string, ...a: unknown[]) => boolean }>,
  };
  return state;
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const { MessageChannel } = await import('node:worker_threads');
  const app = Object.assign(new Emitter(), {
    requestSingleInstanceLock: () => m.lock,
    quit: vi.fn(() => m.calls.push('quit')),
    exit: vi.fn(),
    enableSandbox: vi.fn(() => m.calls.push('enableSandbox')),
    whenReady: () => Promise.resolve(),
    isPackaged: false,
    getAppPath: () => '/src/watchfloor',
    getPath: () => m.userData,
  });
  m.appEvents = app;
  let nextId = 1;
  class Contents extends Emitter {
    id = nextId++;
    url = '';
    setWindowOpenHandler = vi.fn();
    getURL = () => this.url;
    isDestroyed = () => false;
    postMessage = vi.fn();
  }
  class Window extends Emitter {
    webContents = new Contents();
    minimized = true;
    destroyed = false;
    restore = vi.fn(() => (this.minimized = false));
    show = vi.fn();
    focus = vi.fn();
    maximize = vi.fn();
    setMenu = vi.fn();
    close = vi.fn(() => {
      this.destroyed = true;
      this.emit('closed');
    });
    getNormalBounds = () => ({ x: 160, y: 20, width: 1600, height: 1000 });
    isMinimized = () => this.minimized;
    isDestroyed = () => this.destroyed;
    loadURL = vi.fn(async (url: string) => {
      this.webContents.url = url;
    });
    constructor() {
      super();
      m.windows.push(this);
    }
  }
  return {
    app,
    BrowserWindow: Window,
    MessageChannelMain: MessageChannel,
    powerSaveBlocker: { start: vi.fn(() => m.calls.push('powerSaveBlocker')), stop: vi.fn(() => m.calls.push('powerSaveBlocker.stop')) },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => m.calls.push('registerScheme')),
      handle: vi.fn(() => m.calls.push('protocol.handle')),
    },
    screen: Object.assign(new Emitter(), {
      getPrimaryDisplay: () => ({ id: 1 }),
      getAllDisplays: () => [
        { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } },
        { id: 2, bounds: { x: 1920, y: 0, width: 1920, height: 1080 }, workArea: { x: 1920, y: 0, width: 1920, height: 1080 } },
      ],
    }),
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: vi.fn() },
        setPermissionRequestHandler: vi.fn(() => m.calls.push('permissions')),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
      },
    },
    utilityProcess: {
      fork: vi.fn((_path: string, args: string[]) => {
        const child = Object.assign(new Emitter(), { args, posted: [] as unknown[], kill: vi.fn() });
        Object.assign(child, { postMessage: (msg: unknown) => child.posted.push(msg) });
        m.children.push(child);
        m.calls.push('fork');
        return child;
      }),
    },
  };
});

beforeEach(() => {
  vi.resetModules();
  m.logs.length = 0;
  vi.spyOn(console, 'log').mockImplementation((line: string) => void m.logs.push(line));
  m.lock = true;
  m.calls.length = 0;
  m.windows.length = 0;
  m.children.length = 0;
  m.userData = mkdtempSync(join(tmpdir(), 'wf-main-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  m.appEvents.removeAllListeners();
  rmSync(m.userData, { recursive: true, force: true });
});

async function boot() {
  await import('./index.js');
  await vi.waitFor(() => expect(m.windows).toHaveLength(2), { timeout: 5_000 });
  expect(m.logs.filter((l) => l.includes('start failed'))).toEqual([]);
}

describe('main entry', () => {
  it('quits at once when another instance holds the lock', async () => {
    m.lock = false;
    await import('./index.js');
    expect(m.calls).toEqual(['quit']);
  });

  it('sandboxes every renderer, registers the app scheme before ready, then starts the station and the console', async () => {
    await boot();
    expect(m.calls.slice(0, 2)).toEqual(['enableSandbox', 'registerScheme']);
    expect(m.calls).toEqual(expect.arrayContaining(['protocol.handle', 'permissions', 'fork', 'powerSaveBlocker']));
    expect(m.calls.indexOf('fork')).toBeLessThan(m.calls.indexOf('powerSaveBlocker'));
    expect(m.children[0]?.args).toEqual([`--data-dir=${join(m.userData, 'station')}`]);
  });

  it('opens the console on the primary display and wall 1 on the other, keeping the displays awake', async () => {
    await boot();
    const [consoleWin, wall] = m.windows;
    expect(consoleWin?.webContents.url).toBe('watchfloor://app/index.html');
    expect(wall?.webContents.url).toBe('watchfloor://app/wall/1');
    expect(m.calls.filter((c) => c === 'powerSaveBlocker')).toHaveLength(1);
  });

  it('closing the console closes the walls and quits', async () => {
    await boot();
    const [consoleWin, wall] = m.windows;
    consoleWin?.close();
    expect(wall?.destroyed).toBe(true);
    expect(m.calls).toContain('powerSaveBlocker.stop');
    expect(m.calls).toContain('quit');
  });

  it('brings the console forward when a second instance starts', async () => {
    await boot();
    const win = m.windows[0];
    m.appEvents.emit('second-instance');
    expect(win?.restore).toHaveBeenCalledOnce();
    expect(win?.focus).toHaveBeenCalledOnce();
  });

  it('stops the station before quitting', async () => {
    await boot();
    const event = { preventDefault: vi.fn() };
    m.appEvents.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
    const child = m.children[0];
    expect(child?.posted).toEqual([{ type: 'shutdown' }]);
    expect(m.calls).not.toContain('quit');
    child?.emit('exit', 0);
    await vi.waitFor(() => expect(m.calls).toContain('quit'), { timeout: 5_000 });
    // The second before-quit (from that quit) goes through.
    const again = { preventDefault: vi.fn() };
    m.appEvents.emit('before-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });
});
