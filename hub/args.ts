// The demo hub's command line: `--port <p> [--host 127.0.0.1] [--data <dir>] [--seed <n>] [--rtc-ip <ip>]
// [--announced-ip <ip>]`. Without --data the county lives in memory and every start is a fresh county with a
// fresh month of history. The two RTC flags place the call SFU's media ports (视频调度) on a LAN.
import { isIP } from 'node:net';
import { resolve } from 'node:path';

export interface HubArgs {
  port: number;
  host: string;
  dataDir: string | null;
  seed: number | undefined;
  /** Where the call SFU listens for media; absent: the hub's host. */
  rtcIp: string | undefined;
  /** The address phones and seats send media to, when it is not rtcIp (e.g. --rtc-ip 0.0.0.0). */
  announcedIp: string | undefined;
}

export const HUB_USAGE =
  'usage: npm run hub -- [--port 8700] [--host 127.0.0.1] [--data <dir>] [--seed <n>] [--rtc-ip <ip>] [--announced-ip <ip>]';

export class HubArgsError extends Error {
  override readonly name = 'HubArgsError';
}

const FLAGS = ['--port', '--host', '--data', '--seed', '--rtc-ip', '--announced-ip'] as const;
type Flag = (typeof FLAGS)[number];

function isFlag(text: string): text is Flag {
  return (FLAGS as readonly string[]).includes(text);
}

export function parseHubArgs(argv: readonly string[]): HubArgs {
  const values = new Map<Flag, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!isFlag(flag)) throw new HubArgsError(`unknown argument "${arg}"\n${HUB_USAGE}`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new HubArgsError(`${flag} needs a value\n${HUB_USAGE}`);
    values.set(flag, value);
  }
  const portText = values.get('--port') ?? '8700';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new HubArgsError(`--port must be 0–65535, got "${portText}"`);
  const seedText = values.get('--seed');
  if (seedText !== undefined && !/^-?\d{1,9}$/.test(seedText)) throw new HubArgsError(`--seed must be an integer, got "${seedText}"`);
  const data = values.get('--data');
  for (const flag of ['--rtc-ip', '--announced-ip'] as const) {
    const ip = values.get(flag);
    if (ip !== undefined && isIP(ip) === 0) throw new HubArgsError(`${flag} must be an IPv4 or IPv6 address, got "${ip}"`);
  }
  return {
    port,
    host: values.get('--host') ?? '127.0.0.1',
    dataDir: data === undefined ? null : resolve(data),
    seed: seedText === undefined ? undefined : Number(seedText),
    rtcIp: values.get('--rtc-ip'),
    announcedIp: values.get('--announced-ip'),
  };
}
