// The live WebSocket to the hub (`/api/v1/live`): validated messages in, pings out to measure the round
// trip, and reconnection with backoff and jitter whenever it drops or goes silent.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import { describeIssues } from '../api/issues.js';
import { HubLiveMessage, type StationLiveMessage } from './hub-protocol.js';

export interface LiveLinkOptions {
  pingIntervalMs?: number;
  /** With no pong for this long the socket is presumed dead and replaced. */
  deadAfterMs?: number;
  backoff?: BackoffOptions;
  random?: () => number;
  log?: (line: string) => void;
}

export interface LiveLinkHandlers {
  onOpen(): void;
  onClose(reason: string): void;
  onMessage(message: HubLiveMessage): void;
  onPong(rttMs: number): void;
}

export interface LiveLinkState {
  open: boolean;
  /** When the socket opened or the hub last answered a ping, whichever is later. */
  lastHeardAt: number;
  rttMs: number | null;
  /** Why the socket last closed or failed to open. */
  lastError: string | null;
  invalidMessages: number;
}

export class LiveLink {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private readonly pending = new Map<string, number>();
  private stopped = false;
  private readonly pingIntervalMs: number;
  private readonly deadAfterMs: number;
  readonly state: LiveLinkState = { open: false, lastHeardAt: 0, rttMs: null, lastError: null, invalidMessages: 0 };

  constructor(private readonly url: string, private readonly handlers: LiveLinkHandlers, private readonly options: LiveLinkOptions = {}) {
    this.pingIntervalMs = options.pingIntervalMs ?? 3_000;
    this.deadAfterMs = options.deadAfterMs ?? this.pingIntervalMs * 5;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  /** Closes the socket and stops reconnecting; resolves once the socket is gone. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.stopPinging();
    this.state.open = false;
    const socket = this.socket;
    this.socket = null;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.terminate();
    });
  }

  private connect(): void {
    const socket = new WebSocket(this.url, { handshakeTimeout: 10_000, maxPayload: 64 * 1024 * 1024 });
    this.socket = socket;
    socket.on('open', () => {
      if (socket !== this.socket) return;
      this.attempt = 0;
      this.state.open = true;
      this.state.lastHeardAt = Date.now();
      this.state.lastError = null;
      this.startPinging(socket);
      this.handlers.onOpen();
    });
    socket.on('message', (data, isBinary) => {
      if (socket !== this.socket) return;
      this.receive(isBinary ? null : data.toString());
    });
    socket.on('error', (err: Error & { code?: string }) => {
      this.state.lastError = err.code ?? err.message;
    });
    socket.on('close', (code, reason) => {
      const wasCurrent = socket === this.socket;
      const wasOpen = this.state.open && wasCurrent;
      if (wasCurrent) {
        this.socket = null;
        this.state.open = false;
        this.stopPinging();
        if (wasOpen || !this.state.lastError) {
          this.state.lastError = `live socket closed (${code}${reason.length ? ` ${reason.toString()}` : ''})`;
        }
        this.handlers.onClose(this.state.lastError);
      }
      if (wasCurrent && !this.stopped) this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    const delay = backoffDelay(this.attempt++, this.options.backoff ?? DEFAULT_BACKOFF, this.options.random);
    this.options.log?.(`live link: reconnecting in ${delay} ms (${this.state.lastError ?? 'closed'})`);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.stopped) this.connect();
    }, delay);
  }

  private receive(text: string | null): void {
    let parsed: ReturnType<typeof HubLiveMessage.safeParse> | null = null;
    let problem: string;
    try {
      parsed = text === null ? null : HubLiveMessage.safeParse(JSON.parse(text));
      problem = parsed === null ? 'binary frame' : parsed.success ? '' : describeIssues(parsed.error);
    } catch {
      problem = 'invalid JSON';
    }
    if (!parsed?.success) {
      // A bad message is dropped, never applied; the next good one carries on.
      this.state.invalidMessages++;
      this.options.log?.(`live link: dropped a message that breaks the protocol: ${problem}`);
      return;
    }
    const message = parsed.data;
    if (message.type === 'pong') {
      const sentAt = this.pending.get(message.nonce);
      if (sentAt === undefined) return;
      this.pending.delete(message.nonce);
      const now = Date.now();
      this.state.rttMs = now - sentAt;
      this.state.lastHeardAt = now;
      this.handlers.onPong(this.state.rttMs);
      return;
    }
    this.handlers.onMessage(message);
  }

  private startPinging(socket: WebSocket): void {
    this.stopPinging();
    const ping = (): void => {
      if (Date.now() - this.state.lastHeardAt > this.deadAfterMs) {
        this.state.lastError = `hub silent for ${Math.round((Date.now() - this.state.lastHeardAt) / 1000)} s`;
        this.state.open = false;
        socket.terminate();
        return;
      }
      const nonce = randomUUID();
      // Old pings that never came back are forgotten; a late pong for one of them is ignored.
      if (this.pending.size > 16) this.pending.clear();
      this.pending.set(nonce, Date.now());
      const msg: StationLiveMessage = { type: 'ping', nonce };
      socket.send(JSON.stringify(msg));
    };
    ping();
    this.pingTimer = setInterval(ping, this.pingIntervalMs);
    this.pingTimer.unref();
  }

  private stopPinging(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
    this.pending.clear();
  }
}
