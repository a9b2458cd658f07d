// The hub's SFU for dispatch calls: one mediasoup worker (started on the first call, started again after
// it dies), one router per call, and who owns which transport, producer and consumer. mediasoup is loaded
// on demand, so a hub installed without it (`npm run sfu:setup` not run) still starts and answers
// sfu_unavailable to calls.
import type { types } from 'mediasoup';
import type { ConsumerInfo, DtlsParameters, MediaKind, RtpCapabilities, RtpParameters, TransportInfo } from '../../native/calls/protocol.js';
import { CallError } from './call-desk.js';

/** The part of mediasoup the SFU uses: a seam so tests can make loading fail. */
export interface MediasoupApi {
  createWorker: (typeof import('mediasoup'))['createWorker'];
}

export interface SfuOptions {
  /** Where transports listen: the hub's own address by default. */
  rtcIp: string;
  /** The address peers are told to send to, when it differs from rtcIp (a LAN or NAT deployment). */
  announcedIp: string | null;
  rtcMinPort?: number;
  rtcMaxPort?: number;
  /** A transport whose ICE stays disconnected this long is closed (a reloaded or vanished renderer). */
  iceGraceMs?: number;
  load?: () => Promise<MediasoupApi>;
  log: (line: string) => void;
  /** Throws a CallError unless `owner` is joined in the call: media requests need that. */
  allowed: (callId: string, owner: string) => void;
  /** Producers of `owner` closed (by request, with their transport, or when it failed or went quiet). */
  producersChanged: (callId: string, owner: string) => void;
  /** A consumer of `owner` closed because the producer it received went away. */
  consumerClosed: (owner: string, consumerId: string) => void;
  /** The worker died: every room with it. */
  workerDied: (reason: string) => void;
}

export interface SfuStats {
  workerPid: number | null;
  routers: number;
  transports: number;
  producers: number;
  consumers: number;
}

/** opus for voice; VP8 for video, H264 (constrained baseline, the one every phone encodes in hardware) second. */
const MEDIA_CODECS: types.RtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { 'x-google-start-bitrate': 1000 } },
  {
    kind: 'video', mimeType: 'video/H264', clockRate: 90000,
    parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1, 'x-google-start-bitrate': 1000 },
  },
];

const DEFAULT_ICE_GRACE_MS = 5000;
const WORKER_EXIT_GRACE_MS = 3000;

interface TransportEntry {
  transport: types.WebRtcTransport;
  callId: string;
  owner: string;
  direction: 'send' | 'recv';
  iceTimer: NodeJS.Timeout | null;
}
interface ProducerEntry { producer: types.Producer; callId: string; owner: string }
interface ConsumerEntry { consumer: types.Consumer; callId: string; owner: string }

export class Sfu {
  private worker: types.Worker | null = null;
  private starting: Promise<types.Worker> | null = null;
  private readonly routers = new Map<string, types.Router>();
  private readonly opening = new Map<string, Promise<types.Router>>();
  private readonly transports = new Map<string, TransportEntry>();
  private readonly producers = new Map<string, ProducerEntry>();
  private readonly consumers = new Map<string, ConsumerEntry>();
  private closed = false;

  constructor(private readonly opts: SfuOptions) {}

  /** Opens the call's router (starting the worker if need be); throws sfu_unavailable when it cannot. */
  async openRoom(callId: string): Promise<void> {
    await this.router(callId);
  }

  closeRoom(callId: string): void {
    const router = this.routers.get(callId);
    this.routers.delete(callId);
    router?.close();
  }

  async capabilities(callId: string, owner: string): Promise<RtpCapabilities> {
    this.opts.allowed(callId, owner);
    return (await this.router(callId)).rtpCapabilities as RtpCapabilities;
  }

  async createTransport(callId: string, owner: string, direction: 'send' | 'recv'): Promise<TransportInfo> {
    this.opts.allowed(callId, owner);
    const router = await this.router(callId);
    const transport = await router.createWebRtcTransport({
      listenIps: [{ ip: this.opts.rtcIp, ...(this.opts.announcedIp ? { announcedIp: this.opts.announcedIp } : {}) }],
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: 1_000_000,
    });
    try {
      // The party may have left while the transport was being made.
      this.opts.allowed(callId, owner);
    } catch (err) {
      transport.close();
      throw err;
    }
    const entry: TransportEntry = { transport, callId, owner, direction, iceTimer: null };
    this.transports.set(transport.id, entry);
    transport.observer.on('close', () => {
      if (entry.iceTimer) clearTimeout(entry.iceTimer);
      this.transports.delete(transport.id);
    });
    // A renderer that reloads or disappears never says goodbye: its transports fail or go quiet.
    transport.on('dtlsstatechange', (state) => {
      if (state === 'failed' || state === 'closed') this.dropTransport(entry, `DTLS ${state}`);
    });
    transport.on('icestatechange', (state) => {
      if (entry.iceTimer) clearTimeout(entry.iceTimer);
      entry.iceTimer = null;
      if (state !== 'disconnected') return;
      entry.iceTimer = setTimeout(() => this.dropTransport(entry, 'ICE disconnected'), this.opts.iceGraceMs ?? DEFAULT_ICE_GRACE_MS);
      entry.iceTimer.unref();
    });
    return {
      id: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates.map((c) => ({
        foundation: c.foundation, priority: c.priority, ip: c.ip, port: c.port, type: c.type, protocol: c.protocol,
        ...(c.tcpType ? { tcpType: c.tcpType } : {}),
      })),
      dtlsParameters: transport.dtlsParameters,
    };
  }

