// The hub's call socket (`WS /api/v1/calls`): checks every frame against native/calls/protocol.ts, signs
// parties in (seats by their word, grid workers by id + PIN), and hands requests to the CallDesk (who is in
// which call) and the Sfu (media). A bad frame gets an error answer and harms nothing else.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { LonLat } from '../../native/api/model.js';
import {
  CLOSE_REPLACED, CallMethodName, CallRequestFrame, callMethods, participantKey, type CallInfo, type CallMethod, type CallNotice, type CallParams, type CallResult,
  type CallServerFrame,
} from '../../native/calls/protocol.js';
import { closeSockets } from '../close-sockets.js';
import { CallDesk, CallError, type Party } from './call-desk.js';
import { Sfu, type MediasoupApi, type SfuStats } from './sfu.js';

/** Answered with bad_frame above this; the socket stays open. */
export const MAX_CALL_FRAME = 64 * 1024;
/** Beyond this ws closes the socket (1009): bounds what one client can make the hub hold. */
const MAX_SOCKET_MESSAGE = 1024 * 1024;
/** Close code for a socket whose identity signed in again elsewhere. */

export interface CallServerOptions {
  now: () => number;
  ringMs: number;
  rtcIp: string;
  announcedIp: string | null;
  rtcMinPort?: number;
  rtcMaxPort?: number;
  iceGraceMs?: number;
  /** A peer that misses a ping for this long is cut (a phone that lost its network sends no FIN). Default 15 s. */
  keepAliveMs?: number;
  loadMediasoup?: () => Promise<MediasoupApi>;
  /** A grid worker's name, phone (the demo PIN is its last four digits) and grid, or null. */
  worker: (workerId: string) => { name: string; phone: string; grid: { code: string; name: string } | null } | null;
  departmentName: (code: string) => string | null;
  /** A worker's phone reported a fix: the live feed places the worker there. */
  place: (workerId: string, position: LonLat, at: number) => void;
  log: (line: string) => void;
}

interface Connection {
  ws: WebSocket;
  peer: string;
  party: Party | null;
  /** Answered the latest ping. */
  alive: boolean;
}

type Handler<M extends CallMethod> = (conn: Connection & { party: Party }, params: CallParams<M>) => Promise<CallResult<M>> | CallResult<M>;

export class CallServer {
  private readonly wss: WebSocketServer;
  private readonly desk: CallDesk;
  private readonly sfu: Sfu;
  private readonly sockets = new Map<string, Connection>();
  private ringTimer: NodeJS.Timeout | null = null;
  private readonly keepAliveTimer: NodeJS.Timeout;
  private readonly connections = new Set<Connection>();
  private nextClientId = 1;
  private readonly handlers: { [M in Exclude<CallMethod, 'hello'>]: Handler<M> };

