// One tile's live player: its own video socket to the station's relay, fragmented MP4 into Media Source
// Extensions, kept at the live edge, reconnecting with backoff, and reporting a state the tile can show.
// A new init segment (the relay restarted its ffmpeg) gets a fresh MediaSource: timestamps start over.
import { codecString, concatBytes } from '../../../native/video/fmp4';
import type { StreamProfile } from '../../../native/api/video';
import { reconnectDelay } from '../transport/backoff';
import { barcodeLatencyMs, barcodeRow, readBarcode } from './barcode';
import {
  NUDGE_BEHIND_S, SEEK_BEHIND_S, gapJumpTarget, isStalled, liveEdgeAction, quotaTrimRange, trimRange, type LiveEdgeAction,
} from './live-edge';
import { registerProbedPlayer, type TileProbe } from './probe';
import { videoSocketUrl } from './socket-url';
import { playerStatus, type PlayerFacts, type PlayerStatus } from './tile-status';
import { readVideoMessage, type FragmentKindName } from './video-message';

/** Asked once: can this renderer's MSE decode H.265? Without it the relay transcodes to H.264 for us. */
export function canPlayH265(): boolean {
  return typeof MediaSource !== 'undefined' && MediaSource.isTypeSupported('video/mp4; codecs="hvc1.1.6.L93.B0"');
}

/** Fragments waiting for the SourceBuffer beyond this are dropped up to the next keyframe (a stalled decoder). */
const MAX_QUEUED_BYTES = 8 * 1024 * 1024;
/** The station refused the request (bad params, bad token): asking again would not help. */
const FINAL_CLOSE_CODES = new Set([1008, 4401]);

export interface LivePlayerOptions {
  /** The video socket endpoint (`video.endpoint`); asked again before every reconnect (a restarted station moves it). */
  endpoint(): Promise<string>;
  cameraId: string;
  profile: StreamProfile;
  onStatus(status: PlayerStatus): void;
}

interface Media {
  source: MediaSource;
  url: string;
  buffer: SourceBuffer | null;
  queue: Array<Uint8Array<ArrayBuffer>>;
  queuedBytes: number;
  /** The first frame is on screen: jump to the newest frame on the next chance (see liveEdgeAction). */
  catchUp: boolean;
}

export class LivePlayer {
  private readonly h265 = canPlayH265();
  private readonly startedAt = Date.now();
  private socket: WebSocket | null = null;
  private media: Media | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private playPending = false;
  private needKeyframe = true;
  private firstFrameAt: number | null = null;
  /** Playback quality of MediaSources already replaced, so the probe's counts only grow. */
  private qualityBase = { decoded: 0, dropped: 0 };
  private facts: PlayerFacts;
  private lastReported = '';
  private readonly unregister: () => void;
  private readonly onVideoError = (): void => this.videoFailed();
  /** The stall watchdog: when the playhead last moved, and how many fragments arrived since. */
  private progress = { time: -1, at: Date.now(), fragments: 0 };
  private readonly watchdog: ReturnType<typeof setInterval>;

  constructor(private readonly video: HTMLVideoElement, private readonly opts: LivePlayerOptions) {
    this.facts = { asked: opts.profile, station: null, socketDown: null, playerError: null, frameShown: false, everShown: false };
    video.muted = true;
    video.playsInline = true;
    video.addEventListener('error', this.onVideoError);
    this.unregister = registerProbedPlayer(this);
    this.watchdog = setInterval(() => this.checkProgress(), 1000);
    this.report();
    void this.connect();
  }

  /** Closes the socket and releases the MediaSource; the player is spent. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    clearInterval(this.watchdog);
    this.closeSocket();
    this.releaseMedia();
    this.video.removeEventListener('error', this.onVideoError);
    this.unregister();
  }

  probe(): TileProbe {
    const quality = this.video.getVideoPlaybackQuality();
    const buffered = this.video.buffered;
    const status = playerStatus(this.facts);
    return {
      cameraId: this.opts.cameraId,
      state: status.state,
      profile: status.profile,
      transcoded: status.transcoded,
      codec: status.codec,
      currentTime: this.video.currentTime,
      bufferedEnd: buffered.length > 0 ? buffered.end(buffered.length - 1) : NaN,
      framesDecoded: this.qualityBase.decoded + (this.media ? quality.totalVideoFrames : 0),
      framesDropped: this.qualityBase.dropped + (this.media ? quality.droppedVideoFrames : 0),
      startedAt: this.startedAt,
      firstFrameAt: this.firstFrameAt,
      latencyMs: () => this.latencyMs(),
    };
  }

  /** Draws the frame on screen into a canvas (a snapshot); null before the first frame. */
  snapshot(): HTMLCanvasElement | null {
    const { videoWidth: w, videoHeight: h } = this.video;
    if (!this.facts.frameShown || w === 0 || h === 0) return null;
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    canvas.getContext('2d')?.drawImage(this.video, 0, 0, w, h);
    return canvas;
  }

