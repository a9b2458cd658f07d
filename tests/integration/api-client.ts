// A Station API client over the seat's real WebSocket for integration tests: requests by id, every
// event frame kept, bounded waits on what arrives.
import WebSocket from 'ws';
import { ServerFrame, type MethodName, type Params, type Result, type TopicData, type TopicName } from '../../native/api/contract.js';

export class ApiError extends Error {
  constructor(readonly code: string, message: string) {
    super(`${code}: ${message}`);
  }
}

export class SeatClient {
  readonly frames: ServerFrame[] = [];
  private readonly socket: WebSocket;
  private nextId = 1;
  private waiters: (() => void)[] = [];

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data) => {
      this.frames.push(ServerFrame.parse(JSON.parse(data.toString())));
      for (const w of this.waiters.splice(0)) w();
    });
  }

  static async open(seatUrl: string, token: string): Promise<SeatClient> {
    const socket = new WebSocket(`${seatUrl.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(token)}`);
    const client = new SeatClient(socket);
    await client.until(() => client.frames.find((f) => f.kind === 'hello'), 'hello');
    return client;
  }

  /** Sends a request; resolves with its result or rejects with the station's error code and message. */
  async call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ kind: 'req', id, method, params }));
    const res = await this.until(() => this.frames.find((f) => f.kind === 'res' && f.id === id), `response to ${method}`);
    if (res.kind !== 'res') throw new Error('unreachable');
    if (!res.ok) throw new ApiError(res.error.code, res.error.message);
    return res.result as Result<M>;
  }

  subscribe(topic: TopicName): void {
    this.socket.send(JSON.stringify({ kind: 'sub', topic }));
  }

  /** The first event on the topic (already received or still to come) that satisfies accept. */
  event<T extends TopicName>(topic: T, accept: (d: TopicData<T>) => boolean, what: string, timeoutMs = 20_000): Promise<TopicData<T>> {
    return this.until(() => {
      const f = this.frames.find((x) => x.kind === 'evt' && x.topic === topic && accept(x.data as TopicData<T>));
      return f && f.kind === 'evt' ? (f.data as TopicData<T>) : null;
    }, what, timeoutMs);
  }

  async until<T>(pick: () => T | null | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = pick();
      if (value !== undefined && value !== null && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 250).unref();
      });
    }
  }

  close(): void {
    this.socket.close();
  }
}
