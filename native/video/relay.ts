// The camera relay (the go2rtc model): one ffmpeg per camera stream however many tiles show it, its fragments
// fanned out to every viewer, a GOP cache for instant starts, restarts with backoff, slow viewers cut to key frames.
import { spawn, type ChildProcess } from 'node:child_process';
import { backoffDelay, type BackoffOptions } from '../sync/backoff.js';
import { FragmentKind, type RelayInfo, type StreamProfile, type StreamState, type VideoStatus } from '../api/video.js';
import { ffmpegArgs, type FfmpegJob } from './ffmpeg-args.js';
import { ffmpegBinary } from './ffmpeg-bin.js';
import { codecString, Fmp4Splitter, type Fmp4Segment } from './fmp4.js';

export interface RelayRequest {
  cameraId: string;
  profile: StreamProfile;
  /** The viewer can decode H.265. */
  h265: boolean;
}

export interface Viewer {
  status(s: VideoStatus): void;
  fragment(kind: 0 | 1 | 2, bytes: Uint8Array): void;
  /** Bytes queued towards this viewer and not yet sent (a WebSocket's bufferedAmount). */
  bufferedBytes(): number;
}

/** What a request resolves to without asking anyone: the stream it is served from. */
export interface StreamPlan {
  cameraId: string;
  /** The profile served (sub asked of a camera without one → main). */
  profile: StreamProfile;
  transcode: boolean;
}

/** Where the planned stream plays from now (asked again at every start: hub addresses may change). */
export type Located = { ok: true; job: Omit<FfmpegJob, 'profile' | 'transcode'> } | { ok: false; state: 'offline' | 'error' | 'no_signal'; detail: string };

export interface StreamSources {
  /** A plan, or why this request can never play (unknown camera). */
  plan(req: RelayRequest): StreamPlan | { error: string };
  locate(plan: StreamPlan): Promise<Located>;
}

export interface RelayOptions {
  sources: StreamSources;
  /** The ffmpeg binary; default ffmpegBinary(). */
  ffmpeg?: () => string;
  /** Stop a stream this long after its last viewer leaves. */
  idleStopMs?: number;
  /** No bytes from ffmpeg for this long → kill and restart (beyond ffmpeg's own I/O timeouts: a last resort). */
  stallMs?: number;
  /** A viewer with more than this queued is skipped until the next key frame. */
  slowBytes?: number;
  backoff?: BackoffOptions;
  /** SIGTERM, then SIGKILL after this long. */
  killGraceMs?: number;
  now?: () => number;
  log?: (line: string) => void;
}

/** A GOP longer than this is not cached whole (a camera with a 10 s GOP): a late viewer waits for a key frame. */
const GOP_CACHE_BYTES = 8 * 1024 * 1024;
const STDERR_LINES = 8;

interface ViewerSlot {
  viewer: Viewer;
  /** Skip media until a key frame: just joined without a cached GOP, after a new init, or fell behind. */
  awaitKeyframe: boolean;
}

function keyOf(plan: StreamPlan): string {
  return `${plan.cameraId}\u0000${plan.profile}\u0000${plan.transcode ? 'x264' : 'copy'}`;
}

class RelayStream {
  readonly viewers = new Set<ViewerSlot>();
  state: StreamState = 'connecting';
  detail: string | null = null;
  codec: string | null = null;
  restarts = 0;
  fragmentsOut = 0;
  fragmentsDropped = 0;
  readonly startedAt: number;
  private init: Uint8Array | null = null;
  private gop: Uint8Array[] = [];
  private gopBytes = 0;
  private everLive = false;
  private attempt = 0;
  private proc: ChildProcess | null = null;
  private stderr: string[] = [];
  /** Why we killed the running ffmpeg (stall, garbage), reported instead of its exit code. */
  private killReason: string | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private stallTimer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private exited: Promise<void> = Promise.resolve();

  constructor(readonly plan: StreamPlan, private readonly o: Required<Omit<RelayOptions, 'log'>> & Pick<RelayOptions, 'log'>, private readonly onStopped: () => void) {
    this.startedAt = o.now();
  }

  pid(): number | null {
    return this.proc?.pid ?? null;
  }

