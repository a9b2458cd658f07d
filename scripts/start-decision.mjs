// What `npm start` runs, decided from facts about this checkout (pure, so it is unit-tested from
// electron/start-decision.test.ts): the Electron app when its binary is installed, else the browser seat.
import { join } from 'node:path';

export const NO_ELECTRON_NOTICE =
  'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD / no internet) — starting the browser seat instead.';
export const NO_SQLITE_NOTICE =
  "Electron's build of better-sqlite3 could not be made (it needs Electron's headers from the internet once) — starting the browser seat instead.";

/**
 * The Electron executable, or null when it is not installed. Mirrors node_modules/electron/index.js without
 * requiring it: in this Electron version requiring it with the binary missing starts a download.
 * @param {{ electronDir: string, env: Record<string, string | undefined>, exists: (path: string) => boolean, read: (path: string) => string | null }} facts
 */
export function electronBinary({ electronDir, env, exists, read }) {
  const relative = read(join(electronDir, 'path.txt'))?.trim() || null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const override = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? 'electron');
    return exists(override) ? override : null;
  }
  if (!relative) return null;
  const full = join(electronDir, 'dist', relative);
  return exists(full) ? full : null;
}

/**
 * @param {{ electron: string | null, sqliteBuilt: boolean, args: string[] }} facts
 * @returns {{ run: 'electron', buildSqlite: boolean, args: string[] } | { run: 'seat', notice: string | null, args: string[] }}
 */
export function planStart({ electron, sqliteBuilt, args }) {
  // `npm start -- --seat` asks for the browser seat even where Electron is installed.
  if (args.includes('--seat')) return { run: 'seat', notice: null, args: args.filter((a) => a !== '--seat') };
  if (!electron) return { run: 'seat', notice: NO_ELECTRON_NOTICE, args };
  return { run: 'electron', buildSqlite: !sqliteBuilt, args };
}
