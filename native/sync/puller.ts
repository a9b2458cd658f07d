// Pulls each collection from the hub into the cache, page by page from its cursor; each page and its
// cursor land in one transaction, and the event loop gets a turn between pages. Pulls of one collection
// run one at a time, and requests that arrive while one runs fold into a single follow-up pull.
import type { Store } from '../store/store.js';
import { HubError, type HubApi } from './hub-client.js';
import { SYNC_PAGE_MAX, type SyncCollection, type SyncPage } from './hub-protocol.js';

/**
 * Initial load order: the hierarchy first, so the first screens have something to hang the rest on; the
 * routing lists before the events they name, the trace after them.
 */
export const PULL_ORDER: readonly SyncCollection[] = [
  'grids', 'basemap', 'departments', 'collection_items', 'responsibilities', 'buildings', 'cameras', 'workers', 'events',
  'event_actions', 'plans', 'liaisons', 'roster', 'incidents', 'incident_log', 'handovers',
];

export interface PullerOptions {
  pageLimit?: number;
  /** Called once per pull that changed rows, after they are committed. */
  onChanged?: (collection: SyncCollection, count: number) => void;
  /** Called after each committed page: where the collection's cursor is now and how many rows came. */
  onPage?: (collection: SyncCollection, cursor: number, rows: number) => void;
}

/** Gives the event loop a turn: a long catch-up must not starve the API, the live socket or the outbox. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class PullAborted extends Error {
  override readonly name = 'PullAborted';
}

/** Checks what the protocol's schema cannot: the page moves forward and its rows sit inside its range. */
export function checkPageOrder(collection: SyncCollection, after: number, page: SyncPage<SyncCollection>): void {
  if (page.cursor < after) {
    throw new HubError(`hub moved the ${collection} cursor backwards (asked after ${after}, got ${page.cursor})`);
  }
  let previous = after;
  for (const row of page.rows) {
    if (row.seq <= previous || row.seq > page.cursor) {
      throw new HubError(`hub sent ${collection} rows out of order (seq ${row.seq} after ${previous}, page cursor ${page.cursor})`);
    }
    previous = row.seq;
  }
  if (page.more && page.rows.length === 0) {
    throw new HubError(`hub said more ${collection} rows follow ${after} but sent none`);
  }
}

export class Puller {
  private readonly pageLimit: number;
  private readonly queued = new Map<SyncCollection, Promise<number>>();
  private readonly tail = new Map<SyncCollection, Promise<unknown>>();
  private readonly abort = new AbortController();

  constructor(private readonly store: Store, private readonly hub: HubApi, private readonly options: PullerOptions = {}) {
    this.pageLimit = Math.min(options.pageLimit ?? SYNC_PAGE_MAX, SYNC_PAGE_MAX);
  }

  /** Brings one collection up to date; resolves to the number of rows written. */
  pull(collection: SyncCollection): Promise<number> {
    const waiting = this.queued.get(collection);
    if (waiting) return waiting;
    const previous = this.tail.get(collection) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(() => {
        this.queued.delete(collection);
        return this.pullNow(collection);
      });
    this.queued.set(collection, next);
    this.tail.set(collection, next);
    return next;
  }

  /** Every collection in load order; stops at the first failure. */
  async pullAll(): Promise<number> {
    let total = 0;
    for (const c of PULL_ORDER) total += await this.pull(c);
    return total;
  }

  /** No page is written after this returns; in-flight requests are aborted. */
  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.allSettled([...this.tail.values()]);
  }

  private async pullNow(collection: SyncCollection): Promise<number> {
    let written = 0;
    try {
      let cursor = this.store.cursors.get(collection);
      for (;;) {
        if (this.abort.signal.aborted) throw new PullAborted('sync stopped');
        const page = await this.hub.page(collection, cursor, this.pageLimit, this.abort.signal);
        if (this.abort.signal.aborted) throw new PullAborted('sync stopped');
        checkPageOrder(collection, cursor, page);
        if (page.rows.length > 0 || page.cursor !== cursor) {
          this.store.applyPage(collection, page.rows, page.cursor);
        }
        written += page.rows.length;
        cursor = page.cursor;
        this.options.onPage?.(collection, cursor, page.rows.length);
        if (!page.more) return written;
        await yieldToEventLoop();
      }
    } finally {
      if (written > 0) this.options.onChanged?.(collection, written);
    }
  }
}
