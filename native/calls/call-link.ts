// The station's call socket to the hub (`/api/v1/calls`): one per seat, greeted as the seat's identity,
// re-greeted when the identity changes, reconnected with backoff whenever it drops. Calls live here rather
// than in a renderer so that one survives a renderer reload.
import WebSocket from 'ws';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from '../sync/backoff.js';
import { CallClient, CallClientError, type CallSocket } from './call-client.js';
import { CALLS_PATH, type CallInfo, type CallMethod, type CallNotice, type CallParams, type CallResult, type Hello } from './protocol.js';

export type SeatHello = Extract<Hello, { as: 'seat' }>;

export interface CallLinkStatus {
  /** Greeted by the hub: requests can be made. */
  available: boolean;
  /** Why not, bilingual; null when available. */
  reason: string | null;
}

export interface CallLinkOptions {
  hubUrl: string;
  /** Who this seat is now; asked at every (re)connect. */
  hello(): SeatHello;
  /** The hub greeted this seat: its key and the calls it is in or rung by (to resume after a reconnect). */
  onGreeted(key: string, calls: CallInfo[]): void;
  onNotice(notice: CallNotice): void;
  /** Availability changed (greeted, lost, refused). */
  onStatus(status: CallLinkStatus): void;
  backoff?: BackoffOptions;
  random?: () => number;
  log?: (line: string) => void;
}

export const UNREACHABLE = '调度服务不可达 / dispatch service unreachable';

/** Thrown by request() while the seat is not greeted: the caller answers hub_unreachable. */
export class CallLinkDown extends Error {
  override readonly name = 'CallLinkDown';
}

export function callsUrl(hubUrl: string): string {
  return `${hubUrl.replace(/\/+$/, '').replace(/^http/, 'ws')}${CALLS_PATH}`;
}

export class CallLink {
  private client: CallClient | null = null;
  private greeted = false;
  private lastHello: string | null = null;
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private current: CallLinkStatus = { available: false, reason: `${UNREACHABLE}: 尚未连接 / not connected yet` };

  constructor(private readonly o: CallLinkOptions) {}

  status(): CallLinkStatus {
    return this.current;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const client = this.client;
    this.client = null;
    if (client && !client.closed) {
      await new Promise<void>((resolve) => {
        client.onClose(() => resolve());
        client.close();
      });
    }
  }

  /** The seat's identity may have changed: a different greeting means a fresh socket (the hub keys calls by it). */
  identityChanged(): void {
    if (this.stopped || JSON.stringify(this.o.hello()) === this.lastHello) return;
    this.o.log?.('call link: seat identity changed, greeting the hub again');
    this.attempt = 0;
    this.client?.close();
  }

  request<M extends CallMethod>(method: M, params: CallParams<M>): Promise<CallResult<M>> {
    if (!this.client || !this.greeted) return Promise.reject(new CallLinkDown(this.current.reason ?? UNREACHABLE));
    return this.client.request(method, params);
  }

  private setStatus(next: CallLinkStatus): void {
    if (next.available === this.current.available && next.reason === this.current.reason) return;
    this.current = next;
    this.o.onStatus(next);
  }

  private connect(): void {
    const socket = new WebSocket(callsUrl(this.o.hubUrl), { handshakeTimeout: 10_000, maxPayload: 1024 * 1024 });
    let lastError: string | null = null;
    let refusal: string | null = null;
    socket.on('error', (err: Error & { code?: string }) => {
      lastError = err.code ?? err.message;
    });
    const client = new CallClient(socket as unknown as CallSocket);
    this.client = client;
    this.greeted = false;
    client.onNotice((notice) => {
      if (client === this.client) this.o.onNotice(notice);
    });
    client.onClose(({ code, reason }) => {
      if (client !== this.client) return;
      this.client = null;
      this.greeted = false;
      const why = lastError ?? `${code}${reason ? ` ${reason}` : ''}`;
      this.setStatus({ available: false, reason: refusal ?? `${UNREACHABLE} (${why})` });
      if (!this.stopped) this.scheduleReconnect(why);
    });
    const hello = this.o.hello();
    this.lastHello = JSON.stringify(hello);
    client.request('hello', hello).then((answer) => {
      if (client !== this.client) return;
      this.attempt = 0;
      this.greeted = true;
      this.setStatus({ available: true, reason: null });
      this.o.onGreeted(answer.key, answer.calls);
    }, (err: unknown) => {
      if (client !== this.client) return;
      // Closed: the close handler reports it. Refused (bad identity): say why, and try again later.
      if (err instanceof CallClientError && err.code !== 'closed') {
        lastError = `${err.code}: ${err.message}`;
        refusal = `调度服务拒绝了本席位 / the dispatch service refused this seat: ${err.message}`;
        client.close();
      }
    });
  }

  private scheduleReconnect(why: string): void {
    const delay = backoffDelay(this.attempt++, this.o.backoff ?? DEFAULT_BACKOFF, this.o.random);
    this.o.log?.(`call link: reconnecting in ${delay} ms (${why})`);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.stopped) this.connect();
    }, delay);
  }
}
