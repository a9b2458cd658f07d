// The station's local cache (better-sqlite3): opens the file in WAL mode, brings its schema up to date,
// and hands out one repository per collection. Nothing here knows about sync timing or the API.
import Database from 'better-sqlite3';
import type { Counts } from '../api/contract.js';
import type { CollectionRow, SyncCollection } from '../sync/hub-protocol.js';
import { BasemapRepo } from './basemap.js';
import { BuildingsRepo } from './buildings.js';
import { CamerasRepo } from './cameras.js';
import { DutyRepo } from './duty.js';
import { EventActionsRepo } from './event-actions.js';
import { EventsRepo } from './events.js';
import { GridsRepo } from './grids.js';
import { ListsRepo } from './lists.js';
import { MediaRepo } from './media.js';
import { MetaRepo } from './meta.js';
import { migrate, type Migration, type MigrationResult } from './migrate.js';
import { migrations as shippedMigrations } from './migrations/index.js';
import { OutboxRepo } from './outbox.js';
import { ShiftRepo } from './shift.js';
import { StatsRepo } from './stats.js';
import { SyncCursorsRepo } from './sync-cursors.js';
import { WorkersRepo } from './workers.js';

export interface OpenStoreOptions {
  /**
   * Path of a better_sqlite3.node to load instead of the one built for Node, e.g. the Electron-ABI copy
   * in native-build/electron/. Leave it out under plain Node.
   */
  nativeBinding?: string;
  /** Tests replace the migration list; the station always uses the shipped one. */
  migrations?: readonly Migration[];
}

export interface SyncedRow<C extends SyncCollection> {
  seq: number;
  data: CollectionRow[C];
}

type Writer<C extends SyncCollection> = (row: CollectionRow[C], seq: number) => void;

export class Store {
  readonly grids: GridsRepo;
  readonly buildings: BuildingsRepo;
  readonly cameras: CamerasRepo;
  readonly workers: WorkersRepo;
  readonly events: EventsRepo;
  readonly basemap: BasemapRepo;
  readonly cursors: SyncCursorsRepo;
  readonly meta: MetaRepo;
  readonly actions: EventActionsRepo;
  readonly lists: ListsRepo;
  readonly outbox: OutboxRepo;
  readonly stats: StatsRepo;
  readonly media: MediaRepo;
  readonly duty: DutyRepo;
  readonly shift: ShiftRepo;
  private readonly writers: { [C in SyncCollection]: Writer<C> };

  constructor(readonly db: Database.Database, readonly migration: MigrationResult) {
    this.grids = new GridsRepo(db);
    this.buildings = new BuildingsRepo(db);
    this.cameras = new CamerasRepo(db);
    this.workers = new WorkersRepo(db);
    this.events = new EventsRepo(db);
    this.basemap = new BasemapRepo(db);
    this.cursors = new SyncCursorsRepo(db);
    this.meta = new MetaRepo(db);
    this.actions = new EventActionsRepo(db);
    this.lists = new ListsRepo(db);
    this.outbox = new OutboxRepo(db);
    this.stats = new StatsRepo(db);
    this.media = new MediaRepo(db);
    this.duty = new DutyRepo(db);
    this.shift = new ShiftRepo(db);
    this.writers = {
      grids: (r, s) => this.grids.upsert(r, s),
      buildings: (r, s) => this.buildings.upsert(r, s),
      cameras: (r, s) => this.cameras.upsert(r, s),
      workers: (r, s) => this.workers.upsert(r, s),
      events: (r, s) => this.events.upsert(r, s),
      basemap: (r, s) => this.basemap.upsert(r, s),
      event_actions: (r, s) => this.actions.upsert(r, s),
      departments: (r, s) => this.lists.upsertDepartment(r, s),
      collection_items: (r, s) => this.lists.upsertItem(r, s),
      responsibilities: (r, s) => this.lists.upsertResponsibility(r, s),
      liaisons: (r, s) => this.duty.upsertLiaison(r, s),
      roster: (r, s) => this.duty.upsertRoster(r, s),
      handovers: (r, s) => this.duty.upsertHandover(r, s),
      incidents: (r, s) => this.duty.upsertIncident(r, s),
      incident_log: (r, s) => this.duty.upsertLog(r, s),
      plans: (r, s) => this.duty.upsertPlan(r, s),
    };
  }

  /**
   * Writes one pulled page and moves the collection's cursor in the same transaction, so that a crash
   * at any instant leaves the cursor at or behind the rows the cache holds, never ahead of them.
   */
  applyPage<C extends SyncCollection>(collection: C, rows: readonly SyncedRow<C>[], cursor: number): void {
    const write = this.writers[collection] as Writer<C>;
    this.db.transaction(() => {
      for (const row of rows) write(row.data, row.seq);
      this.cursors.set(collection, cursor);
    }).immediate();
  }

  /** Forgets everything pulled from the hub (its history was reset): the next pull starts from zero. */
  clearSynced(): void {
    this.db.transaction(() => {
      // The outbox and the media cache are this seat's own: a reset hub does not erase what was written here.
      for (const repo of [this.grids, this.buildings, this.cameras, this.workers, this.events, this.basemap, this.actions, this.lists, this.duty]) repo.clear();
      this.cursors.clear();
    }).immediate();
  }

  counts(): Counts {
    return {
      grids: this.grids.count(),
      buildings: this.buildings.count(),
      cameras: this.cameras.count(),
      workers: this.workers.count(),
      events: this.events.count(),
    };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export function openStore(path: string, options: OpenStoreOptions = {}): Store {
  const db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only a power cut may lose the last commits,
    // which the next pull brings back from the hub.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // A year of events with their indexes is ~150 MB: SQLite's default 2 MB page cache would make every
    // list page and sync batch read from disk. 64 MB (the cache is per connection; the station has one).
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    const result = migrate(db, options.migrations ?? shippedMigrations);
    return new Store(db, result);
  } catch (err) {
    db.close();
    throw err;
  }
}
