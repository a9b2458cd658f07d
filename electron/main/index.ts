// Electron main: one instance per seat, sandboxed renderers, the station in a utility process, the console
// window on the primary display and a wall window on every other display. Each concern lives in its own
// module beside this one.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, session, type BrowserWindow } from 'electron';
import { toStationArgv } from '../../native/utility/station-args.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { createBoundsStore } from './bounds-store.js';
import { createConsoleWindow, rehomeConsole } from './console-window.js';
import { contentSecurityPolicy, installDevCsp } from './csp.js';
import { createKeepAwake } from './keep-awake.js';
import { installPermissionHandlers } from './permissions.js';
import { parseShellArgv, shellPaths } from './shell-paths.js';
import { StationProcess } from './station-process.js';
import { WallWindows } from './wall-windows.js';
import { createWallStore } from './wall-store.js';

const log = (line: string): void => console.log(`[shell] ${line}`);

if (!app.requestSingleInstanceLock()) {
  // Another Watchfloor runs on this seat; it has been told to show its console.
  app.quit();
} else {
  app.enableSandbox();
  registerAppScheme();

  const paths = shellPaths({
    mainDir: dirname(fileURLToPath(import.meta.url)),
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
    userData: app.getPath('userData'),
    env: process.env,
  });
  const options = parseShellArgv(process.argv, process.env);
  let consoleWindow: BrowserWindow | null = null;
  let walls: WallWindows | null = null;
  let station: StationProcess | null = null;

  app.on('second-instance', () => {
    if (!consoleWindow || consoleWindow.isDestroyed()) return;
    if (consoleWindow.isMinimized()) consoleWindow.restore();
    consoleWindow.show();
    consoleWindow.focus();
  });

  app.whenReady().then(() => {
    const csp = contentSecurityPolicy(paths.appUrl);
    serveRenderer(paths.rendererDir, csp);
    installDevCsp(session.defaultSession, paths.appUrl);
    installPermissionHandlers(session.defaultSession, paths.appUrl, log);

    const sqlite = existsSync(paths.sqliteBinding) ? paths.sqliteBinding : undefined;
    if (!sqlite) log(`no Electron build of better-sqlite3 at ${paths.sqliteBinding}; run: node scripts/build-electron-sqlite.mjs`);
    const running = new StationProcess({
      modulePath: paths.stationModule,
      args: toStationArgv({ dataDir: options.dataDir ?? paths.dataDir, hubUrl: options.hubUrl, ...(sqlite ? { sqliteNativeBinding: sqlite } : {}) }),
      log,
    });
    station = running;
    running.start();

    const keepAwake = createKeepAwake(log);
    const win = createConsoleWindow({
      appUrl: paths.appUrl,
      preloadPath: paths.preload,
      boundsStore: createBoundsStore(join(app.getPath('userData'), 'window-state.json'), log),
      station: running,
      log,
    });
    consoleWindow = win;
    keepAwake.hold(win);
    const wallWindows = new WallWindows({
      appUrl: paths.appUrl,
      preloadPath: paths.preload,
      store: createWallStore(join(app.getPath('userData'), 'walls.json'), log),
      station: running,
      keepAwake,
      log,
      onDisplaysChanged: () => rehomeConsole(win, log),
    });
    walls = wallWindows;
    wallWindows.start();
    rehomeConsole(win, log);
    // The console is the app: closing it closes the walls (frameless, they offer no way to quit) and quits.
    win.on('closed', () => {
      consoleWindow = null;
      walls = null;
      wallWindows.stop();
      app.quit();
    });
  }).catch((err: unknown) => {
    log(`start failed: ${String(err)}`);
    app.exit(1);
  });

  app.on('window-all-closed', () => app.quit());

  // Let the station close its store before the app goes (it survives a kill too, but a clean stop is quicker to restart).
  app.on('before-quit', (event) => {
    walls?.stop();
    walls = null;
    if (!station) return;
    const stopping = station;
    station = null;
    // Between a crash and its restart there is nothing to wait for; stop() just cancels the restart.
    if (!stopping.running) return void stopping.stop();
    event.preventDefault();
    void stopping.stop().finally(() => app.quit());
  });
}
