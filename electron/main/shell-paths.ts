// Where the shell finds its parts (preload, station entry, renderer, the Electron build of SQLite) and the
// seat's data, built from facts Electron knows; and the options a user can pass (`--hub`, `--data`).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { APP_URL } from './app-files.js';

export interface ShellFacts {
  /** Folder of the built main entry (out/main). */
  mainDir: string;
  isPackaged: boolean;
  /** process.resourcesPath: where extraResources land in a package. */
  resourcesPath: string;
  /** app.getAppPath(): the project root in development. */
  appPath: string;
  userData: string;
  env: NodeJS.ProcessEnv;
}

export interface ShellPaths {
  preload: string;
  stationModule: string;
  rendererDir: string;
  /** The page every window loads: the electron-vite dev server in development, else watchfloor://app. */
  appUrl: string;
  /** better_sqlite3.node built for Electron's ABI (see scripts/build-electron-sqlite.mjs). */
  sqliteBinding: string;
  dataDir: string;
}

export function shellPaths(facts: ShellFacts): ShellPaths {
  const devUrl = facts.env.ELECTRON_RENDERER_URL;
  return {
    preload: join(facts.mainDir, '..', 'preload', 'index.cjs'),
    stationModule: join(facts.mainDir, 'station.js'),
    rendererDir: join(facts.mainDir, '..', 'renderer'),
    appUrl: !facts.isPackaged && devUrl ? devUrl : APP_URL,
    sqliteBinding: facts.isPackaged
      ? join(facts.resourcesPath, 'native', 'better_sqlite3.node')
      : join(facts.appPath, 'native-build', 'electron', 'better_sqlite3.node'),
    dataDir: join(facts.userData, 'station'),
  };
}

export interface ShellOptions {
  hubUrl: string | null;
  dataDir: string | null;
}

/** `--hub <url>` / `--hub=<url>` (else WATCHFLOOR_HUB_URL) and `--data <dir>`; anything else is Chromium's or Electron's. */
export function parseShellArgv(argv: readonly string[], env: NodeJS.ProcessEnv): ShellOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: false,
    allowPositionals: true,
    options: { hub: { type: 'string' }, data: { type: 'string' } },
  });
  const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
  return { hubUrl: text(values.hub) ?? text(env.WATCHFLOOR_HUB_URL), dataDir: text(values.data) };
}