  add(viewer: Viewer): ViewerSlot {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const slot: ViewerSlot = { viewer, awaitKeyframe: true };
    this.viewers.add(slot);
    viewer.status(this.status());
    if (this.init) {
      viewer.fragment(FragmentKind.init, this.init);
      if (this.gop.length > 0) {
        slot.awaitKeyframe = false;
        this.gop.forEach((bytes, i) => viewer.fragment(i === 0 ? FragmentKind.keyframe : FragmentKind.delta, bytes));
        this.fragmentsOut += this.gop.length;
      }
    }
    return slot;
  }

  remove(slot: ViewerSlot): void {
    this.viewers.delete(slot);
    if (this.viewers.size > 0 || this.stopped) return;
    this.idleTimer = setTimeout(() => void this.stop(), this.o.idleStopMs);
  }

  start(): void {
    if (this.stopped) return;
    void this.spawnFfmpeg();
  }

  async stop(): Promise<void> {
    if (this.stopped) return this.exited;
    this.stopped = true;
    for (const t of [this.restartTimer, this.stallTimer, this.idleTimer]) if (t) clearTimeout(t);
    this.kill(null);
    this.onStopped();
    return this.exited;
  }

  status(): VideoStatus {
    return { type: 'status', state: this.state, detail: this.detail, profile: this.plan.profile, transcoded: this.plan.transcode, codec: this.codec };
  }

  private setState(state: StreamState, detail: string | null): void {
    if (state === this.state && detail === this.detail) return;
    this.state = state;
    this.detail = detail;
    const s = this.status();
    for (const slot of this.viewers) slot.viewer.status(s);
  }

