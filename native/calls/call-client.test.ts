import { createServer, type Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { listen } from '../net/listen.js';
import { CallClient, CallClientError, type CallSocket } from './call-client.js';
import type { CallInfo, CallNotice } from './protocol.js';

// A real `ws` server whose answers each test scripts: `script` gets every request frame and the socket.
type Script = (frame: { id: number; method: string; params: unknown }, socket: WebSocket) => void;

let http: Server;
let wss: WebSocketServer;
let url: string;
let script: Script = () => undefined;
const received: { id: number; method: string; params: unknown }[] = [];
const clients: CallClient[] = [];

const call: CallInfo = {
  id: 'c1', eventId: null, title: '现场核实', initiator: 'seat:s1', createdAt: 1, answeredAt: null, endedAt: null, outcome: null,
  participants: [{
    key: 'worker:w1', kind: 'worker', name: '张伟', role: 'grid_worker', departmentCode: null, state: 'ringing',
    reason: null, joinedAt: null, leftAt: null, producers: [],
  }],
};

beforeAll(async () => {
  http = createServer();
  wss = new WebSocketServer({ server: http });
  wss.on('connection', (socket) => {
    socket.on('message', (data: RawData) => {
      const frame = JSON.parse(data.toString()) as { id: number; method: string; params: unknown };
      received.push(frame);
      script(frame, socket);
    });
  });
  url = `ws://127.0.0.1:${await listen(http, 0, '127.0.0.1')}`;
});

afterEach(() => {
  for (const client of clients.splice(0)) client.close();
  received.length = 0;
  script = () => undefined;
});

afterAll(async () => {
  for (const socket of wss.clients) socket.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  await new Promise<void>((resolve) => http.close(() => resolve()));
});

/** A client on a fresh socket, made before the socket opens (as the station and field page do). */
function connect(timeoutMs?: number): CallClient {
  const socket: CallSocket = new WebSocket(url);
  const client = new CallClient(socket, { timeoutMs });
  clients.push(client);
  return client;
}

function nextNotice(client: CallClient): Promise<CallNotice> {
  return new Promise((resolve) => {
    const off = client.onNotice((notice) => { off(); resolve(notice); });
  });
}

function nextProblem(client: CallClient): Promise<string> {
  return new Promise((resolve) => {
    const off = client.onProblem((message) => { off(); resolve(message); });
  });
}

describe('CallClient', () => {
  it('sends requests made before the socket opened and resolves with the checked answer', async () => {
    script = ({ id }, socket) => socket.send(JSON.stringify({ id, ok: true, result: { key: 'worker:w1', name: '张伟', calls: [call] } }));
    const client = connect();
    const answer = await client.request('hello', { as: 'worker', workerId: 'w1', pin: '1234' });
    expect(answer).toEqual({ key: 'worker:w1', name: '张伟', calls: [call] });
    expect(received).toEqual([{ id: 1, method: 'hello', params: { as: 'worker', workerId: 'w1', pin: '1234' } }]);
    await client.request('hello', { as: 'worker', workerId: 'w1', pin: '1234' });
    expect(received[1]?.id).toBe(2);
  });

  it('matches answers to requests by id when they come back out of order', async () => {
    const held: { id: number; method: string }[] = [];
    script = (frame, socket) => {
      held.push(frame);
      if (held.length < 2) return;
      for (const { id, method } of held.reverse()) {
        socket.send(JSON.stringify({ id, ok: true, result: method === 'call.answer' ? call : {} }));
      }
    };
    const client = connect();
    const [answered, resumed] = await Promise.all([
      client.request('call.answer', { callId: 'c1' }),
      client.request('consumer.resume', { consumerId: 'k1' }),
    ]);
    expect(answered.id).toBe('c1');
    expect(resumed).toEqual({});
  });

  it('rejects with the hub\'s error code and message', async () => {
    script = ({ id }, socket) => socket.send(JSON.stringify({ id, ok: false, error: { code: 'forbidden', message: 'PIN 不正确 / wrong PIN' } }));
    const error = await connect().request('hello', { as: 'worker', workerId: 'w1', pin: '0000' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CallClientError);
    expect(error).toMatchObject({ code: 'forbidden', message: 'PIN 不正确 / wrong PIN' });
  });

  it('rejects an answer that fails the method\'s result schema', async () => {
    script = ({ id }, socket) => socket.send(JSON.stringify({ id, ok: true, result: { ...call, participants: 'nobody' } }));
    await expect(connect().request('call.answer', { callId: 'c1' })).rejects.toMatchObject({ code: 'bad_answer', message: /call\.answer: answer fails its schema/ });
  });

  it('settles a request whose answer frame is malformed instead of waiting for the timeout', async () => {
    script = ({ id }, socket) => socket.send(JSON.stringify({ id, ok: 'yes' }));
    const client = connect();
    const problem = nextProblem(client);
    await expect(client.request('call.leave', { callId: 'c1' })).rejects.toMatchObject({ code: 'bad_answer' });
    expect(await problem).toMatch(/fails the protocol/);
  });

  it('refuses bad params locally without sending anything', async () => {
    const client = connect();
    // A caller bypassing the types (as data from elsewhere might): the schema still stops it.
    const params = { callId: '' } as { callId: string };
    await expect(client.request('call.answer', params)).rejects.toMatchObject({ code: 'bad_params', message: /call\.answer: callId/ });
    script = ({ id }, socket) => socket.send(JSON.stringify({ id, ok: true, result: {} }));
    await client.request('transport.close', { transportId: 't1' });
    expect(received.map((f) => f.method)).toEqual(['transport.close']);
  });

  it('delivers valid notices and reports garbage without harming later requests', async () => {
    script = ({ id, method }, socket) => {
      if (method === 'call.decline') {
        socket.send('not json at all');
        socket.send(JSON.stringify({ notice: 'ring', call: { id: 'c2' } }));
        socket.send(JSON.stringify({ notice: 'ring', call }));
        socket.send(JSON.stringify({ id: 999, ok: true, result: {} }));
        socket.send(JSON.stringify({ id: null, ok: false, error: { code: 'bad_frame', message: 'frame too large' } }));
      }
      socket.send(JSON.stringify({ id, ok: true, result: call }));
    };
    const client = connect();
    const problems: string[] = [];
    client.onProblem((message) => problems.push(message));
    const notice = nextNotice(client);
    await client.request('call.decline', { callId: 'c1' });
    expect(await notice).toEqual({ notice: 'ring', call });
    expect(problems).toEqual([
      'frame is not JSON',
      expect.stringMatching(/^frame fails the protocol/),
      'answer to unknown request 999',
      'hub error: bad_frame frame too large',
    ]);
    expect((await client.request('call.leave', { callId: 'c1' })).id).toBe('c1');
  });

  it('stops delivering notices to a listener that unsubscribed', async () => {
    script = ({ id }, socket) => {
      socket.send(JSON.stringify({ notice: 'consumer.closed', consumerId: 'k1' }));
      socket.send(JSON.stringify({ id, ok: true, result: {} }));
    };
    const client = connect();
    const seen: CallNotice[] = [];
    const off = client.onNotice((n) => seen.push(n));
    await client.request('consumer.close', { consumerId: 'k1' });
    off();
    await client.request('consumer.close', { consumerId: 'k1' });
    expect(seen).toEqual([{ notice: 'consumer.closed', consumerId: 'k1' }]);
  });

  it('rejects pending requests when the hub closes the socket, and every request after', async () => {
    script = (_frame, socket) => socket.close(4000, 'replaced by a newer sign-in');
    const client = connect();
    const closed = new Promise<{ code: number; reason: string }>((resolve) => client.onClose(resolve));
    await expect(client.request('call.answer', { callId: 'c1' })).rejects.toMatchObject({ code: 'closed' });
    expect(await closed).toEqual({ code: 4000, reason: 'replaced by a newer sign-in' });
    expect(client.closed).toBe(true);
    await expect(client.request('call.answer', { callId: 'c1' })).rejects.toMatchObject({ code: 'closed' });
  });

  it('rejects pending requests when the client itself closes', async () => {
    const client = connect();
    const pending = client.request('call.answer', { callId: 'c1' });
    client.close();
    await expect(pending).rejects.toMatchObject({ code: 'closed', message: /link to the dispatch service closed/ });
  });

  it('gives up on a request the hub never answers', async () => {
    const client = connect(30);
    await expect(client.request('media.capabilities', { callId: 'c1' })).rejects.toMatchObject({ code: 'timeout', message: /media\.capabilities/ });
    expect(client.closed).toBe(false);
  });
});
