import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { TopicBus } from '../api/bus.js';
import { ApiHost } from '../api/host.js';
import type { ParentMessage } from './connection-router.js';
import type { FromStation } from './messages.js';
import { windowChannel } from './port-fixture.js';
import { runStationUtility, type ParentPortLike, type RunningStation, type StationUtilityDeps } from './run.js';

/** process.parentPort as a utility process has it: main's messages in, ours out. */
function fakeParentPort() {
  let listener: ((m: ParentMessage) => void) | null = null;
  const sent: FromStation[] = [];
  const port: ParentPortLike = {
    on: (_event, l) => (listener = l),
    postMessage: (m) => sent.push(m),
  };
  return { port, sent, deliver: (m: ParentMessage) => listener?.(m) };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wf-utility-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function deps(parent: ParentPortLike, start: StationUtilityDeps['start'], argv: string[]) {
  const exit = vi.fn<(code: number) => void>();
  return { exit, d: { parentPort: parent, argv, env: {}, start, exit, log: () => undefined } satisfies StationUtilityDeps };
}

describe('station utility process', () => {
  it('starts the station from its arguments, reports ready, serves window ports and shuts down on request', async () => {
    const parent = fakeParentPort();
    const close = vi.fn(async () => undefined);
    const setVideoEndpoint = vi.fn<(url: string) => void>();
    const serveVideo = vi.fn((ws: WebSocket, query: URLSearchParams) => ws.send(`camera ${query.get('camera')}`));
    const start = vi.fn(async (): Promise<RunningStation> => ({
      api: new ApiHost({ 'cameras.list': () => [] } as unknown as ConstructorParameters<typeof ApiHost>[0], new TopicBus()),
      serveVideo,
      setVideoEndpoint,
      close,
    }));
    const dataDir = join(dir, 'station');
    const { d, exit } = deps(parent.port, start, ['/electron', 'station.js', `--data-dir=${dataDir}`, '--hub=http://127.0.0.1:8700']);
    const utility = runStationUtility(d);

    const ch = windowChannel();
    parent.deliver({ data: { type: 'connect', windowId: 4 }, ports: [ch.station] });
    await utility.ready;
    expect(statSync(dataDir).isDirectory()).toBe(true);
    expect(start).toHaveBeenCalledWith(expect.objectContaining({ dataDir, hubUrl: 'http://127.0.0.1:8700' }));
    expect(parent.sent).toEqual([{ type: 'ready' }]);
    expect(await ch.nextFrame()).toEqual({ kind: 'hello', contract: 1 });
    ch.window.postMessage({ kind: 'req', id: 1, method: 'cameras.list', params: {} });
    expect(await ch.nextFrame()).toEqual({ kind: 'res', id: 1, ok: true, result: [] });

    // The station was told where its video sockets are, before any window was served, and they answer.
    expect(setVideoEndpoint).toHaveBeenCalledOnce();
    const endpoint = setVideoEndpoint.mock.calls[0]?.[0] ?? '';
    expect(endpoint).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/video\?token=/);
    const tile = new WebSocket(`${endpoint}&camera=c1&profile=main&h265=0`);
    const first = await new Promise<string>((resolve, reject) => {
      tile.once('message', (data: Buffer) => resolve(data.toString('utf8')));
      tile.once('error', reject);
    });
    expect(first).toBe('camera c1');
    const tileClosed = new Promise<void>((resolve) => tile.once('close', () => resolve()));

    parent.deliver({ data: { type: 'shutdown' }, ports: [] });
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0), { timeout: 5_000 });
    expect(close).toHaveBeenCalledOnce();
    // Shutdown ends the video sockets too.
    await tileClosed;
  });

  it('reports a start failure to main and exits non-zero', async () => {
    const parent = fakeParentPort();
    const { d, exit } = deps(parent.port, async () => {
      throw new Error('better_sqlite3.node was compiled against a different Node.js version');
    }, [`--data-dir=${dir}`]);
    const utility = runStationUtility(d);
    await expect(utility.ready).rejects.toThrow(/different Node.js version/);
    expect(parent.sent).toEqual([{ type: 'fatal', message: 'better_sqlite3.node was compiled against a different Node.js version' }]);
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('refuses to start without a data directory', async () => {
    const parent = fakeParentPort();
    const start = vi.fn();
    const { d, exit } = deps(parent.port, start, ['/electron', 'station.js']);
    await expect(runStationUtility(d).ready).rejects.toThrow(/data-dir/);
    expect(start).not.toHaveBeenCalled();
    expect(parent.sent[0]).toMatchObject({ type: 'fatal' });
    expect(exit).toHaveBeenCalledWith(1);
  });
});