  // -- socket ---------------------------------------------------------------------------------------------

  private async connect(): Promise<void> {
    let url: string;
    try {
      url = videoSocketUrl(await this.opts.endpoint(), window.location, { cameraId: this.opts.cameraId, profile: this.opts.profile, h265: this.h265 });
    } catch (err) {
      this.socketLost(err instanceof Error ? err.message : String(err));
      return;
    }
    if (this.stopped) return;
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    this.socket = ws;
    ws.onmessage = (ev: MessageEvent<string | ArrayBuffer>) => {
      if (this.socket === ws) this.receive(ev.data);
    };
    ws.onclose = (ev) => {
      if (this.socket !== ws || this.stopped) return;
      this.socket = null;
      if (FINAL_CLOSE_CODES.has(ev.code)) {
        // The station said why in a status first (bad request); keep that as the tile's state.
        if (this.facts.station?.state !== 'error') this.update({ playerError: ev.reason || `video socket refused (${ev.code})` });
        return;
      }
      this.socketLost(ev.reason || 'video socket closed');
    };
  }

  private socketLost(why: string): void {
    if (this.stopped) return;
    this.update({ socketDown: why, station: null });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, reconnectDelay(this.attempt++));
  }

  private closeSocket(): void {
    const ws = this.socket;
    this.socket = null;
    if (ws && ws.readyState <= WebSocket.OPEN) ws.close(1000, 'tile closed');
  }

  private receive(data: string | ArrayBuffer): void {
    const msg = readVideoMessage(data);
    if (msg.kind === 'bad') {
      console.warn(`[video ${this.opts.cameraId}] ${msg.reason}`);
      return;
    }
    if (msg.kind === 'status') {
      this.attempt = 0;
      this.update({ station: msg.status, socketDown: null });
      return;
    }
    this.fragment(msg.fragment, msg.bytes);
  }

  // -- media ----------------------------------------------------------------------------------------------

  private fragment(kind: FragmentKindName, bytes: Uint8Array<ArrayBuffer>): void {
    if (kind === 'init') {
      this.startMedia(bytes);
      return;
    }
    const media = this.media;
    if (!media || this.facts.playerError !== null) return;
    if (kind === 'delta' && this.needKeyframe) return;
    if (media.queuedBytes + bytes.length > MAX_QUEUED_BYTES) {
      media.queue = [];
      media.queuedBytes = 0;
      this.needKeyframe = true;
      if (kind === 'delta') return;
    }
    this.needKeyframe = false;
    this.progress.fragments++;
    media.queue.push(bytes);
    media.queuedBytes += bytes.length;
    this.pump();
  }

  private startMedia(init: Uint8Array<ArrayBuffer>): void {
    let codec: string;
    try {
      codec = codecString(init);
    } catch (err) {
      this.releaseMedia();
      this.update({ playerError: `bad init segment: ${err instanceof Error ? err.message : String(err)}` });
      return;
    }
    const mime = `video/mp4; codecs="${codec}"`;
    if (!MediaSource.isTypeSupported(mime)) {
      this.releaseMedia();
      this.update({ playerError: `this display cannot decode ${codec}` });
      return;
    }
    this.releaseMedia();
    const source = new MediaSource();
    const media: Media = { source, url: URL.createObjectURL(source), buffer: null, queue: [init], queuedBytes: init.length, catchUp: false };
    this.media = media;
    this.needKeyframe = true;
    this.update({ playerError: null, frameShown: false });
    source.addEventListener('sourceopen', () => {
      if (this.media !== media) return;
      try {
        const buffer = source.addSourceBuffer(mime);
        buffer.mode = 'segments';
        buffer.addEventListener('updateend', () => this.pump());
        media.buffer = buffer;
      } catch (err) {
        this.update({ playerError: `cannot play ${codec}: ${err instanceof Error ? err.message : String(err)}` });
        return;
      }
      this.pump();
    }, { once: true });
    this.video.src = media.url;
    this.watchFrames(media);
  }

  /** Marks the first presented frame of this MediaSource (requestVideoFrameCallback fires on presentation). */
  private watchFrames(media: Media): void {
    this.video.requestVideoFrameCallback(() => {
      if (this.media !== media) return;
      this.firstFrameAt ??= Date.now();
      media.catchUp = true;
      this.update({ frameShown: true, everShown: true });
      this.pump();
    });
  }

  private pump(): void {
    const media = this.media;
    const buffer = media?.buffer;
    if (!media || !buffer || buffer.updating || media.source.readyState !== 'open') return;
    this.keepLive(media, buffer);
    if (buffer.updating || media.queue.length === 0) return;
    const bytes = media.queue.length === 1 ? media.queue[0]! : concatBytes(media.queue);
    media.queue = [];
    media.queuedBytes = 0;
    try {
      buffer.appendBuffer(bytes);
    } catch (err) {
      if (err instanceof DOMException && err.name === 'QuotaExceededError') {
        const range = this.video.buffered.length > 0 ? quotaTrimRange(this.video.buffered.start(0), this.video.currentTime) : null;
        if (range) {
          media.queue = [bytes];
          media.queuedBytes = bytes.length;
          buffer.remove(range.start, range.end);
        } else {
          this.needKeyframe = true;
        }
        return;
      }
      this.update({ playerError: `cannot append video: ${err instanceof Error ? err.message : String(err)}` });
    }
  }

  /** Seeks, nudges the rate or trims old media so the tile shows now, not a while ago. */
  private keepLive(media: Media, buffer: SourceBuffer): void {
    const video = this.video;
    const buffered = video.buffered;
    if (buffered.length === 0) return;
    const ranges: Array<[number, number]> = [];
    for (let i = 0; i < buffered.length; i++) ranges.push([buffered.start(i), buffered.end(i)]);
    // A playhead in a hole moves to the media after it. Before the first frame that is the key frame a new
    // viewer's GOP cache starts with, so a picture shows at once; once it shows, playback jumps to the newest frame.
    const jump = gapJumpTarget(ranges, video.currentTime);
    const end = ranges[ranges.length - 1]![1];
    let action: LiveEdgeAction = { kind: 'seek', to: jump ?? 0 };
    if (jump === null || this.facts.frameShown) {
      action = liveEdgeAction(end, jump ?? video.currentTime, media.catchUp ? NUDGE_BEHIND_S : SEEK_BEHIND_S);
      if (jump !== null && action.kind === 'rate') action = { kind: 'seek', to: jump };
      media.catchUp = false;
    }
    if (action.kind === 'seek') video.currentTime = action.to;
    else if (video.playbackRate !== action.rate) video.playbackRate = action.rate;
    if (video.paused && !this.playPending) {
      // Muted autoplay is allowed; a refusal is retried on the next fragment.
      this.playPending = true;
      video.play().catch(() => undefined).finally(() => {
        this.playPending = false;
      });
    }
    const trim = trimRange(ranges[0]![0], video.currentTime);
    if (trim) buffer.remove(trim.start, trim.end);
  }

  private releaseMedia(): void {
    const media = this.media;
    if (!media) return;
    const quality = this.video.getVideoPlaybackQuality();
    this.qualityBase = { decoded: this.qualityBase.decoded + quality.totalVideoFrames, dropped: this.qualityBase.dropped + quality.droppedVideoFrames };
    this.media = null;
    this.video.removeAttribute('src');
    this.video.load();
    URL.revokeObjectURL(media.url);
  }

  /** Restarts a tile whose picture stands still while media keeps arriving (see isStalled). */
  private checkProgress(): void {
    const now = Date.now();
    const time = this.video.currentTime;
    // A hidden page may have its video paused by the browser: that is not a stall.
    if (!this.media || time !== this.progress.time || document.hidden) {
      this.progress = { time, at: now, fragments: 0 };
      return;
    }
    if (!isStalled((now - this.progress.at) / 1000, this.progress.fragments)) return;
    console.warn(`[video ${this.opts.cameraId}] picture stalled for ${Math.round((now - this.progress.at) / 1000)} s while media arrived: starting afresh`);
    this.progress = { time: -1, at: now, fragments: 0 };
    this.releaseMedia();
    this.closeSocket();
    this.socketLost('picture stalled');
  }

  private videoFailed(): void {
    if (this.stopped || !this.media) return;
    // A decode error spoils this MediaSource: a fresh socket brings a fresh init and keyframe from the relay.
    const why = this.video.error?.message || 'decode error';
    this.releaseMedia();
    this.closeSocket();
    this.socketLost(`video decoder: ${why}`);
  }

  private latencyMs(): number | null {
    const { videoWidth: w } = this.video;
    if (!this.facts.frameShown || w === 0) return null;
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = 1;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return null;
    ctx.drawImage(this.video, 0, barcodeRow(w), w, 1, 0, 0, w, 1);
    const code = readBarcode(ctx.getImageData(0, 0, w, 1).data, w);
    return code === null ? null : barcodeLatencyMs(code, Date.now());
  }

  // -- status ---------------------------------------------------------------------------------------------

  private update(change: Partial<PlayerFacts>): void {
    this.facts = { ...this.facts, ...change };
    this.report();
  }

  private report(): void {
    if (this.stopped) return;
    const status = playerStatus(this.facts);
    const key = JSON.stringify(status);
    if (key === this.lastReported) return;
    this.lastReported = key;
    this.opts.onStatus(status);
  }
}
