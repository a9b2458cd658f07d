// The utility process's loopback video server over real sockets (ws clients), with a stand-in serve().
import { request } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { VideoStatus } from '../api/video.js';
import { startVideoServer, UNAUTHORIZED_VIDEO_CLOSE, type VideoServer } from './video-server.js';

const servers: VideoServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(serve: (ws: WebSocket, query: URLSearchParams) => void = () => undefined) {
  const log = vi.fn<(line: string) => void>();
  const server = await startVideoServer({ serve, log });
  servers.push(server);
  return { server, log };
}

/** Opens a socket and collects what it receives until it closes. */
function client(url: string) {
  const ws = new WebSocket(url);
  const texts: unknown[] = [];
  const binaries: Buffer[] = [];
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) binaries.push(data);
    else texts.push(JSON.parse(data.toString('utf8')));
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, texts, binaries, closed, opened };
}

describe('video server', () => {
  it('listens on loopback only, at a token URL the tile extends with its camera', async () => {
    const { server } = await start();
    expect(server.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/video\?token=[A-Za-z0-9_-]{43}$/);
    const other = await start();
    expect(other.server.url.split('token=')[1]).not.toBe(server.url.split('token=')[1]);
  });

  it('hands a socket with the right token to serve(), with its query, and carries text and binary frames', async () => {
    const serve = vi.fn((ws: WebSocket, query: URLSearchParams) => {
      ws.send(JSON.stringify({ camera: query.get('camera'), profile: query.get('profile'), h265: query.get('h265') }));
      ws.send(Uint8Array.of(1, 0, 0, 0, 8), { binary: true });
    });
    const { server } = await start(serve);
    const c = client(`${server.url}&camera=cam-7&profile=sub&h265=1`);
    await c.opened;
    await vi.waitFor(() => expect(c.binaries).toHaveLength(1), { timeout: 5_000 });
    expect(c.texts).toEqual([{ camera: 'cam-7', profile: 'sub', h265: '1' }]);
    expect([...(c.binaries[0] ?? [])]).toEqual([1, 0, 0, 0, 8]);
    expect(server.connections()).toBe(1);
    c.ws.close();
    await c.closed;
    await vi.waitFor(() => expect(server.connections()).toBe(0), { timeout: 5_000 });
  });

  it.each([
    ['a wrong token', (url: string) => url.replace(/token=.*/, 'token=guessed') + '&camera=a&profile=sub&h265=0', 'sub'],
    ['no token', (url: string) => url.replace(/\?token=.*/, '?camera=a&profile=main&h265=0'), 'main'],
    ['the token of another start', (url: string) => url.replace(/token=.{5}/, 'token=xxxxx') + '&camera=a&profile=main&h265=0', 'main'],
  ])('refuses %s in-band with a clear error status, never reaching serve()', async (_name, mangle, profile) => {
    const serve = vi.fn();
    const { server, log } = await start(serve);
    const c = client(mangle(server.url));
    const { code } = await c.closed;
    expect(code).toBe(UNAUTHORIZED_VIDEO_CLOSE);
    expect(c.texts).toHaveLength(1);
    const status = VideoStatus.parse(c.texts[0]);
    expect(status).toMatchObject({ state: 'error', profile, detail: expect.stringMatching(/unauthorized/) });
    expect(serve).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/token/));
  });

  it('answers 404 to other paths and to plain HTTP', async () => {
    const { server } = await start();
    const c = client(server.url.replace('/video?', '/ws?'));
    await expect(c.opened).rejects.toThrow(/404/);
    const status = await new Promise<number>((resolve, reject) => {
      request(server.url.replace('ws:', 'http:'), (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject).end();
    });
    expect(status).toBe(404);
  });

  it('cuts off a client that sends large frames instead of buffering them', async () => {
    const { server, log } = await start();
    const c = client(`${server.url}&camera=a&profile=main&h265=0`);
    await c.opened;
    c.ws.send(Buffer.alloc(64 * 1024));
    expect((await c.closed).code).toBe(1009);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/Max payload/));
  });

  it('a serve() that throws ends that socket, not the server', async () => {
    let calls = 0;
    const { server, log } = await start((ws) => {
      calls += 1;
      if (calls === 1) throw new Error('relay closed');
      ws.send('{"ok":true}');
    });
    const first = client(`${server.url}&camera=a&profile=main&h265=0`);
    expect((await first.closed).code).toBe(1006);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/relay closed/));
    const second = client(`${server.url}&camera=a&profile=main&h265=0`);
    await vi.waitFor(() => expect(second.texts).toEqual([{ ok: true }]), { timeout: 5_000 });
    second.ws.close();
  });

  it('close() ends open sockets and stops listening', async () => {
    const { server } = await start();
    const c = client(`${server.url}&camera=a&profile=main&h265=0`);
    await c.opened;
    await server.close();
    await c.closed;
    const again = client(`${server.url}&camera=a&profile=main&h265=0`);
    await expect(again.opened).rejects.toThrow(/ECONNREFUSED/);
  });
});
