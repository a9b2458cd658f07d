// One party's media in one call, through the hub's SFU with mediasoup-client: a receive transport for the
// other participants' audio and video, a send transport for one's own. Shared by the seat (signalling via
// the station) and the field page (signalling straight to the hub); neither transport's media touches them.
import { Device, type types } from 'mediasoup-client';

type Consumer = types.Consumer;
type Producer = types.Producer;
type Transport = types.Transport;
import type {
  CallInfo, CallMethod, CallParams, CallResult, MediaKind, RtpParameters, TransportInfo,
} from '../../../native/calls/protocol.js';
import { planSync, type SyncFilter, type WantedProducer } from './sync-plan.js';

/** How a session asks the hub something: the field page's CallClient.request, or the seat's calls.sfu. */
export type MediaSignal = <M extends CallMethod>(method: M, params: CallParams<M>) => Promise<CallResult<M>>;

export interface MediaSessionOptions {
  callId: string;
  /** This party's participant key, so it never receives itself. */
  selfKey: string;
  signal: MediaSignal;
  /** Send video in three layers (the field page does), so small tiles can take the lowest. */
  simulcast?: boolean;
}

/** Spatial layer: 0 the lowest (a small tile), 2 the highest (maximised, on the wall). */
export type SpatialLayer = 0 | 1 | 2;

/** A quarter, half and full resolution; bitrates suit a phone on 4G. */
const SIMULCAST_ENCODINGS = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { scaleResolutionDownBy: 1, maxBitrate: 1_200_000 },
];

interface Received {
  key: string;
  consumer: Consumer;
}

export class MediaSession {
  private readonly device = new Device();
  private recvTransport: Transport | null = null;
  private sendTransport: Transport | null = null;
  private readonly producers = new Map<MediaKind, Producer>();
  /** By producer id (of the other party's producer). */
  private readonly received = new Map<string, Received>();
  private readonly streams = new Map<string, MediaStream>();
  private readonly layers = new Map<string, SpatialLayer>();
  private readonly listeners = new Set<() => void>();
  /** Start and syncs run one after another: a sync needs the receive transport, and two overlapping syncs would consume the same producer twice. */
  private syncing: Promise<void> = Promise.resolve();
  private isClosed = false;

  constructor(private readonly opts: MediaSessionOptions) {}

  /** Loads the router's capabilities and opens the receive transport; syncs asked for meanwhile wait for it. */
  start(): Promise<void> {
    const run = this.syncing.then(() => this.load());
    this.syncing = run.catch(() => undefined);
    return run;
  }

  private async load(): Promise<void> {
    const routerRtpCapabilities = await this.opts.signal('media.capabilities', { callId: this.opts.callId });
    // mediasoup-client's types are looser than the protocol's schemas; the shapes are the same objects.
    await this.device.load({ routerRtpCapabilities: routerRtpCapabilities as Parameters<Device['load']>[0]['routerRtpCapabilities'] });
    this.recvTransport = await this.createTransport('recv');
  }

  /** Sends a local stream's audio and video (each if present). */
  async publish(stream: MediaStream): Promise<void> {
    for (const track of stream.getTracks()) {
      const kind = track.kind === 'audio' ? 'audio' : 'video';
      if (!this.producers.has(kind)) await this.produce(kind, track);
    }
  }

  /** Swaps the camera (front/back) without renegotiating; starts sending video if none was sent yet. */
  async replaceVideoTrack(track: MediaStreamTrack): Promise<void> {
    const producer = this.producers.get('video');
    if (producer) await producer.replaceTrack({ track });
    else await this.produce('video', track);
  }

  /** Mutes by pausing the producer at the SFU too, so nobody receives it (and the call shows it muted). */
  async setMuted(kind: MediaKind, muted: boolean): Promise<void> {
    const producer = this.producers.get(kind);
    if (!producer || producer.paused === muted) return;
    if (muted) {
      producer.pause();
      await this.opts.signal('producer.pause', { producerId: producer.id });
    } else {
      producer.resume();
      await this.opts.signal('producer.resume', { producerId: producer.id });
    }
  }

  isMuted(kind: MediaKind): boolean {
    return this.producers.get(kind)?.paused ?? true;
  }

  /** Receives what the call's other participants send now (or one participant's, for a wall tile); drops what went away. */
  sync(call: CallInfo, only?: SyncFilter): Promise<void> {
    const run = this.syncing.then(() => this.applySync(call, only));
    // A failed sync must not wedge the ones after it; its caller still sees the failure.
    this.syncing = run.catch(() => undefined);
    return run;
  }

  /** A participant's received audio and video; a new stream object whenever its tracks change. */
  streamOf(key: string): MediaStream | null {
    return this.streams.get(key) ?? null;
  }

  /** Calls back whenever a participant's stream appears, changes or disappears. Returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Which simulcast layer to receive of a participant's video (kept for video consumed later). */
  async setLayer(key: string, layer: SpatialLayer): Promise<void> {
    this.layers.set(key, layer);
    for (const { key: owner, consumer } of this.received.values()) {
      if (owner === key && consumer.kind === 'video') await this.opts.signal('consumer.layers', { consumerId: consumer.id, spatialLayer: layer });
    }
  }

