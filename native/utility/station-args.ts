// How Electron main tells the station process where its data lives, which hub to use and which SQLite
// build to load: `--name=value` arguments (WATCHFLOOR_* environment variables as a fallback).
import { parseArgs } from 'node:util';
import { z } from 'zod';

export interface StationArgs {
  dataDir: string;
  /** null: start the embedded demo hub. */
  hubUrl: string | null;
  /** Path of better_sqlite3.node built for Electron's ABI; undefined: better-sqlite3's own build. */
  sqliteNativeBinding?: string;
}

const HubUrl = z.url({ protocol: /^https?$/ });

export function toStationArgv(args: StationArgs): string[] {
  const argv = [`--data-dir=${args.dataDir}`];
  if (args.hubUrl) argv.push(`--hub=${args.hubUrl}`);
  if (args.sqliteNativeBinding) argv.push(`--sqlite-binding=${args.sqliteNativeBinding}`);
  return argv;
}

/**
 * Reads what toStationArgv wrote. Unknown arguments (Chromium's own switches, the script path) are
 * ignored; a missing data directory or a hub URL that is not http(s) is an error with a clear message.
 */
export function parseStationArgv(argv: readonly string[], env: NodeJS.ProcessEnv = {}): StationArgs {
  const { values } = parseArgs({
    args: [...argv],
    strict: false,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      hub: { type: 'string' },
      'sqlite-binding': { type: 'string' },
    },
  });
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
  const dataDir = text(values['data-dir']) ?? text(env.WATCHFLOOR_DATA_DIR);
  if (!dataDir) throw new Error('station: --data-dir=<dir> (or WATCHFLOOR_DATA_DIR) is required');
  const hub = text(values.hub) ?? text(env.WATCHFLOOR_HUB_URL);
  if (hub !== undefined && !HubUrl.safeParse(hub).success) throw new Error(`station: hub URL must be http(s): ${hub}`);
  const binding = text(values['sqlite-binding']);
  return { dataDir, hubUrl: hub ?? null, ...(binding ? { sqliteNativeBinding: binding } : {}) };
}