  constructor(private readonly opts: CallServerOptions) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: MAX_SOCKET_MESSAGE });
    this.wss.on('connection', (ws, req) => this.onConnection(ws, req));
    this.keepAliveTimer = setInterval(() => this.keepAlive(), opts.keepAliveMs ?? 15_000);
    this.keepAliveTimer.unref();
    this.desk = new CallDesk({
      now: opts.now,
      newId: randomUUID,
      ringMs: opts.ringMs,
      workerName: (id) => opts.worker(id)?.name ?? null,
      departmentName: opts.departmentName,
      send: (key, notice) => this.notify(key, notice),
      left: (callId, key) => this.sfu.closeParty(callId, key),
      ended: (call) => {
        this.sfu.closeRoom(call.id);
        opts.log(`calls: call ${call.id} (${call.title || 'untitled'}) ended: ${call.outcome ?? '?'}`);
      },
    });
    this.sfu = new Sfu({
      rtcIp: opts.rtcIp,
      announcedIp: opts.announcedIp,
      ...(opts.rtcMinPort === undefined ? {} : { rtcMinPort: opts.rtcMinPort }),
      ...(opts.rtcMaxPort === undefined ? {} : { rtcMaxPort: opts.rtcMaxPort }),
      ...(opts.iceGraceMs === undefined ? {} : { iceGraceMs: opts.iceGraceMs }),
      ...(opts.loadMediasoup ? { load: opts.loadMediasoup } : {}),
      log: opts.log,
      allowed: (callId, owner) => this.desk.requireJoined(callId, owner),
      producersChanged: (callId, owner) => this.desk.setProducers(callId, owner, this.sfu.producersOf(callId, owner)),
      consumerClosed: (owner, consumerId) => this.notify(owner, { notice: 'consumer.closed', consumerId }),
      workerDied: (reason) => this.after(() => this.desk.failAll(reason)),
    });
    this.handlers = {
      'call.dial': async (conn, params) => {
        this.desk.checkDial(conn.party.key, params.targets);
        const callId = randomUUID();
        await this.sfu.openRoom(callId);
        try {
          return this.after(() => this.desk.dial(conn.party.key, callId, { targets: params.targets, eventId: params.eventId, title: params.title }));
        } catch (err) {
          this.sfu.closeRoom(callId);
          throw err;
        }
      },
      'call.invite': (conn, params) => this.after(() => this.desk.invite(conn.party.key, params.callId, params.targets)),
      'call.answer': (conn, params) => this.after(() => this.desk.answer(conn.party.key, params.callId)),
      'call.decline': (conn, params) => this.after(() => this.desk.decline(conn.party.key, params.callId)),
      'call.leave': (conn, params) => this.after(() => this.desk.leave(conn.party.key, params.callId)),
      'media.capabilities': (conn, params) => this.sfu.capabilities(params.callId, conn.party.key),
      'transport.create': (conn, params) => this.sfu.createTransport(params.callId, conn.party.key, params.direction),
      'transport.connect': async (conn, params) => {
        await this.sfu.connectTransport(conn.party.key, params.transportId, params.dtlsParameters);
        return {};
      },
      'transport.close': (conn, params) => {
        this.sfu.closeTransport(conn.party.key, params.transportId);
        return {};
      },
      produce: async (conn, params) => ({ producerId: await this.sfu.produce(conn.party.key, params.transportId, params.kind, params.rtpParameters) }),
      'producer.pause': async (conn, params) => {
        await this.sfu.pauseProducer(conn.party.key, params.producerId, true);
        return {};
      },
      'producer.resume': async (conn, params) => {
        await this.sfu.pauseProducer(conn.party.key, params.producerId, false);
        return {};
      },
      'producer.close': (conn, params) => {
        this.sfu.closeProducer(conn.party.key, params.producerId);
        return {};
      },
      consume: (conn, params) => this.sfu.consume(conn.party.key, params.transportId, params.producerId, params.rtpCapabilities),
      'consumer.resume': async (conn, params) => {
        await this.sfu.resumeConsumer(conn.party.key, params.consumerId);
        return {};
      },
      'consumer.layers': async (conn, params) => {
        await this.sfu.setLayers(conn.party.key, params.consumerId, params.spatialLayer);
        return {};
      },
      'consumer.close': (conn, params) => {
        this.sfu.closeConsumer(conn.party.key, params.consumerId);
        return {};
      },
      position: (conn, params) => {
        if (conn.party.kind !== 'worker') throw new CallError('forbidden', 'only a grid worker’s field page shares its position');
        this.opts.place(conn.party.key.slice('worker:'.length), params.position, this.opts.now());
        return {};
      },
    };
  }

  /** Takes over an HTTP upgrade on the calls path. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  stats(): SfuStats {
    return this.sfu.stats();
  }

  cpuMs(): Promise<number> {
    return this.sfu.cpuMs();
  }

  /** Calls in progress, for tests and benches. */
  live(): CallInfo[] {
    return this.desk.live();
  }

  async close(): Promise<void> {
    clearInterval(this.keepAliveTimer);
    if (this.ringTimer) clearTimeout(this.ringTimer);
    await closeSockets(this.wss);
    await this.sfu.close();
  }

  private hello(conn: Connection, params: CallParams<'hello'>): CallResult<'hello'> {
    let party: Party;
    let grid: { code: string; name: string } | null = null;
    if (params.as === 'seat') {
      // The demo hub trusts a seat's word about who sits there, like the rest of its API.
      party = { key: participantKey('seat', params.seatId), kind: 'seat', name: params.name, role: params.role, departmentCode: params.departmentCode };
    } else {
      const worker = this.opts.worker(params.workerId);
      if (!worker) throw new CallError('forbidden', `没有工号为 ${params.workerId} 的网格员 / no grid worker with id ${params.workerId}`);
      if (params.pin !== worker.phone.slice(-4)) throw new CallError('forbidden', 'PIN 不正确 / wrong PIN for this worker');
      party = { key: participantKey('worker', params.workerId), kind: 'worker', name: worker.name, role: 'grid_worker', departmentCode: null };
      grid = worker.grid;
    }
    // Signing in as someone else on the same socket: the previous identity leaves its calls.
    if (conn.party && conn.party.key !== party.key) this.after(() => this.signOut(conn));
    const previous = this.sockets.get(party.key);
    if (previous && previous !== conn) {
      // One socket per identity: the newer one wins; the older one's close must not end its calls.
      previous.party = null;
      previous.ws.close(CLOSE_REPLACED, 'signed in again on another connection');
    }
    conn.party = party;
    this.sockets.set(party.key, conn);
    this.opts.log(`calls: ${conn.peer} signed in as ${party.key} (${party.name})`);
    return { key: party.key, name: party.name, grid, calls: this.desk.connect(party) };
  }

  private signOut(conn: Connection): void {
    const party = conn.party;
    if (!party) return;
    conn.party = null;
    if (this.sockets.get(party.key) === conn) this.sockets.delete(party.key);
    this.desk.disconnect(party.key);
  }

  /** Runs a desk change, then sets the timer for the next ring to run out. */
  private after<T>(change: () => T): T {
    try {
      return change();
    } finally {
      this.scheduleRings();
    }
  }

  private scheduleRings(): void {
    if (this.ringTimer) clearTimeout(this.ringTimer);
    this.ringTimer = null;
    const next = this.desk.nextDeadline();
    if (next === null) return;
    this.ringTimer = setTimeout(() => this.after(() => this.desk.expire()), Math.max(0, next - this.opts.now()));
    this.ringTimer.unref();
  }

  private onConnection(ws: WebSocket, req: IncomingMessage): void {
    const conn: Connection = { ws, peer: `calls#${this.nextClientId++} ${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`, party: null, alive: true };
    this.connections.add(conn);
    ws.on('pong', () => (conn.alive = true));
    ws.on('error', (err) => this.opts.log(`${conn.peer}: socket error: ${err.message}`));
    ws.on('message', (raw, isBinary) => {
      this.onMessage(conn, raw, isBinary).catch((err: unknown) => {
        this.opts.log(`${conn.peer}: failed to answer: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      });
    });
    ws.on('close', () => {
      this.connections.delete(conn);
      this.after(() => this.signOut(conn));
    });
  }

  private keepAlive(): void {
    for (const conn of this.connections) {
      if (!conn.alive) {
        this.opts.log(`${conn.peer}: no answer to a ping; cutting it`);
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
    }
  }

  private async onMessage(conn: Connection, raw: RawData, isBinary: boolean): Promise<void> {
    const text = isBinary ? null : rawText(raw);
    if (text === null) return this.refuse(conn, null, 'bad_frame', 'binary frames are not part of the call protocol');
    if (Buffer.byteLength(text) > MAX_CALL_FRAME) return this.refuse(conn, null, 'bad_frame', `frames are at most ${MAX_CALL_FRAME} bytes`);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return this.refuse(conn, null, 'bad_frame', 'the frame is not JSON');
    }
    const frame = CallRequestFrame.safeParse(value);
    if (!frame.success) {
      const id = idOf(value);
      return this.refuse(conn, id, 'bad_frame', `not a request frame: ${issueText(frame.error.issues)}`);
    }
    const { id, method } = frame.data;
    const name = CallMethodName.safeParse(method);
    if (!name.success) return this.refuse(conn, id, 'unknown_method', `no method ${method.slice(0, 40)}`);
    const params = callMethods[name.data].params.safeParse(frame.data.params);
    if (!params.success) return this.refuse(conn, id, 'bad_params', `${name.data}: ${issueText(params.error.issues)}`);
    const party = conn.party;
    if (name.data !== 'hello' && !party) return this.refuse(conn, id, 'not_signed_in', 'the first request must be hello');
    try {
      let result: unknown;
      if (name.data === 'hello') result = this.hello(conn, params.data as CallParams<'hello'>);
      else {
        const handler = this.handlers[name.data] as Handler<Exclude<CallMethod, 'hello'>>;
        result = await handler({ ...conn, party: party! }, params.data as CallParams<Exclude<CallMethod, 'hello'>>);
      }
      this.send(conn.ws, { id, ok: true, result });
    } catch (err) {
      if (err instanceof CallError) return this.refuse(conn, id, err.code, err.message);
      this.opts.log(`${conn.peer}: ${name.data} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      this.refuse(conn, id, 'internal', `${name.data} failed on the hub; see its log`);
    }
  }

  private refuse(conn: Connection, id: number | null, code: CallError['code'], message: string): void {
    this.send(conn.ws, { id, ok: false, error: { code, message } });
  }

  private notify(key: string, notice: CallNotice): void {
    const conn = this.sockets.get(key);
    if (conn) this.send(conn.ws, notice);
  }

  private send(ws: WebSocket, frame: CallServerFrame): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
  }
}

function idOf(value: unknown): number | null {
  if (typeof value !== 'object' || value === null || !('id' in value)) return null;
  const id = value.id;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : null;
}

function issueText(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const issue = issues[0];
  return issue ? `${issue.path.map(String).join('.') || 'frame'}: ${issue.message}` : 'invalid';
}

function rawText(raw: RawData): string {
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  if (raw instanceof ArrayBuffer) return Buffer.from(raw).toString('utf8');
  return raw.toString('utf8');
}
