// An in-memory stand-in for the hub's pull API, for the puller's unit tests: collections of rows with
// sequence numbers, pages cut like the real hub cuts them, a log of requests and injectable failures.
import type { HubApi } from './hub-client.js';
import { HubError } from './hub-client.js';
import type { CollectionRow, HubInfo, SyncCollection, SyncPage } from './hub-protocol.js';

export class FakeHub implements HubApi {
  seq = 0;
  readonly rows: { [C in SyncCollection]: { seq: number; data: CollectionRow[C] }[] } = {
    grids: [], buildings: [], cameras: [], workers: [], events: [], basemap: [],
    event_actions: [], departments: [], collection_items: [], responsibilities: [],
    liaisons: [], roster: [], handovers: [], incidents: [], incident_log: [], plans: [],
  };
  readonly requests: string[] = [];
  /** Fail the nth page request from now (1 = the next one). */
  failOn: number | null = null;
  /** While set, page requests wait for it: lets a test hold a pull in flight. */
  gate: Promise<void> | null = null;
  private requestWaiters: { n: number; resolve: () => void }[] = [];
  /** Rewrites a page before it is returned, to break the protocol's rules. */
  tamper: ((page: SyncPage<SyncCollection>) => SyncPage<SyncCollection>) | null = null;

  add<C extends SyncCollection>(collection: C, items: readonly CollectionRow[C][]): void {
    const list = this.rows[collection] as { seq: number; data: CollectionRow[C] }[];
    for (const data of items) list.push({ seq: ++this.seq, data });
  }

  /** Resolves once at least n page requests have been made. */
  waitForRequests(n: number): Promise<void> {
    if (this.requests.length >= n) return Promise.resolve();
    return new Promise((resolve) => this.requestWaiters.push({ n, resolve }));
  }

  async info(): Promise<HubInfo> {
    return { protocol: 1, county: { code: '321023', name: '宝应县', nameEn: 'Baoying', center: [119.36, 33.24] }, serverTime: Date.now(), seq: this.seq };
  }

  async page<C extends SyncCollection>(collection: C, after: number, limit: number): Promise<SyncPage<C>> {
    this.requests.push(`${collection}>${after}`);
    this.requestWaiters = this.requestWaiters.filter((w) => (this.requests.length >= w.n ? (w.resolve(), false) : true));
    if (this.gate) await this.gate;
    if (this.failOn !== null && --this.failOn === 0) {
      this.failOn = null;
      throw new HubError('hub unreachable: injected failure');
    }
    const newer = (this.rows[collection] as { seq: number; data: CollectionRow[C] }[]).filter((r) => r.seq > after);
    const rows = newer.slice(0, limit);
    const page = { collection, rows, cursor: rows.at(-1)?.seq ?? after, more: newer.length > limit } as SyncPage<C>;
    return (this.tamper ? this.tamper(page as unknown as SyncPage<SyncCollection>) : page) as SyncPage<C>;
  }
}
