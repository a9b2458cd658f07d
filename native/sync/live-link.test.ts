import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { HubLiveMessage } from './hub-protocol.js';
import { LiveLink, type LiveLinkHandlers } from './live-link.js';

// A real WebSocket server standing in for the hub's live endpoint; each test decides how it behaves.
let wss: WebSocketServer | null = null;
let link: LiveLink | null = null;

async function hubStandIn(onConnection: (socket: WebSocket) => void): Promise<string> {
  wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  wss.on('connection', onConnection);
  await new Promise<void>((resolve) => wss!.once('listening', resolve));
  return `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/api/v1/live`;
}

function answerPings(socket: WebSocket): void {
  socket.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as { type: string; nonce: string };
    if (msg.type === 'ping') socket.send(JSON.stringify({ type: 'pong', nonce: msg.nonce, serverTime: Date.now() }));
  });
}

/** Handlers that record calls and let a test wait for the nth of each kind. */
function recorder() {
  const log: { opens: number; closes: string[]; messages: HubLiveMessage[]; rtts: number[] } = { opens: 0, closes: [], messages: [], rtts: [] };
  const waiters: (() => void)[] = [];
  const changed = () => waiters.splice(0).forEach((w) => w());
  const handlers: LiveLinkHandlers = {
    onOpen: () => { log.opens++; changed(); },
    onClose: (r) => { log.closes.push(r); changed(); },
    onMessage: (m) => { log.messages.push(m); changed(); },
    onPong: (ms) => { log.rtts.push(ms); changed(); },
  };
  const until = async (cond: () => boolean, what: string, timeoutMs = 5_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!cond()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(log)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 20).unref(); // conditions outside the link (server state) are polled
      });
    }
  };
  return { log, handlers, until };
}

afterEach(async () => {
  await link?.stop();
  link = null;
  for (const c of wss?.clients ?? []) c.terminate();
  await new Promise<void>((resolve) => (wss ? wss.close(() => resolve()) : resolve()));
  wss = null;
});

describe('LiveLink', () => {
  it('measures the round trip and passes on valid messages only', async () => {
    const url = await hubStandIn((socket) => {
      answerPings(socket);
      socket.send('not json');
      socket.send(JSON.stringify({ type: 'positions', t: 1, items: [{ id: 'w1', position: [500, 0], heading: 0, fixAt: 1 }] }));
      socket.send(JSON.stringify({ type: 'changed', collection: 'events', seq: 42 }));
    });
    const r = recorder();
    link = new LiveLink(url, r.handlers, { pingIntervalMs: 100 });
    link.start();
    await r.until(() => r.log.messages.length >= 1 && r.log.rtts.length >= 1, 'a message and a pong');
    expect(r.log.messages).toEqual([{ type: 'changed', collection: 'events', seq: 42 }]);
    expect(link.state.invalidMessages).toBe(2);
    expect(link.state.open).toBe(true);
    expect(link.state.rttMs).toBeGreaterThanOrEqual(0);
    expect(link.state.rttMs).toBeLessThan(1_000);
  });

  it('reconnects after the hub drops it, and stops for good when told', async () => {
    let connections = 0;
    const url = await hubStandIn((socket) => {
      connections++;
      answerPings(socket);
      if (connections === 1) setImmediate(() => socket.terminate());
    });
    const r = recorder();
    link = new LiveLink(url, r.handlers, { pingIntervalMs: 1_000, backoff: { baseMs: 20, maxMs: 50 } });
    link.start();
    await r.until(() => r.log.opens >= 2, 'a second open');
    expect(r.log.closes[0]).toMatch(/live socket closed \(1006/);
    await link.stop();
    expect(link.state.open).toBe(false);
    expect(wss!.clients.size).toBeLessThanOrEqual(1);
    await r.until(() => wss!.clients.size === 0, 'the server to see the close');
  });

  it('replaces a socket whose hub stopped answering pings', async () => {
    const url = await hubStandIn(() => undefined); // accepts, never answers
    const r = recorder();
    link = new LiveLink(url, r.handlers, { pingIntervalMs: 40, deadAfterMs: 150, backoff: { baseMs: 20, maxMs: 40 } });
    link.start();
    await r.until(() => r.log.closes.length >= 1 && r.log.opens >= 2, 'a close for silence and a reconnect');
    expect(r.log.closes[0]).toMatch(/hub silent for \d+ s/);
  });

  it('keeps trying while the hub is down and says why', async () => {
    const url = await hubStandIn(answerPings);
    await new Promise<void>((resolve) => wss!.close(() => resolve()));
    wss = null;
    const r = recorder();
    link = new LiveLink(url, r.handlers, { backoff: { baseMs: 10, maxMs: 20 } });
    link.start();
    await r.until(() => r.log.closes.length >= 3, 'three failed attempts');
    expect(r.log.opens).toBe(0);
    expect(link.state.lastError).toBe('ECONNREFUSED');
  });
});