  /** Video frames decoded so far, by participant key, from the receivers' statistics (tests and the bench). */
  async framesDecoded(): Promise<Record<string, number>> {
    const frames: Record<string, number> = {};
    for (const { key, consumer } of this.received.values()) {
      if (consumer.kind !== 'video') continue;
      const stats = await consumer.getStats();
      stats.forEach((report: { type?: string; framesDecoded?: number }) => {
        if (report.type === 'inbound-rtp' && typeof report.framesDecoded === 'number') frames[key] = (frames[key] ?? 0) + report.framesDecoded;
      });
    }
    return frames;
  }

  /** Closes both transports here and at the SFU. Local tracks belong to the caller, who stops them. */
  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    const transports = [this.sendTransport, this.recvTransport].filter((t): t is Transport => t !== null);
    for (const transport of transports) transport.close();
    this.producers.clear();
    this.received.clear();
    this.streams.clear();
    this.changed();
    // The call may have ended already, and the hub closed them itself: then the hub's refusal is expected.
    await Promise.all(transports.map((t) => this.opts.signal('transport.close', { transportId: t.id }).catch(() => undefined)));
  }

  private async applySync(call: CallInfo, only?: SyncFilter): Promise<void> {
    if (this.isClosed) return;
    const transport = this.recvTransport;
    if (!transport) throw new Error('MediaSession.sync before start');
    const plan = planSync(call, this.opts.selfKey, this.received.keys(), only);
    const touched = new Set<string>();
    for (const producerId of plan.drop) {
      const gone = this.received.get(producerId);
      if (!gone) continue;
      this.received.delete(producerId);
      gone.consumer.close();
      touched.add(gone.key);
      await this.opts.signal('consumer.close', { consumerId: gone.consumer.id }).catch(() => undefined);
    }
    for (const wanted of plan.consume) {
      if (this.isClosed) return;
      await this.consume(transport, wanted);
      touched.add(wanted.key);
    }
    if (touched.size === 0) return;
    for (const key of touched) this.rebuildStream(key);
    this.changed();
  }

  private async consume(transport: Transport, wanted: WantedProducer): Promise<void> {
    const info = await this.opts.signal('consume', {
      transportId: transport.id,
      producerId: wanted.producerId,
      rtpCapabilities: this.device.rtpCapabilities as CallParams<'consume'>['rtpCapabilities'],
    });
    const consumer = await transport.consume({
      id: info.id,
      producerId: info.producerId,
      kind: info.kind,
      rtpParameters: info.rtpParameters as Parameters<Transport['consume']>[0]['rtpParameters'],
    });
    this.received.set(wanted.producerId, { key: wanted.key, consumer });
    const layer = this.layers.get(wanted.key);
    if (consumer.kind === 'video' && layer !== undefined) await this.opts.signal('consumer.layers', { consumerId: consumer.id, spatialLayer: layer });
    // Created paused at the SFU so no packet arrives before the receiver exists; now it does.
    await this.opts.signal('consumer.resume', { consumerId: consumer.id });
  }

  private rebuildStream(key: string): void {
    const tracks = [...this.received.values()].filter((r) => r.key === key).map((r) => r.consumer.track);
    if (tracks.length === 0) this.streams.delete(key);
    else this.streams.set(key, new MediaStream(tracks));
  }

  private async produce(kind: MediaKind, track: MediaStreamTrack): Promise<void> {
    this.sendTransport ??= await this.createTransport('send');
    const producer = await this.sendTransport.produce({
      track,
      // The caller owns its tracks (the preview keeps showing them; switching cameras stops the old one).
      stopTracks: false,
      ...(kind === 'video' && this.opts.simulcast ? { encodings: SIMULCAST_ENCODINGS } : {}),
      ...(kind === 'video' ? { codecOptions: { videoGoogleStartBitrate: 1000 } } : {}),
    });
    this.producers.set(kind, producer);
  }

  private async createTransport(direction: 'send' | 'recv'): Promise<Transport> {
    const info: TransportInfo = await this.opts.signal('transport.create', { callId: this.opts.callId, direction });
    const options = info as Parameters<Device['createSendTransport']>[0];
    const transport = direction === 'send' ? this.device.createSendTransport(options) : this.device.createRecvTransport(options);
    transport.on('connect', ({ dtlsParameters }, done, fail) => {
      this.opts.signal('transport.connect', { transportId: transport.id, dtlsParameters: dtlsParameters as CallParams<'transport.connect'>['dtlsParameters'] })
        .then(() => done(), fail);
    });
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters }, done, fail) => {
        this.opts.signal('produce', { transportId: transport.id, kind, rtpParameters: rtpParameters as RtpParameters })
          .then(({ producerId }) => done({ id: producerId }), fail);
      });
    }
    return transport;
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
