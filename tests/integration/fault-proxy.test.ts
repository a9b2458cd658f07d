// The fault proxy on real sockets: an echo server behind it, and each fault as a client sees it.
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy } from '../support/fault-proxy.js';
import { eventually } from './wait.js';

let echo: Server;
/** Every socket the echo server accepted, with what became of it. */
const upstreams: { socket: Socket; received: string; error: string | null; closed: boolean }[] = [];
let proxy: FaultProxy;
const clients: Socket[] = [];

beforeAll(async () => {
  echo = createServer((socket) => {
    const u = { socket, received: '', error: null as string | null, closed: false };
    upstreams.push(u);
    socket.on('data', (c: Buffer) => {
      u.received += c.toString();
      socket.write(c);
    });
    socket.on('error', (e: NodeJS.ErrnoException) => (u.error = e.code ?? e.message));
    socket.on('close', () => (u.closed = true));
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await new Promise<void>((resolve) => echo.close(() => resolve()));
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await proxy?.close();
});

interface Client {
  socket: Socket;
  text(): string;
  error(): string | null;
  closed(): boolean;
}

/** A client through the proxy; resolves once connected, rejects with the connect error's code. */
function dial(port: number): Promise<Client> {
  return new Promise((resolve, reject) => {
    let text = '';
    let error: string | null = null;
    let closed = false;
    const socket = connect(port, '127.0.0.1');
    clients.push(socket);
    socket.on('data', (c: Buffer) => (text += c.toString()));
    socket.on('close', () => (closed = true));
    socket.once('connect', () => resolve({ socket, text: () => text, error: () => error, closed: () => closed }));
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error = e.code ?? e.message;
      reject(new Error(error));
    });
  });
}

const start = async (): Promise<FaultProxy> => (proxy = await FaultProxy.start({ port: (echo.address() as AddressInfo).port }));

describe('fault proxy', () => {
  it('forwards both ways and counts connections', async () => {
    const p = await start();
    const c = await dial(p.port);
    c.socket.write('hello');
    await eventually(() => c.text() === 'hello', 2_000, 'the echo');
    expect(p.stats()).toMatchObject({ accepted: 1, open: 1 });
    c.socket.end();
    await eventually(() => p.stats().open === 0, 2_000, 'the connection forgotten');
  });

  it('delay(ms) holds every chunk back and keeps the order when the delay shrinks', async () => {
    const p = await start();
    const c = await dial(p.port);
    p.delay(300);
    const t0 = Date.now();
    c.socket.write('a');
    await eventually(() => p.stats().held === 1, 2_000, "'a' held back");
    p.delay(0);
    c.socket.write('b');
    await eventually(() => c.text().length === 2, 3_000, 'both echoes');
    // Each way is delayed: 'a' went 300 ms up; 'b' was queued behind it.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(c.text()).toBe('ab');
    expect(p.stats().held).toBe(0);
  });

  it('cut() closes open connections and refuses new ones until heal()', async () => {
    const p = await start();
    const c = await dial(p.port);
    c.socket.write('up');
    await eventually(() => c.text() === 'up', 2_000, 'the echo');
    const before = upstreams.length;
    p.cut();
    await eventually(() => c.closed(), 2_000, 'the open connection closed');
    await expect(dial(p.port)).rejects.toThrow('ECONNREFUSED');
    expect(upstreams.length).toBe(before);
    await p.heal();
    const again = await dial(p.port);
    again.socket.write('back');
    await eventually(() => again.text() === 'back', 2_000, 'the echo after heal');
  });

  it('blackhole() accepts and reads but never answers nor forwards; heal() resets the damaged streams', async () => {
    const p = await start();
    const old = await dial(p.port);
    old.socket.write('up');
    await eventually(() => old.text() === 'up', 2_000, 'the echo');
    await p.blackhole();
    const fresh = await dial(p.port);
    const upstreamsBefore = upstreams.length;
    old.socket.write('lost');
    fresh.socket.write('lost too');
    // Nothing comes back while the hole is open: wait for the upstream to have had every chance to answer.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(old.text()).toBe('up');
    expect(fresh.text()).toBe('');
    expect(upstreams.length).toBe(upstreamsBefore);
    expect(upstreams.at(-1)!.received).toBe('up');
    await p.heal();
    await eventually(() => old.closed() && fresh.closed(), 2_000, 'the black-holed streams ended');
    expect(old.error()).toBe('ECONNRESET');
    const ok = await dial(p.port);
    ok.socket.write('through');
    await eventually(() => ok.text() === 'through', 2_000, 'the echo after heal');
  });

  it('reset() ends open connections with RST on both sides and keeps accepting', async () => {
    const p = await start();
    const c = await dial(p.port);
    c.socket.write('x');
    await eventually(() => c.text() === 'x', 2_000, 'the echo');
    const upstream = upstreams.at(-1)!;
    p.reset();
    await eventually(() => c.closed() && upstream.closed, 2_000, 'both sides closed');
    expect(c.error()).toBe('ECONNRESET');
    expect(upstream.error).toBe('ECONNRESET');
    expect(p.stats().killed).toBe(1);
    const next = await dial(p.port);
    next.socket.write('y');
    await eventually(() => next.text() === 'y', 2_000, 'the echo after reset');
  });
});
