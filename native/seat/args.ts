// The browser seat's command line: `--port <p> [--hub <url>] [--data <dir>] [--host 127.0.0.1] [--tiles <url template>]`,
// plus WATCHFLOOR_TOKEN from the environment.
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface SeatArgs {
  port: number;
  host: string;
  hubUrl: string | null;
  dataDir: string;
  token: string;
  /** An XYZ tile server for the map's imagery ({z} {x} {y} or {-y}); null: the hub's own tiles. */
  tileSource: string | null;
}

export const SEAT_USAGE = 'usage: npm run seat -- --port <port> [--hub <url>] [--data <dir>] [--host 127.0.0.1] [--tiles <http(s) URL with {z} {x} {y}>]';

export class SeatArgsError extends Error {
  override readonly name = 'SeatArgsError';
}

export function defaultSeatDataDir(): string {
  return join(homedir(), '.watchfloor', 'seat');
}

export function parseSeatArgs(argv: readonly string[], env: NodeJS.ProcessEnv, random: () => string = () => randomBytes(18).toString('base64url')): SeatArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (!['--port', '--hub', '--data', '--host', '--tiles'].includes(flag)) throw new SeatArgsError(`unknown argument "${arg}"\n${SEAT_USAGE}`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') throw new SeatArgsError(`${flag} needs a value\n${SEAT_USAGE}`);
    values.set(flag, value);
  }
  const portText = values.get('--port') ?? env.WATCHFLOOR_PORT ?? '8765';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new SeatArgsError(`--port must be 0–65535, got "${portText}"`);
  const hubUrl = values.get('--hub') ?? null;
  if (hubUrl !== null && !/^https?:\/\/[^/\s]+/.test(hubUrl)) throw new SeatArgsError(`--hub must be an http(s) URL, got "${hubUrl}"`);
  const tileSource = values.get('--tiles') ?? null;
  if (tileSource !== null && !(/^https?:\/\/[^/\s]+/.test(tileSource) && ['{z}', '{x}'].every((p) => tileSource.includes(p)) && /\{-?y\}/.test(tileSource))) {
    throw new SeatArgsError(`--tiles must be an http(s) URL template with {z}, {x} and {y} (or {-y}), got "${tileSource}"`);
  }
  const token = env.WATCHFLOOR_TOKEN?.trim() || random();
  return {
    port,
    host: values.get('--host') ?? '127.0.0.1',
    hubUrl,
    dataDir: resolve(values.get('--data') ?? defaultSeatDataDir()),
    token,
    tileSource,
  };
}
