// The simulated IP cameras for tests and the bench: starts tests/tools/rtsp-cameras.py (GStreamer RTSP server,
// rtsp://127.0.0.1:<port>/cam1..cam32) on a free port, waits for its ready line, kills and restarts it on that port.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), '..', 'tools', 'rtsp-cameras.py');
/** Debian's python: a pyenv python3 on PATH may lack the gi module. */
const PYTHON = process.env.RTSP_PYTHON ?? '/usr/bin/python3';
const READY = /RTSP server ready/;

export type RtspMode = 'shared' | 'distinct';

export interface RtspCameras {
  port: number;
  /** `rtsp://127.0.0.1:<port>/cam<n>` (n = 1..32). */
  url(n: number): string;
  /** The server's pid while it runs (null after kill). */
  pid(): number | null;
  /** Stops the server (its whole process group) and waits for it to exit: the cameras go dark. */
  kill(): Promise<void>;
  /** Starts the server again on the same port and waits until it is ready. */
  restart(): Promise<void>;
  /** kill() for good. */
  close(): Promise<void>;
  /** What the server printed, for failure messages. */
  log(): string;
}

export interface RtspCamerasOptions {
  /** `shared` (default): one encoder for every path (cheap); `distinct`: one encoder per path. */
  mode?: RtspMode;
  /** A fixed port; default a free one. */
  port?: number;
  startTimeoutMs?: number;
  /** Key-frame interval in frames (the server's GOP env; default 50 = 2 s). */
  gop?: number;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

export async function startRtspCameras(opts: RtspCamerasOptions = {}): Promise<RtspCameras> {
  const mode = opts.mode ?? 'shared';
  const port = opts.port ?? (await freePort());
  const timeoutMs = opts.startTimeoutMs ?? 20_000;
  let child: ChildProcess | null = null;
  let output = '';

  const start = (): Promise<void> => new Promise((resolve, reject) => {
    const env = { ...process.env, ...(opts.gop !== undefined ? { GOP: String(opts.gop) } : {}) };
    // detached: its own process group, so kill() takes any helper it spawns with it.
    const proc = spawn(PYTHON, [SCRIPT, String(port), mode], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let pending = '';
    let ready = false;
    const timer = setTimeout(() => fail(new Error(`rtsp-cameras.py was not ready in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const fail = (err: Error): void => {
      clearTimeout(timer);
      killGroup(proc);
      reject(err);
    };
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString();
      output = (output + text).slice(-20_000);
      pending += text;
      if (!ready && READY.test(pending)) {
        ready = true;
        clearTimeout(timer);
        pending = '';
        resolve();
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', (chunk: Buffer) => { output = (output + chunk.toString()).slice(-20_000); });
    proc.once('error', fail);
    proc.once('exit', (code, signal) => {
      if (child === proc) child = null;
      if (!ready) fail(new Error(`rtsp-cameras.py exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });

  const kill = async (): Promise<void> => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    killGroup(proc);
    await exited;
    child = null;
  };

  await start();
  return {
    port,
    url: (n) => `rtsp://127.0.0.1:${port}/cam${n}`,
    pid: () => child?.pid ?? null,
    kill,
    restart: async () => {
      await kill();
      await start();
    },
    close: kill,
    log: () => output,
  };
}

function killGroup(proc: ChildProcess): void {
  if (proc.pid === undefined) return;
  try {
    process.kill(-proc.pid, 'SIGKILL');
  } catch {
    proc.kill('SIGKILL');
  }
}
