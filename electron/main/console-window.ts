// The operator's console window: placed on the primary display (or where it was left), locked down
// (isolated, sandboxed, no Node, navigation/popups/webviews refused), given a port to the station on
// every page load, reloaded if its renderer crashes, and its bounds remembered.
import { BrowserWindow, screen, type WebPreferences } from 'electron';
import type { BoundsStore } from './bounds-store.js';
import { guardWebContents, isAppUrl } from './navigation-guard.js';
import type { PortTarget } from './station-process.js';
import { PORT_CHANNEL } from '../shared/ipc-channels.js';
import { CONSOLE_MIN_SIZE, placeConsole, type DisplayInfo } from './window-placement.js';

export const BACKGROUND = '#0b1220';
export const RELOAD_AFTER_CRASH_MS = 1_000;

export interface ConsoleWindowOptions {
  appUrl: string;
  preloadPath: string;
  boundsStore: BoundsStore;
  station: { connect(target: PortTarget): void; disconnect(id: number): void };
  log: (line: string) => void;
}

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
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
  const contents = win.webContents;
  const id = contents.id;
  guardWebContents(contents, opts.appUrl, opts.log);

  if (placement.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  const remember = (): void => {
    opts.boundsStore.save({ bounds: win.getNormalBounds(), maximized: win.isMaximized() });
  };
  win.on('close', remember);
  win.on('resized', remember);
  win.on('moved', remember);

  const target: PortTarget = {
    id,
    isDestroyed: () => win.isDestroyed() || contents.isDestroyed(),
    postPort: (port) => contents.postMessage(PORT_CHANNEL, null, [port]),
  };
  // Each load of the page (first load, reload, crash recovery) runs the preload afresh and needs a new port.
  contents.on('dom-ready', () => {
    if (isAppUrl(contents.getURL(), opts.appUrl)) opts.station.connect(target);
  });
  contents.on('render-process-gone', (_event, details) => {
    opts.log(`console renderer gone (${details.reason}, exit ${details.exitCode})`);
    if (details.reason === 'clean-exit') return;
    setTimeout(() => {
      if (!win.isDestroyed()) contents.reload();
    }, RELOAD_AFTER_CRASH_MS);
  });
  win.on('closed', () => opts.station.disconnect(id));

  win.loadURL(opts.appUrl).catch((err: unknown) => opts.log(`console page did not load: ${String(err)}`));
  return win;
}
