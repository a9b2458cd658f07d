// A bare party on the hub's call socket for tests: typed requests whose answers are checked against the
// protocol, every notice kept, and raw frames (garbage, oversized) sent as they are.
import WebSocket from 'ws';
import {
  CALLS_PATH, CallServerFrame, callMethods, type CallErrorCode, type CallMethod, type CallNotice, type CallParams, type CallResult,
} from '../../native/calls/protocol.js';
import { within } from '../integration/wait.js';

export class CallRefused extends Error {
  constructor(readonly code: CallErrorCode, message: string) {
    super(`${code}: ${message}`);
  }
}

type Answer = { ok: true; result: unknown } | { ok: false; error: { code: CallErrorCode; message: string } };

/** How long a test waits for an answer or notice before it fails with what it waited for. */
const WAIT_MS = 15_000;

export class CallSocket {
  readonly notices: CallNotice[] = [];
  /** Error frames that answer no request (id null): what the hub says about unreadable frames. */
  readonly unanswered: { code: CallErrorCode; message: string }[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private nextId = 1;
  private readonly pending = new Map<number, (answer: Answer) => void>();
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    ws.on('message', (raw) => {
      const frame = CallServerFrame.parse(JSON.parse(String(raw)));
      if ('notice' in frame) this.notices.push(frame);
      else if (frame.id === null) {
        if (!frame.ok) this.unanswered.push(frame.error);
      } else {
        this.pending.get(frame.id)?.(frame);
        this.pending.delete(frame.id);
      }
      for (const wake of [...this.waiters]) wake();
    });
  }

  /** `autoPong: false` makes a peer that never answers pings: a phone whose network went. */
  static async open(hubUrl: string, options: { autoPong?: boolean } = {}): Promise<CallSocket> {
    const ws = new WebSocket(hubUrl.replace(/^http/, 'ws') + CALLS_PATH, { autoPong: options.autoPong ?? true });
    await within(new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    }), WAIT_MS, 'the call socket to open');
    return new CallSocket(ws);
  }

  /** Sends a request; resolves with its result (checked against the method's schema) or rejects with CallRefused. */
  async request<M extends CallMethod>(method: M, params: CallParams<M>): Promise<CallResult<M>> {
    const answer = await this.send(JSON.stringify({ id: this.nextId, method, params }), `${method}`);
    if (!answer.ok) throw new CallRefused(answer.error.code, answer.error.message);
    return callMethods[method].result.parse(answer.result) as CallResult<M>;
  }

  /** The error a request is answered with; fails the test when it is accepted. */
  async refusal(method: string, params: unknown): Promise<{ code: CallErrorCode; message: string }> {
    const answer = await this.send(JSON.stringify({ id: this.nextId, method, params }), method);
    if (answer.ok) throw new Error(`${method} was accepted: ${JSON.stringify(answer.result).slice(0, 200)}`);
    return answer.error;
  }

  /** Sends a frame as it is and resolves with the answer to request `id`. */
  sendRawFor(id: number, data: string): Promise<Answer> {
    return this.sendWithId(id, data, `the answer to raw frame ${id}`);
  }

  /** Sends anything; the hub's complaint (an error with id null) is awaited with nextUnanswered. */
  sendRaw(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary });
  }

  /** Resolves once an error frame with id null has come after the `seen` first ones. */
  nextUnanswered(seen: number): Promise<{ code: CallErrorCode; message: string }> {
    return this.until(() => this.unanswered[seen], 'an error frame for an unreadable frame');
  }

  /** Resolves with the first notice (from index `from`) that satisfies `accept`. */
  notice<N extends CallNotice>(accept: (n: CallNotice) => n is N, what: string, from?: number): Promise<N>;
  notice(accept: (n: CallNotice) => boolean, what: string, from?: number): Promise<CallNotice>;
  notice(accept: (n: CallNotice) => boolean, what: string, from = 0): Promise<CallNotice> {
    return this.until(() => this.notices.slice(from).find(accept), what);
  }

  close(): Promise<{ code: number; reason: string }> {
    this.ws.close();
    return this.closed;
  }

  /** Drops the TCP connection without a close handshake: a phone losing its network. */
  cut(): void {
    this.ws.terminate();
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  private send(data: string, what: string): Promise<Answer> {
    return this.sendWithId(this.nextId++, data, `the answer to ${what}`);
  }

  private sendWithId(id: number, data: string, what: string): Promise<Answer> {
    const answer = new Promise<Answer>((resolve) => this.pending.set(id, resolve));
    this.ws.send(data);
    return within(answer, WAIT_MS, what);
  }

  private until<T>(find: () => T | undefined, what: string): Promise<T> {
    const found = find();
    if (found !== undefined) return Promise.resolve(found);
    let wake = (): void => undefined;
    const waiting = new Promise<T>((resolve) => {
      wake = () => {
        const value = find();
        if (value === undefined) return;
        this.waiters.delete(wake);
        resolve(value);
      };
      this.waiters.add(wake);
    });
    return within(waiting, WAIT_MS, what).finally(() => this.waiters.delete(wake));
  }
}
