// Starts a real browser seat (`node scripts/seat.mjs --port 0`) on a fresh data folder for end-to-end
// tests and the map benchmark, reads the URL it prints, and waits until its cache holds the county.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const URL_LINE = /Watchfloor seat: (http:\/\/127\.0\.0\.1:(\d+))\/\?token=(\S+)/;

const Healthz = z.object({
  status: z.string(),
  link: z.string(),
  counts: z.object({ grids: z.number(), buildings: z.number(), cameras: z.number(), workers: z.number(), events: z.number() }),
});
export type Healthz = z.infer<typeof Healthz>;

export interface RunningSeat {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** The page to open, token included. */
  url: string;
  token: string;
  /** The seat's stderr/stdout so far, for failure messages. */
  log(): string;
  healthz(): Promise<Healthz>;
  close(): Promise<void>;
}

/**
 * `hubUrl`: a hub the test started (e.g. with a short event interval); absent, the seat embeds the demo hub.
 * `dataDir`: a data folder the test owns (a restarted seat finds its SQLite there; close() leaves it); absent,
 * a fresh temporary folder that close() removes.
 */
export async function startSeat(opts: { startTimeoutMs?: number; log?: (line: string) => void; hubUrl?: string; dataDir?: string } = {}): Promise<RunningSeat> {
  if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
    throw new Error('out/renderer is missing: run `npx electron-vite build` before the end-to-end tests');
  }
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'watchfloor-e2e-'));
  const hubArgs = opts.hubUrl ? ['--hub', opts.hubUrl] : [];
  const child = spawn(process.execPath, [join(root, 'scripts', 'seat.mjs'), '--port', '0', '--data', dataDir, ...hubArgs], {
    cwd: root,
    env: { ...process.env, WATCHFLOOR_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    const text = chunk.toString();
    output += text;
    if (output.length > 200_000) output = output.slice(-100_000);
    for (const line of text.split('\n')) if (line.trim()) opts.log?.(line);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);

  const close = async (): Promise<void> => {
    await stop(child);
    if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };

  let match: RegExpMatchArray;
  try {
    match = await new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the seat printed no URL in ${opts.startTimeoutMs ?? 90_000} ms:\n${output}`)), opts.startTimeoutMs ?? 90_000);
      const check = (): void => {
        const m = URL_LINE.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m);
        }
      };
      child.stdout.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the seat exited (${code}) before printing its URL:\n${output}`));
      });
    });
  } catch (err) {
    await close();
    throw err;
  }
  const origin = match[1]!;
  const token = decodeURIComponent(match[3]!);
  const healthz = async (): Promise<Healthz> => Healthz.parse(await (await fetch(`${origin}/healthz`)).json());
  return { origin, token, url: `${origin}/?token=${encodeURIComponent(token)}`, log: () => output, healthz, close };
}

/** Waits until the seat's cache holds grids, buildings, cameras and workers and the counts stop growing. */
export async function waitForCounty(seat: RunningSeat, timeoutMs = 120_000): Promise<Healthz> {
  const deadline = Date.now() + timeoutMs;
  let previous = '';
  for (;;) {
    const h = await seat.healthz().catch(() => null);
    if (h) {
      const { grids, buildings, cameras, workers } = h.counts;
      const key = JSON.stringify({ grids, buildings, cameras, workers });
      if (grids > 0 && buildings > 0 && cameras > 0 && workers > 0 && key === previous) return h;
      previous = key;
    }
    if (Date.now() > deadline) throw new Error(`the seat's cache did not fill in ${timeoutMs} ms (last: ${previous})\n${seat.log().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