  async connectTransport(owner: string, transportId: string, dtlsParameters: DtlsParameters): Promise<void> {
    const entry = this.ownTransport(owner, transportId);
    await refusedAs('bad_params', () => entry.transport.connect({ dtlsParameters: dtlsParameters as types.DtlsParameters }));
  }

  closeTransport(owner: string, transportId: string): void {
    // Its producers' close handlers tell the call.
    this.ownTransport(owner, transportId).transport.close();
  }

  async produce(owner: string, transportId: string, kind: MediaKind, rtpParameters: RtpParameters): Promise<string> {
    const entry = this.ownTransport(owner, transportId);
    if (entry.direction !== 'send') throw new CallError('wrong_state', `transport ${transportId} receives; produce on a send transport`);
    const producer = await refusedAs('bad_params', () => entry.transport.produce({ kind, rtpParameters: rtpParameters as types.RtpParameters }));
    this.producers.set(producer.id, { producer, callId: entry.callId, owner });
    producer.observer.on('close', () => {
      this.producers.delete(producer.id);
      // Closed by request or with its transport: peers learn it from the producers list.
      if (this.routers.has(entry.callId)) this.opts.producersChanged(entry.callId, owner);
    });
    this.opts.producersChanged(entry.callId, owner);
    return producer.id;
  }

  async pauseProducer(owner: string, producerId: string, paused: boolean): Promise<void> {
    const { producer, callId } = this.own(this.producers, 'producer', owner, producerId);
    await (paused ? producer.pause() : producer.resume());
    this.opts.producersChanged(callId, owner);
  }

  closeProducer(owner: string, producerId: string): void {
    this.own(this.producers, 'producer', owner, producerId).producer.close();
  }

  /** What a participant sends in a call now. */
  producersOf(callId: string, owner: string): { id: string; kind: MediaKind; paused: boolean }[] {
    return [...this.producers.values()]
      .filter((p) => p.callId === callId && p.owner === owner)
      .map((p) => ({ id: p.producer.id, kind: p.producer.kind, paused: p.producer.paused }));
  }

  async consume(owner: string, transportId: string, producerId: string, rtpCapabilities: RtpCapabilities): Promise<ConsumerInfo> {
    const entry = this.ownTransport(owner, transportId);
    if (entry.direction !== 'recv') throw new CallError('wrong_state', `transport ${transportId} sends; consume on a receive transport`);
    const source = this.producers.get(producerId);
    if (!source || source.callId !== entry.callId) throw new CallError('not_found', `no producer ${producerId} in this call`);
    const router = this.routers.get(entry.callId);
    const caps = rtpCapabilities as types.RtpCapabilities;
    if (!router || !router.canConsume({ producerId, rtpCapabilities: caps })) {
      throw new CallError('bad_params', `these RTP capabilities cannot receive producer ${producerId} (${source.producer.kind})`);
    }
    // Paused until the client has set up its side, so the first packets (and the key frame) are not lost.
    const consumer = await refusedAs('bad_params', () => entry.transport.consume({ producerId, rtpCapabilities: caps, paused: true }));
    this.consumers.set(consumer.id, { consumer, callId: entry.callId, owner });
    consumer.observer.on('close', () => this.consumers.delete(consumer.id));
    consumer.on('producerclose', () => this.opts.consumerClosed(owner, consumer.id));
    return { id: consumer.id, producerId, kind: consumer.kind, rtpParameters: consumer.rtpParameters as RtpParameters };
  }

  async resumeConsumer(owner: string, consumerId: string): Promise<void> {
    await this.own(this.consumers, 'consumer', owner, consumerId).consumer.resume();
  }

  async setLayers(owner: string, consumerId: string, spatialLayer: number): Promise<void> {
    await this.own(this.consumers, 'consumer', owner, consumerId).consumer.setPreferredLayers({ spatialLayer });
  }

  closeConsumer(owner: string, consumerId: string): void {
    this.own(this.consumers, 'consumer', owner, consumerId).consumer.close();
  }

  /** A participant left the call: everything it had there goes. */
  closeParty(callId: string, owner: string): void {
    for (const t of [...this.transports.values()]) {
      if (t.callId === callId && t.owner === owner) t.transport.close();
    }
  }

