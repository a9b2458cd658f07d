// The browser seat as a user starts it (node + tsx, embedded demo hub), probed over real HTTP and
// WebSocket: health, the token, bad input, and a clean exit on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ServerFrame } from '../../native/api/contract.js';
import { Healthz } from '../../native/seat/healthz.js';
import { tempDir } from '../../native/store/test-fixtures.js';
import { eventually, within } from './wait.js';

const ROOT = join(import.meta.dirname, '..', '..');
let seat: ChildProcess;
let tmp: ReturnType<typeof tempDir>;
let base: string;
let token: string;
let output = '';

/** A WebSocket client that keeps every frame it gets and lets the test wait for one. */
class Client {
  readonly frames: ServerFrame[] = [];
  readonly socket: WebSocket;
  closed: { code: number; reason: string } | null = null;
  private waiters: (() => void)[] = [];

  constructor(url: string) {
    this.socket = new WebSocket(url);
    this.socket.on('message', (data) => {
      this.frames.push(ServerFrame.parse(JSON.parse(data.toString())));
      this.wake();
    });
    this.socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
  }

  send(raw: string | object): void {
    this.socket.send(typeof raw === 'string' ? raw : JSON.stringify(raw));
  }

  async until<T>(pick: () => T | null | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = pick();
      if (value !== undefined && value !== null && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; frames: ${JSON.stringify(this.frames).slice(0, 500)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200).unref();
      });
    }
  }

  response(id: number | null): Promise<ServerFrame> {
    return this.until(() => this.frames.find((f) => f.kind === 'res' && f.id === id), `response ${id}`);
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}

async function health(): Promise<Healthz> {
  const res = await fetch(`${base}/healthz`);
  expect(res.status).toBe(200);
  return Healthz.parse(await res.json());
}

beforeAll(async () => {
  tmp = tempDir('watchfloor-seat-');
  seat = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'native/seat/main.ts'), '--port', '0', '--data', tmp.dir], {
    cwd: ROOT,
    env: { ...process.env, WATCHFLOOR_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  seat.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  seat.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const line = await eventually(() => /Watchfloor seat: (http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)/.exec(output), 45_000, 'the seat URL line');
  base = line[1]!;
  token = decodeURIComponent(line[2]!);
});

afterAll(async () => {
  if (seat && seat.exitCode === null) {
    seat.kill('SIGKILL');
  }
  tmp?.remove();
});

describe('browser seat', () => {
  it('prints a URL with a generated token', () => {
    expect(token.length).toBeGreaterThanOrEqual(20);
  });

  it('reports health with the counts of its own cache once synced', async () => {
    const first = await health();
    expect(first.status).toBe('ok');
    const synced = await eventually(async () => {
      const h = await health();
      return h.counts.grids > 1_000 && h.counts.buildings > 5_000 && h.counts.workers > 500 && h;
    }, 50_000, 'healthz to show the synced county', 250);
    expect(synced.counts.cameras).toBeGreaterThan(1_000);
    expect(['online', 'degraded', 'offline']).toContain(synced.link);
  });

  it('serves the Station API to a client with the token', async () => {
    const c = new Client(`${base.replace('http', 'ws')}/ws?token=${encodeURIComponent(token)}`);
    expect(await c.until(() => c.frames[0], 'hello')).toEqual({ kind: 'hello', contract: 1 });
    c.send({ kind: 'req', id: 1, method: 'grids.search', params: { query: '安宜' } });
    const res = await c.response(1);
    expect(res).toMatchObject({ ok: true });
    expect((res as { result: { name: string }[] }).result.some((g) => g.name.includes('安宜'))).toBe(true);
    c.send({ kind: 'sub', topic: 'link' });
    expect(await c.until(() => c.frames.find((f) => f.kind === 'evt' && f.topic === 'link'), 'the current link')).toBeTruthy();
    c.socket.close();
  });

  it.each([
    ['a wrong token', 'wrong'],
    ['no token', null],
  ])('refuses %s with an error frame and close code 4401', async (_name, given) => {
    const c = new Client(`${base.replace('http', 'ws')}/ws${given === null ? '' : `?token=${given}`}`);
    await c.until(() => c.closed, 'the close');
    expect(c.closed!.code).toBe(4401);
    expect(c.frames).toEqual([{ kind: 'res', id: null, ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/token/) } }]);
  });

  it('answers malformed input with clear errors and stays up', async () => {
    const c = new Client(`${base.replace('http', 'ws')}/ws?token=${encodeURIComponent(token)}`);
    await c.until(() => c.frames[0], 'hello');
    c.send('{"kind": "req", "id": 1,');
    expect(await c.response(null)).toMatchObject({ ok: false, error: { code: 'bad_frame', message: 'message is not valid JSON' } });
    c.send({ kind: 'req', id: 2, method: 'station.shutdown', params: {} });
    expect(await c.response(2)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    c.send({ kind: 'req', id: 3, method: 'grids.detail', params: { code: 'x' } });
    expect(await c.response(3)).toMatchObject({ ok: false, error: { code: 'bad_params' } });
    c.send({ kind: 'req', id: 4, method: 'station.status', params: {} });
    expect(await c.response(4)).toMatchObject({ ok: true });
    expect(c.closed).toBeNull();
    expect((await health()).status).toBe('ok');
    c.socket.close();
  });

  it('falls back to the app page for client routes or says it is not built', async () => {
    const res = await fetch(`${base}/wall/1`);
    expect([200, 503]).toContain(res.status);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('exits cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => seat.once('exit', (code) => resolve(code)));
    seat.kill('SIGTERM');
    expect(await within(exited, 15_000, 'the seat to exit')).toBe(0);
    expect(output).toMatch(/SIGTERM: shutting down/);
  });
});
