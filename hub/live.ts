// The hub's live socket (`WS /api/v1/live`): hello on connect, every worker's fix every few seconds,
// `changed` when rows are written, pong for ping. A client that sends garbage is ignored, never fatal.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { closeSockets } from './close-sockets.js';
import { StationLiveMessage, type HubLiveMessage, type PositionFix, type SyncCollection } from '../native/sync/hub-protocol.js';

export const LIVE_PATH = '/api/v1/live';

/**
 * Station messages are tiny. Bigger garbage up to this size is ignored like any other; beyond it ws closes
 * the socket (1009), which bounds the memory one client can make the hub hold.
 */
const MAX_CLIENT_MESSAGE = 1024 * 1024;
/** A client this far behind skips position updates (the next one supersedes them anyway). */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** Complaints logged per connection before going quiet about it. */
const LOGGED_COMPLAINTS = 5;

export interface LiveOptions {
  now: () => number;
  /** The newest change number, for hello. */
  seq: () => number;
  positions: () => PositionFix[];
  positionIntervalMs: number;
  /** Transport keep-alive: a peer that misses a ping for this long is dropped. */
  keepAliveMs?: number;
  log: (line: string) => void;
}

export class LiveChannel {
  private readonly wss: WebSocketServer;
  private readonly alive = new WeakMap<WebSocket, boolean>();
  private readonly timers: NodeJS.Timeout[] = [];
  private nextClientId = 1;

  constructor(private readonly opts: LiveOptions) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE });
    this.wss.on('connection', (ws, req) => this.onConnection(ws, req));
    this.timers.push(setInterval(() => this.sendPositions(), opts.positionIntervalMs));
    this.timers.push(setInterval(() => this.keepAlive(), opts.keepAliveMs ?? 30_000));
    for (const t of this.timers) t.unref();
  }

  get clientCount(): number {
    return this.wss.clients.size;
  }

  /** Takes over an HTTP upgrade on the live path. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  changed(collection: SyncCollection, seq: number): void {
    this.broadcast(JSON.stringify({ type: 'changed', collection, seq } satisfies HubLiveMessage));
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    await closeSockets(this.wss);
  }

  private onConnection(ws: WebSocket, req: IncomingMessage): void {
    const id = this.nextClientId++;
    const peer = `live#${id} ${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`;
    let complaints = 0;
    const complain = (why: string) => {
      complaints++;
      if (complaints <= LOGGED_COMPLAINTS) this.opts.log(`${peer}: ignored a message: ${why}`);
      if (complaints === LOGGED_COMPLAINTS) this.opts.log(`${peer}: further bad messages are ignored silently`);
    };
    this.alive.set(ws, true);
    ws.on('pong', () => this.alive.set(ws, true));
    ws.on('error', (err) => this.opts.log(`${peer}: socket error: ${err.message}`));
    ws.on('message', (raw, isBinary) => this.onMessage(ws, raw, isBinary, complain));
    this.send(ws, { type: 'hello', serverTime: this.opts.now(), seq: this.opts.seq() });
    // The first positions at once, so a station never shows stale workers for a whole interval.
    this.sendRaw(ws, this.positionsMessage());
  }

  private onMessage(ws: WebSocket, raw: RawData, isBinary: boolean, complain: (why: string) => void): void {
    if (isBinary) return complain('binary frame');
    let value: unknown;
    try {
      value = JSON.parse(rawText(raw));
    } catch {
      return complain('not JSON');
    }
    const msg = StationLiveMessage.safeParse(value);
    if (!msg.success) {
      const issue = msg.error.issues[0];
      return complain(`not a station message (${issue ? `${issue.path.join('.') || 'message'}: ${issue.message}` : 'invalid'})`);
    }
    if (msg.data.type === 'ping') this.send(ws, { type: 'pong', nonce: msg.data.nonce, serverTime: this.opts.now() });
  }

  private positionsMessage(): string {
    return JSON.stringify({ type: 'positions', t: this.opts.now(), items: this.opts.positions() } satisfies HubLiveMessage);
  }

  private sendPositions(): void {
    if (this.wss.clients.size === 0) return;
    const text = this.positionsMessage();
    for (const ws of this.wss.clients) {
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) continue;
      this.sendRaw(ws, text);
    }
  }

  private keepAlive(): void {
    for (const ws of this.wss.clients) {
      if (this.alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      this.alive.set(ws, false);
      ws.ping();
    }
  }

  private broadcast(text: string): void {
    for (const ws of this.wss.clients) this.sendRaw(ws, text);
  }

  private send(ws: WebSocket, msg: HubLiveMessage): void {
    this.sendRaw(ws, JSON.stringify(msg));
  }

  private sendRaw(ws: WebSocket, text: string): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(text);
  }
}

function rawText(raw: RawData): string {
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  if (raw instanceof ArrayBuffer) return Buffer.from(raw).toString('utf8');
  return raw.toString('utf8');
}