  private async spawnFfmpeg(): Promise<void> {
    const located = await this.o.sources.locate(this.plan).catch((err: unknown): Located => ({ ok: false, state: 'error', detail: String(err) }));
    if (this.stopped) return;
    if (!located.ok) {
      this.setState(located.state, located.detail);
      this.scheduleRestart();
      return;
    }
    let bin: string;
    try {
      bin = this.o.ffmpeg();
    } catch (err) {
      this.setState('error', err instanceof Error ? err.message : String(err));
      this.scheduleRestart();
      return;
    }
    const args = ffmpegArgs({ ...located.job, profile: this.plan.profile, transcode: this.plan.transcode });
    const proc = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    this.stderr = [];
    this.killReason = null;
    const splitter = new Fmp4Splitter();
    let wasLive = false;
    this.exited = new Promise((resolve) => proc.once('close', () => resolve()));
    this.armStall();
    proc.stdout?.on('data', (chunk: Buffer) => {
      if (this.proc !== proc || this.killReason !== null) return;
      this.armStall();
      let segments: Fmp4Segment[];
      try {
        segments = splitter.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      } catch (err) {
        this.garbage(err instanceof Error ? err.message : String(err));
        return;
      }
      for (const s of segments) {
        if (s.kind === 'init') {
          this.onInit(s.bytes);
        } else {
          if (!wasLive) {
            wasLive = true;
            this.everLive = true;
            this.attempt = 0;
            this.setState('live', null);
          }
          this.onMedia(s.bytes, s.keyframe);
        }
        if (this.killReason !== null) return;
      }
    });
    let pendingLine = '';
    proc.stderr?.on('data', (chunk: Buffer) => {
      const lines = (pendingLine + chunk.toString()).split(/\r?\n/);
      pendingLine = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) this.stderr.push(line.trim().slice(0, 300));
      this.stderr.splice(0, Math.max(0, this.stderr.length - STDERR_LINES));
    });
    proc.once('error', (err) => {
      this.stderr.push(`cannot run ${bin}: ${err.message}`);
    });
    proc.once('close', (code, signal) => {
      if (pendingLine.trim()) this.stderr.push(pendingLine.trim().slice(0, 300));
      if (this.proc !== proc) return;
      this.proc = null;
      if (this.stallTimer) clearTimeout(this.stallTimer);
      this.init = null;
      this.gop = [];
      this.gopBytes = 0;
      if (this.stopped) return;
      const reason = this.killReason ?? this.stderr.at(-1) ?? `ffmpeg ended (${signal ?? `exit code ${code ?? '?'}`})`;
      this.o.log?.(`video ${this.plan.cameraId}/${this.plan.profile}: ${reason}`);
      if (this.state !== 'error' || this.killReason === null) this.setState(this.everLive ? 'reconnecting' : 'no_signal', reason);
      this.scheduleRestart();
    });
  }

  private onInit(bytes: Uint8Array): void {
    try {
      this.codec = codecString(bytes);
    } catch (err) {
      this.garbage(`not playable: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    this.init = bytes;
    this.gop = [];
    this.gopBytes = 0;
    // A new init means: reset the decoder; every viewer restarts from the next key frame.
    for (const slot of this.viewers) {
      slot.awaitKeyframe = true;
      slot.viewer.fragment(FragmentKind.init, bytes);
    }
    const s = this.status();
    for (const slot of this.viewers) slot.viewer.status(s);
  }

  private onMedia(bytes: Uint8Array, keyframe: boolean): void {
    if (keyframe) {
      this.gop = [bytes];
      this.gopBytes = bytes.length;
    } else if (this.gop.length > 0) {
      this.gopBytes += bytes.length;
      if (this.gopBytes > GOP_CACHE_BYTES) {
        this.gop = [];
        this.gopBytes = 0;
      } else {
        this.gop.push(bytes);
      }
    }
    const kind = keyframe ? FragmentKind.keyframe : FragmentKind.delta;
    for (const slot of this.viewers) {
      if (slot.viewer.bufferedBytes() > this.o.slowBytes) {
        // Behind: skip to the next key frame rather than grow a queue that only adds latency.
        slot.awaitKeyframe = true;
        this.fragmentsDropped++;
        continue;
      }
      if (slot.awaitKeyframe) {
        if (!keyframe) continue;
        slot.awaitKeyframe = false;
      }
      slot.viewer.fragment(kind, bytes);
      this.fragmentsOut++;
    }
  }

  /** ffmpeg wrote something that is not fragmented MP4: say so, kill it, try again later. */
  private garbage(detail: string): void {
    this.setState('error', detail);
    this.kill(detail);
  }

  private armStall(): void {
    if (this.stallTimer) clearTimeout(this.stallTimer);
    this.stallTimer = setTimeout(() => this.kill(`no video for ${Math.round(this.o.stallMs / 1000)} s`), this.o.stallMs);
  }

  private kill(reason: string | null): void {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    this.killReason = reason;
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), this.o.killGraceMs);
    proc.once('close', () => clearTimeout(timer));
  }

  private scheduleRestart(): void {
    if (this.stopped) return;
    const delay = backoffDelay(this.attempt++, this.o.backoff);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.restarts++;
      this.start();
    }, delay);
  }
}

export class VideoRelay {
  private readonly streams = new Map<string, RelayStream>();
  private readonly o: Required<Omit<RelayOptions, 'log'>> & Pick<RelayOptions, 'log'>;
  private closed = false;

  constructor(options: RelayOptions) {
    this.o = {
      ffmpeg: ffmpegBinary, idleStopMs: 10_000, stallMs: 25_000, slowBytes: 2 * 1024 * 1024,
      backoff: { baseMs: 500, maxMs: 10_000 }, killGraceMs: 2_000, now: Date.now,
      ...options,
    };
  }

  /** Starts (or joins) the stream for `req`; the returned function leaves it. */
  subscribe(req: RelayRequest, viewer: Viewer): () => void {
    const plan = this.o.sources.plan(req);
    if ('error' in plan) {
      viewer.status({ type: 'status', state: 'error', detail: plan.error, profile: req.profile, transcoded: false, codec: null });
      return () => undefined;
    }
    if (this.closed) {
      viewer.status({ type: 'status', state: 'error', detail: 'the station is shutting down', profile: plan.profile, transcoded: plan.transcode, codec: null });
      return () => undefined;
    }
    const key = keyOf(plan);
    let stream = this.streams.get(key);
    const fresh = !stream;
    if (!stream) {
      const created = new RelayStream(plan, this.o, () => {
        if (this.streams.get(key) === created) this.streams.delete(key);
      });
      stream = created;
      this.streams.set(key, created);
    }
    const slot = stream.add(viewer);
    if (fresh) stream.start();
    const joined = stream;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      joined.remove(slot);
    };
  }

  list(): RelayInfo[] {
    return [...this.streams.values()].map((s) => ({
      cameraId: s.plan.cameraId, profile: s.plan.profile, transcoded: s.plan.transcode, state: s.state, detail: s.detail,
      viewers: s.viewers.size, pid: s.pid(), restarts: s.restarts, fragmentsOut: s.fragmentsOut, fragmentsDropped: s.fragmentsDropped,
      startedAt: s.startedAt,
    }));
  }

  /** Stops every stream and waits for every ffmpeg to exit (SIGKILL after the grace). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.streams.values()].map((s) => s.stop()));
  }
}
