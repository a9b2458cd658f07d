// What every app window (console, walls) shares: locked-down web preferences, the navigation guard, a fresh
// station port on every load of an app page, and self-healing: a crashed renderer is reloaded, a hung one
// is killed and reloaded (a wall nobody touches must come back on its own; its state lives in the station).
import type { BrowserWindow, WebPreferences } from 'electron';
import { guardWebContents, isAppUrl } from './navigation-guard.js';
import type { PortTarget } from './station-process.js';
import { PORT_CHANNEL } from '../shared/ipc-channels.js';

export const BACKGROUND = '#0b1220';
export const RELOAD_AFTER_CRASH_MS = 1_000;
/** A renderer unresponsive this long is killed and reloaded. */
export const HUNG_RELOAD_MS = 15_000;

export interface StationLink {
  connect(target: PortTarget): void;
  disconnect(id: number): void;
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

export interface SuperviseOptions {
  /** For the log: "console", "wall 2". */
  name: string;
  appUrl: string;
  station: StationLink;
  log: (line: string) => void;
}

export function superviseWindow(win: BrowserWindow, opts: SuperviseOptions): void {
  const contents = win.webContents;
  const id = contents.id;
  guardWebContents(contents, opts.appUrl, opts.log);

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
    opts.log(`${opts.name} renderer gone (${details.reason}, exit ${details.exitCode})`);
    if (details.reason === 'clean-exit') return;
    setTimeout(() => {
      if (!win.isDestroyed()) contents.reload();
    }, RELOAD_AFTER_CRASH_MS);
  });

  let hung: ReturnType<typeof setTimeout> | null = null;
  const clearHung = (): void => {
    if (hung) clearTimeout(hung);
    hung = null;
  };
  win.on('unresponsive', () => {
    if (hung) return;
    hung = setTimeout(() => {
      hung = null;
      if (win.isDestroyed()) return;
      opts.log(`${opts.name} renderer unresponsive for ${HUNG_RELOAD_MS} ms; restarting it`);
      contents.forcefullyCrashRenderer();
      contents.reload();
    }, HUNG_RELOAD_MS);
  });
  win.on('responsive', clearHung);
  win.on('closed', () => {
    clearHung();
    opts.station.disconnect(id);
  });
}
