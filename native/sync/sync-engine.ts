// Keeps the cache in step with the hub: catch-up pulls at start and after every reconnect (page by page,
// progress on the bus), a pull for each collection the hub says changed, live positions into the store
// and onto the bus, and the link light computed from what the live socket and the pulls observe.
import { z } from 'zod';
import type { LinkStatus, SyncProgress } from '../api/contract.js';
import { CountyInfo } from '../api/model.js';
import type { TopicBus } from '../api/bus.js';
import type { Store } from '../store/store.js';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import { CatchUpProgress } from './catch-up-progress.js';
import { HubClient, type HubApi } from './hub-client.js';
import type { HubLiveMessage, SyncCollection } from './hub-protocol.js';
import { LinkTracker, type LinkThresholds } from './link-monitor.js';
import { LiveLink } from './live-link.js';
import { PULL_ORDER, PullAborted, Puller } from './puller.js';

export interface SyncEngineOptions {
  store: Store;
  hubUrl: string;
  bus: TopicBus;
  log?: (line: string) => void;
  pingIntervalMs?: number;
  linkThresholds?: LinkThresholds;
  retryBackoff?: BackoffOptions;
  pageLimit?: number;
  /** Tests hand in a stand-in for the pull API (and where its live socket would be). */
  hubApi?: HubApi;
  liveUrl?: string;
}

const META_COUNTY = 'county';
const META_LAST_SYNC = 'lastSyncAt';
/** The hub's sequence when the last complete catch-up began: how far behind the cache is, after an outage. */
const META_SYNCED_SEQ = 'syncedSeq';

export class SyncEngine {
  private readonly hub: HubApi;
  private readonly puller: Puller;
  private readonly live: LiveLink;
  private readonly tracker: LinkTracker;
  private readonly catchUpProgress = new CatchUpProgress();
  /** Ends a request to a hub that black-holes it at stop, rather than after its timeout. */
  private readonly abort = new AbortController();
  private readonly pullErrors = new Map<string, string>();
  private catchUpRunning: Promise<void> | null = null;
  private catchUpAgain = false;
  private retryAttempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private evaluateTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private firstSync: { promise: Promise<void>; resolve: () => void };

  constructor(private readonly o: SyncEngineOptions) {
    const client = new HubClient(o.hubUrl);
    this.hub = o.hubApi ?? client;
    this.puller = new Puller(o.store, this.hub, {
      pageLimit: o.pageLimit,
      onChanged: (collection, count) => {
        o.store.meta.set(META_LAST_SYNC, Date.now());
        o.bus.publish('data.changed', { collection, count });
      },
      onPage: (collection, cursor, rows) => {
        if (this.catchUpProgress.status.running) o.bus.publish('sync.progress', this.catchUpProgress.page(collection, cursor, rows));
      },
    });
    this.live = new LiveLink(o.liveUrl ?? client.liveUrl(), {
      onOpen: () => {
        o.log?.(`live link: connected to ${o.hubUrl}`);
        this.requestCatchUp();
        this.evaluate();
      },
      onClose: () => this.evaluate(),
      onPong: () => this.evaluate(),
      onMessage: (m) => this.onLive(m),
    }, { pingIntervalMs: o.pingIntervalMs, log: o.log });
    let resolve!: () => void;
    this.firstSync = { promise: new Promise<void>((r) => (resolve = r)), resolve };
    this.tracker = new LinkTracker(Date.now(), o.linkThresholds);
  }

  start(): void {
    this.live.start();
    this.requestCatchUp();
    this.evaluateTimer = setInterval(() => this.evaluate(), 1_000);
    this.evaluateTimer.unref();
  }

  /** Resolves when the cache has caught up with the hub once since start. */
  whenSynced(): Promise<void> {
    return this.firstSync.promise;
  }

  link(): LinkStatus {
    return this.tracker.status;
  }

  progress(): SyncProgress {
    return this.catchUpProgress.status;
  }

  county(): CountyInfo | null {
    return this.o.store.meta.get(META_COUNTY, CountyInfo);
  }

  lastSyncAt(): number | null {
    return this.o.store.meta.get(META_LAST_SYNC, z.number().int().nonnegative());
  }

