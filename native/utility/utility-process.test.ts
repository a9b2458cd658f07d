// The station entry as Electron runs it, minus Electron: native/utility/main.ts is built with the real
// electron-vite main config, then run in a worker thread standing in for the utility process
// (process.parentPort shimmed, MessagePorts transferred as main transfers them). Real station, real SQLite.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { VideoStatus } from '../api/video.js';
import { emulateUtility } from './emulated-utility.js';

// Inside the project, so the bundle's external imports (better-sqlite3, zod, ws) resolve from node_modules.
const outDir = resolve('node_modules/.cache/watchfloor-utility-test', String(process.pid));
const stationJs = join(outDir, 'station.js');
let dataDir: string;

beforeAll(async () => {
  const { resolveConfig } = await import('electron-vite');
  const { build } = await import('vite');
  process.env.NODE_ENV_ELECTRON_VITE = 'production';
  const { config } = await resolveConfig({ configFile: 'electron.vite.config.ts', logLevel: 'silent' }, 'build', 'production');
  const main = config?.main;
  if (!main?.build) throw new Error('electron.vite.config.ts has no main build');
  await build({ ...main, logLevel: 'silent', build: { ...main.build, outDir, emptyOutDir: true } });
  dataDir = mkdtempSync(join(tmpdir(), 'wf-utility-'));
}, 60_000);

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A port nothing listens on: the station starts, its link stays offline. */
async function deadHubUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const { port } = server.address() as { port: number };
  await new Promise<void>((res) => server.close(() => res()));
  return `http://127.0.0.1:${port}`;
}

function window() {
  const { port1, port2 } = new MessageChannel();
  const frames: unknown[] = [];
  const waiting: Array<() => void> = [];
  port2.on('message', (f: unknown) => {
    frames.push(f);
    for (const w of waiting.splice(0)) w();
  });
  return {
    stationEnd: port1 as MessagePort,
    port: port2,
    frames,
    async frame(match: (f: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const hit = frames.find((f) => typeof f === 'object' && f !== null && match(f as Record<string, unknown>));
        if (hit) return hit as Record<string, unknown>;
        if (Date.now() > deadline) throw new Error(`no matching frame in 10 s; got ${JSON.stringify(frames).slice(0, 300)}`);
        await new Promise<void>((res) => {
          waiting.push(res);
          setTimeout(res, 500).unref();
        });
      }
    },
  };
}

describe('station utility process (emulated)', () => {
  it('never imports electron', () => {
    expect(readFileSync(stationJs, 'utf8')).not.toMatch(/from\s+["']electron["']|require\(["']electron["']\)/);
  });

  it('starts, serves each window over its own port, drops a closed one and shuts down on request', async () => {
    const utility = emulateUtility(stationJs, [`--data-dir=${dataDir}`, `--hub=${await deadHubUrl()}`]);
    const a = window();
    const b = window();
    utility.post({ type: 'connect', windowId: 1 }, [a.stationEnd]);
    utility.post({ type: 'connect', windowId: 2 }, [b.stationEnd]);
    expect(await utility.nextMessage()).toEqual({ type: 'ready' });

    for (const w of [a, b]) {
      await w.frame((f) => f.kind === 'hello');
      w.port.postMessage({ kind: 'req', id: 7, method: 'station.status', params: {} });
      const res = await w.frame((f) => f.kind === 'res' && f.id === 7);
      expect(res).toMatchObject({ ok: true, result: { embeddedHub: false, counts: { grids: 0 } } });
    }
    a.port.close();
    b.port.postMessage({ kind: 'req', id: 8, method: 'no.such.method', params: {} });
    expect(await b.frame((f) => f.kind === 'res' && f.id === 8)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });

    utility.post({ type: 'shutdown' });
    expect(await utility.exited).toBe(0);
  }, 30_000);

  it('serves video sockets on loopback at the endpoint it gives the renderer, and closes them on shutdown', async () => {
    const utility = emulateUtility(stationJs, [`--data-dir=${dataDir}`, `--hub=${await deadHubUrl()}`]);
    const w = window();
    utility.post({ type: 'connect', windowId: 1 }, [w.stationEnd]);
    expect(await utility.nextMessage()).toEqual({ type: 'ready' });
    await w.frame((f) => f.kind === 'hello');
    w.port.postMessage({ kind: 'req', id: 1, method: 'video.endpoint', params: {} });
    const res = await w.frame((f) => f.kind === 'res' && f.id === 1);
    const url = (res.result as { url?: unknown } | undefined)?.url;
    if (typeof url !== 'string') throw new Error(`no endpoint: ${JSON.stringify(res)}`);
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/video\?token=[\w-]+$/);

    /** The first status a tile gets, and how its socket ends. */
    const tile = (tileUrl: string) => {
      const ws = new WebSocket(tileUrl);
      // The first status past "connecting".
      const status = new Promise<VideoStatus>((resolve, reject) => {
        ws.on('message', (data: Buffer, binary: boolean) => {
          if (binary) return;
          const s = VideoStatus.parse(JSON.parse(data.toString('utf8')));
          if (s.state !== 'connecting') resolve(s);
        });
        ws.once('error', reject);
      });
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      return { ws, status, closed };
    };
    // Through the station's relay: a camera it does not know is a clear error on the tile, not a hang.
    const unknown = tile(`${url}&camera=no-such-camera&profile=sub&h265=0`);
    expect(await unknown.status).toMatchObject({ state: 'error', detail: expect.stringMatching(/no-such-camera/) });
    const badToken = tile(`${url.replace(/token=.*/, 'token=nope')}&camera=c&profile=main&h265=0`);
    expect(await badToken.status).toMatchObject({ state: 'error', detail: expect.stringMatching(/unauthorized/) });
    expect(await badToken.closed).toBe(1008);
    const bad = tile(`${url}&camera=c&profile=huge&h265=0`);
    expect(await bad.status).toMatchObject({ state: 'error', detail: expect.stringMatching(/bad video request/) });

    utility.post({ type: 'shutdown' });
    expect(await utility.exited).toBe(0);
    await unknown.closed;
  }, 30_000);

  it('tells main why it could not start and exits non-zero', async () => {
    const utility = emulateUtility(stationJs, [`--data-dir=${dataDir}`, '--hub=ftp://hub.example/']);
    expect(await utility.nextMessage()).toEqual({ type: 'fatal', message: expect.stringMatching(/http\(s\)/) });
    expect(await utility.exited).toBe(1);
  }, 30_000);
});
