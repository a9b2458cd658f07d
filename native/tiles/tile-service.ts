// The seat's imagery tiles: from the SQLite cache first, else fetched from the source (the hub, or a tile
// server named by URL template) and kept; offline a miss answers null at once instead of waiting on a
// dead link. Pre-seeds the county's extent, a few tiles at a time, with progress and cancel.
import type { SeedProgress } from '../api/tiles.js';
import type { TileCache } from '../store/tiles.js';
import { tileCount, tilesIn, type LonLatBox, type TileId } from './tile-math.js';
import { tileUrl } from './tile-path.js';

/** A tile bigger than this is not a map tile: refused rather than stored. */
const MAX_TILE_BYTES = 2 * 1024 * 1024;
const SEED_CONCURRENCY = 4;
/** Progress is published at most this often while a seed runs (and always when it ends). */
const PROGRESS_INTERVAL_MS = 200;
/** More than the county at z 8–16 (~12,000 tiles): a seed this big is a mistake, not a plan. */
export const MAX_SEED_TILES = 50_000;

export interface TileServiceOptions {
  cache: TileCache;
  /** XYZ URL template of the source, e.g. `http://hub/api/v1/tiles/{z}/{x}/{y}.png`. */
  source: string;
  /** False while the link is down: a miss then fails fast. */
  online(): boolean;
  /** The county's extent; null before the county is in the cache. */
  extent(): LonLatBox | null;
  publish(progress: SeedProgress): void;
  log(line: string): void;
  fetchTimeoutMs?: number;
  now?: () => number;
}

export class SeedRefused extends Error {
  constructor(readonly reason: 'offline' | 'no_extent' | 'too_many', message: string) {
    super(message);
  }
}

function looksLikeImage(bytes: Buffer): boolean {
  const png = bytes.length > 8 && bytes.readUInt32BE(0) === 0x89504e47;
  const jpeg = bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8;
  const webp = bytes.length > 12 && bytes.toString('latin1', 8, 12) === 'WEBP';
  return png || jpeg || webp;
}

export class TileService {
  private readonly inFlight = new Map<string, Promise<Buffer | null>>();
  private seed: { progress: SeedProgress; abort: AbortController } | null = null;
  private readonly now: () => number;
  private closed = false;

  constructor(private readonly o: TileServiceOptions) {
    this.now = o.now ?? Date.now;
  }

  /** The tile from the cache, else from the source when online (then kept); null when there is none to give. */
  async tile(t: TileId): Promise<Buffer | null> {
    const cached = this.o.cache.get(t);
    if (cached) return cached;
    if (!this.o.online()) return null;
    const key = `${t.z}/${t.x}/${t.y}`;
    // The map and a seed asking for the same tile share one fetch.
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.fetchTile(t).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  // Not cut short by a seed's cancel: the map may be waiting on the same fetch.
  private async fetchTile(t: TileId): Promise<Buffer | null> {
    const url = tileUrl(this.o.source, t);
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(this.o.fetchTimeoutMs ?? 5_000) });
    } catch (err) {
      this.o.log(`tiles: ${url}: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    }
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    const declared = Number(res.headers.get('content-length') ?? 0);
    if (!res.ok || declared > MAX_TILE_BYTES) {
      await res.body?.cancel();
      this.o.log(`tiles: ${url}: HTTP ${res.status}${declared > MAX_TILE_BYTES ? `, ${declared} bytes` : ''}`);
      return null;
    }
    const body = Buffer.from(await res.arrayBuffer());
    if (body.length > MAX_TILE_BYTES || !looksLikeImage(body)) {
      this.o.log(`tiles: ${url}: not an image tile (${body.length} bytes, ${res.headers.get('content-type') ?? 'no type'})`);
      return null;
    }
    // A fetch that outlived the station has no cache left to go into.
    if (this.closed) return null;
    this.o.cache.put(t, body, this.now());
    return body;
  }

  /** The running seed, or the last one since start. */
  progress(): SeedProgress | null {
    return this.seed ? { ...this.seed.progress } : null;
  }

  /**
   * Starts fetching every tile of the county's extent at these zooms that the cache lacks; resolves at once
   * with the first progress (a seed already running is answered with its own progress instead).
   */
  startSeed(minZoom: number, maxZoom: number): SeedProgress {
    if (this.seed?.progress.state === 'running') return { ...this.seed.progress };
    const box = this.o.extent();
    if (!box) throw new SeedRefused('no_extent', 'the county is not in the cache yet: nothing to seed');
    if (!this.o.online()) throw new SeedRefused('offline', 'the hub is unreachable: tiles can be seeded only while the link is up');
    const total = tileCount(box, minZoom, maxZoom);
    if (total > MAX_SEED_TILES) throw new SeedRefused('too_many', `${total} tiles at zooms ${minZoom}–${maxZoom}: more than ${MAX_SEED_TILES}; choose a lower maxZoom`);
    const progress: SeedProgress = {
      state: 'running', minZoom, maxZoom, total, done: 0, fetched: 0, failed: 0, startedAt: this.now(), finishedAt: null, detail: null,
    };
    const abort = new AbortController();
    this.seed = { progress, abort };
    this.o.publish({ ...progress });
    void this.runSeed(box, progress, abort.signal);
    return { ...progress };
  }

  cancelSeed(): boolean {
    if (this.seed?.progress.state !== 'running') return false;
    this.seed.abort.abort();
    return true;
  }

  private async runSeed(box: LonLatBox, p: SeedProgress, signal: AbortSignal): Promise<void> {
    const tiles = tilesIn(box, p.minZoom, p.maxZoom);
    let lastPublished = 0;
    const report = (): void => {
      if (this.now() - lastPublished < PROGRESS_INTERVAL_MS) return;
      lastPublished = this.now();
      this.o.publish({ ...p });
    };
    const worker = async (): Promise<void> => {
      for (let next = tiles.next(); !next.done; next = tiles.next()) {
        if (signal.aborted || p.state !== 'running') return;
        if (!this.o.online()) {
          p.state = 'failed';
          p.detail = 'the link to the hub went down';
          return;
        }
        const t = next.value;
        if (this.o.cache.has(t)) {
          p.done++;
        } else {
          const got = await this.tile(t);
          p.done++;
          if (got) p.fetched++;
          else p.failed++;
        }
        report();
        // Cached tiles are answered synchronously: let the station's other work in between.
        if (p.done % 64 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    };
    try {
      await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
      if (p.state === 'running') p.state = signal.aborted ? 'cancelled' : 'done';
    } catch (err) {
      p.state = 'failed';
      p.detail = err instanceof Error ? err.message : String(err);
    }
    p.finishedAt = this.now();
    this.o.log(`tiles: seed z${p.minZoom}–${p.maxZoom} ${p.state}: ${p.fetched} fetched, ${p.done - p.fetched - p.failed} cached already, ${p.failed} failed, ${p.finishedAt - p.startedAt} ms`);
    this.o.publish({ ...p });
  }

  /** Stops a running seed; a fetch still in flight finds the cache closed and keeps nothing. */
  close(): void {
    this.closed = true;
    this.seed?.abort.abort();
  }
}