  /** Stops reconnecting and pulling; nothing is written to the store after this resolves. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.evaluateTimer) clearInterval(this.evaluateTimer);
    await this.live.stop();
    await this.puller.stop();
    await this.catchUpRunning?.catch(() => undefined);
  }

  private onLive(message: HubLiveMessage): void {
    if (this.stopped) return;
    switch (message.type) {
      case 'positions':
        this.o.store.workers.applyPositions(message.items);
        this.o.bus.publish('workers.positions', { t: message.t, items: message.items });
        break;
      case 'changed':
        this.pull(message.collection);
        break;
      case 'hello':
      case 'pong':
        break;
    }
  }

  private pull(collection: SyncCollection): void {
    this.puller.pull(collection).then(
      () => this.pullSucceeded(collection),
      (err: unknown) => this.pullFailed(collection, err),
    );
  }

  /** Info (to notice a reset hub), then every collection; runs one at a time, folding repeat requests. */
  private requestCatchUp(): void {
    if (this.stopped) return;
    if (this.catchUpRunning) {
      this.catchUpAgain = true;
      return;
    }
    this.catchUpRunning = (async () => {
      do {
        this.catchUpAgain = false;
        try {
          await this.catchUp();
          this.pullErrors.clear();
          this.retryAttempt = 0;
          this.firstSync.resolve();
        } catch (err) {
          if (this.catchUpProgress.status.running && !this.stopped) this.o.bus.publish('sync.progress', this.catchUpProgress.end(false, Date.now()));
          this.pullFailed('catch-up', err);
        }
      } while (this.catchUpAgain && !this.stopped);
    })().finally(() => {
      this.catchUpRunning = null;
      this.evaluate();
    });
  }

  private async catchUp(): Promise<void> {
    const info = await this.hub.info(this.abort.signal);
    if (this.stopped) return;
    const { store, bus } = this.o;
    const cursors = Object.values(store.cursors.all());
    const newest = Math.max(0, ...cursors);
    let syncedSeq = store.meta.get(META_SYNCED_SEQ, z.number().int().nonnegative());
    if (info.seq < newest) {
      // The hub's sequence went backwards: it is a different or reset hub, and our cursors mean nothing there.
      this.o.log?.(`sync: hub sequence ${info.seq} is behind the cache (${newest}); reloading everything`);
      store.clearSynced();
      syncedSeq = null;
    }
    store.meta.set(META_COUNTY, info.county);
    const started = Date.now();
    bus.publish('sync.progress', this.catchUpProgress.start(PULL_ORDER.map((c) => [c, store.cursors.get(c)] as const), info.seq, syncedSeq, started));
    let written = 0;
    for (const collection of PULL_ORDER) {
      written += await this.puller.pull(collection);
      if (this.stopped) return;
      bus.publish('sync.progress', this.catchUpProgress.finished(collection));
    }
    const now = Date.now();
    store.meta.set(META_LAST_SYNC, now);
    store.meta.set(META_SYNCED_SEQ, info.seq);
    bus.publish('sync.progress', this.catchUpProgress.end(true, now));
    if (written > 0) this.o.log?.(`sync: caught up, ${written} rows in ${now - started} ms`);
  }

  private pullSucceeded(collection: string): void {
    if (this.pullErrors.delete(collection)) this.evaluate();
  }

  private pullFailed(what: string, err: unknown): void {
    if (this.stopped || err instanceof PullAborted) return;
    const message = err instanceof Error ? err.message : String(err);
    this.pullErrors.set(what, message);
    this.o.log?.(`sync: ${what} failed: ${message}`);
    this.evaluate();
    // Retry with a full catch-up (it covers any collection); the live socket's reconnect also triggers one.
    if (!this.retryTimer) {
      const delay = backoffDelay(this.retryAttempt++, this.o.retryBackoff ?? { baseMs: 1_000, maxMs: 30_000 });
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.requestCatchUp();
      }, delay);
      this.retryTimer.unref();
    }
  }

  private evaluate(): void {
    if (this.stopped) return;
    const s = this.live.state;
    const changed = this.tracker.update({
      socketOpen: s.open,
      socketError: s.lastError,
      silenceMs: s.open ? Date.now() - s.lastHeardAt : 0,
      rttMs: s.rttMs,
      pullError: this.pullErrors.values().next().value ?? null,
    }, Date.now());
    if (changed) {
      this.o.log?.(`link: ${changed.state}${changed.reason ? ` (${changed.reason})` : ''}`);
      this.o.bus.publish('link', changed);
    }
  }
}