  stats(): SfuStats {
    return {
      workerPid: this.worker?.pid ?? null,
      routers: this.routers.size,
      transports: this.transports.size,
      producers: this.producers.size,
      consumers: this.consumers.size,
    };
  }

  /** CPU time the worker has used, ms (user + system), for the bench; 0 before it starts. */
  async cpuMs(): Promise<number> {
    if (!this.worker) return 0;
    const usage = await this.worker.getResourceUsage();
    return usage.ru_utime + usage.ru_stime;
  }

  /** Closes every room and the worker, and waits until its process is gone (SIGKILL after a grace). */
  async close(): Promise<void> {
    this.closed = true;
    await this.starting?.catch(() => undefined);
    for (const id of [...this.routers.keys()]) this.closeRoom(id);
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    worker.close();
    // mediasoup sends SIGTERM and does not say when the process has gone: look, so no worker outlives the hub.
    const deadline = Date.now() + WORKER_EXIT_GRACE_MS;
    while (processAlive(worker.pid)) {
      if (Date.now() > deadline) {
        this.opts.log(`calls: the SFU worker (pid ${worker.pid}) ignored SIGTERM; killing it`);
        process.kill(worker.pid, 'SIGKILL');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private dropTransport(entry: TransportEntry, why: string): void {
    if (entry.transport.closed) return;
    this.opts.log(`calls: closing transport ${entry.transport.id} of ${entry.owner} in call ${entry.callId}: ${why}`);
    entry.transport.close();
  }

  private ownTransport(owner: string, transportId: string): TransportEntry {
    return this.own(this.transports, 'transport', owner, transportId);
  }

  /** The entry when it exists and belongs to `owner`, who must still be joined in its call. */
  private own<E extends { callId: string; owner: string }>(map: Map<string, E>, what: string, owner: string, id: string): E {
    const entry = map.get(id);
    if (!entry) throw new CallError('not_found', `no ${what} ${id}`);
    if (entry.owner !== owner) throw new CallError('forbidden', `${what} ${id} is not yours`);
    this.opts.allowed(entry.callId, owner);
    return entry;
  }

  private async router(callId: string): Promise<types.Router> {
    const existing = this.routers.get(callId);
    if (existing) return existing;
    let opening = this.opening.get(callId);
    if (!opening) {
      opening = (async () => {
        const worker = await this.startWorker();
        const router = await worker.createRouter({ mediaCodecs: MEDIA_CODECS });
        this.routers.set(callId, router);
        router.observer.on('close', () => {
          if (this.routers.get(callId) === router) this.routers.delete(callId);
        });
        return router;
      })().finally(() => this.opening.delete(callId));
      this.opening.set(callId, opening);
    }
    return opening;
  }

  private startWorker(): Promise<types.Worker> {
    if (this.closed) return Promise.reject(new CallError('sfu_unavailable', 'the hub is stopping'));
    if (this.worker) return Promise.resolve(this.worker);
    this.starting ??= (async () => {
      let api: MediasoupApi;
      try {
        api = await (this.opts.load ?? (() => import('mediasoup')))();
      } catch (err) {
        throw new CallError('sfu_unavailable', `视频调度服务未安装 / the SFU (mediasoup) is not installed on this hub: run npm run sfu:setup (${message(err)})`);
      }
      let worker: types.Worker;
      try {
        worker = await api.createWorker({
          logLevel: 'warn',
          ...(this.opts.rtcMinPort === undefined ? {} : { rtcMinPort: this.opts.rtcMinPort }),
          ...(this.opts.rtcMaxPort === undefined ? {} : { rtcMaxPort: this.opts.rtcMaxPort }),
        });
      } catch (err) {
        throw new CallError('sfu_unavailable', `视频调度服务无法启动 / the SFU worker (mediasoup-worker) failed to start: ${message(err)}`);
      }
      worker.on('died', (err) => {
        this.opts.log(`calls: the SFU worker (pid ${worker.pid}) died: ${err.message}; the next call starts a new one`);
        if (this.worker === worker) this.worker = null;
        this.routers.clear();
        this.transports.clear();
        this.producers.clear();
        this.consumers.clear();
        this.opts.workerDied(`视频服务中断 / the SFU worker died: ${err.message}`);
      });
      if (this.closed) {
        worker.close();
        throw new CallError('sfu_unavailable', 'the hub is stopping');
      }
      this.opts.log(`calls: SFU worker started (pid ${worker.pid}), RTC on ${this.opts.rtcIp}${this.opts.announcedIp ? ` announced as ${this.opts.announcedIp}` : ''}`);
      this.worker = worker;
      return worker;
    })().finally(() => (this.starting = null));
    return this.starting;
  }
}

/** Runs a mediasoup call whose failure means the request was wrong, answering that code with its words. */
async function refusedAs<T>(code: 'bad_params', run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof CallError) throw err;
    throw new CallError(code, `the SFU refused it: ${message(err)}`);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
