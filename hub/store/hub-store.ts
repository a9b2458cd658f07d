// The hub's storage: loads the county into PostgreSQL (PGlite) in one bulk statement per collection,
// cuts sync pages by the hub-wide change sequence, and records new events and worker fixes.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { GridEvent, Worker } from '../../native/api/model.js';
import type { SyncCollection } from '../../native/sync/hub-protocol.js';
import type { CountyData } from '../county/types.js';
import { openDb, type OpenedDb } from './open-db.js';
import { ID_FIELD, SCHEMA_SQL, SCHEMA_VERSION, TABLE } from './schema.js';

type DbOrigin = OpenedDb['origin'];
/** Each county collection as one JSON array, the bulk statement's parameter. */
type CountyJson = Record<(typeof COUNTY_COLLECTIONS)[number], string>;

/** The county's own collections: loaded from the county file, never written by the simulation. */
const COUNTY_COLLECTIONS = ['grids', 'basemap', 'buildings', 'cameras', 'workers'] as const;

export interface HubStoreOptions {
  county: CountyData;
  /** The cluster's folder; null keeps it in memory. */
  dataDir: string | null;
  /** Where database templates are cached; null builds every database afresh. */
  cacheDir: string | null;
  log?: (line: string) => void;
}

/** One page, already serialised: rows come out of PostgreSQL as JSON text and go to the wire untouched. */
export interface PageText {
  json: string;
  count: number;
  cursor: number;
  more: boolean;
}

export interface HubStore {
  /** How the database came to be; anything but 'reopened' is new and the caller seeds it. */
  readonly origin: DbOrigin;
  /** The newest change number across every collection (0 before any change). */
  seq(): Promise<number>;
  page(collection: SyncCollection, after: number, limit: number): Promise<PageText>;
  /** Takes `n` consecutive event serial numbers. */
  takeEventSerials(n: number): Promise<number>;
  /** Inserts events in the given order; resolves to the seq of the last. */
  insertEvents(events: readonly GridEvent[]): Promise<number>;
  /** Replaces the workers' records (their latest fixes) by id; resolves to the seq of the last. */
  writeWorkers(workers: readonly Worker[]): Promise<number>;
  count(collection: SyncCollection): Promise<number>;
  close(): Promise<void>;
}

/** A template made by another PGlite may not load in this one. (Its package.json is not exported.) */
function pgliteVersion(): string {
  try {
    const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    const pkg = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** What the county contributes to the database: workers lose their routes (the simulator keeps those). */
function countyRecords(county: CountyData): Record<(typeof COUNTY_COLLECTIONS)[number], unknown[]> {
  return {
    grids: county.grids,
    basemap: county.basemap,
    buildings: county.buildings,
    cameras: county.cameras,
    workers: county.workers.map(({ route: _route, speedMps: _speed, ...record }) => record),
  };
}

/**
 * Brings a collection's table to exactly these records in one statement: new ones are inserted, changed
 * ones updated with a new seq (so stations pull them), unchanged ones keep their seq, missing ones go.
 */
function upsertSql(collection: SyncCollection): string {
  const t = TABLE[collection];
  return `
with src as (
  select e->>'${ID_FIELD[collection]}' as id, e as data
  from json_array_elements($1::json) with ordinality as x(e, n) order by n
), gone as (
  delete from ${t} where id not in (select id from src)
)
insert into ${t} (id, data) select id, data from src
on conflict (id) do update set data = excluded.data, seq = nextval('hub_seq')
  where ${t}.data::text is distinct from excluded.data::text`;
}

const SEQ_SQL = `select case when is_called then last_value else 0 end as seq from hub_seq`;

export async function openHubStore(opts: HubStoreOptions): Promise<HubStore> {
  const log = opts.log ?? (() => undefined);
  const records = countyRecords(opts.county);
  const countyJson = Object.fromEntries(COUNTY_COLLECTIONS.map((c) => [c, JSON.stringify(records[c])])) as CountyJson;
  const fingerprint = createHash('sha256');
  for (const c of COUNTY_COLLECTIONS) fingerprint.update(`${c}\n${countyJson[c]}\n`);
  const countyHash = fingerprint.digest('hex');
  const templateKey = createHash('sha256').update(`${pgliteVersion()}/${SCHEMA_VERSION}/${countyHash}`).digest('hex').slice(0, 24);

  const { db, origin } = await openDb({
    dataDir: opts.dataDir,
    cacheDir: opts.cacheDir,
    templateKey,
    log,
    build: async (fresh) => {
      await fresh.exec(SCHEMA_SQL);
      await loadCounty(fresh, countyJson, countyHash);
    },
  });
  try {
    if (origin === 'reopened') await checkExisting(db, opts.dataDir ?? '', countyJson, countyHash, log);
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  return new PgHubStore(db, origin);
}

async function loadCounty(db: PGlite, countyJson: CountyJson, countyHash: string): Promise<void> {
  await db.transaction(async (tx) => {
    for (const c of COUNTY_COLLECTIONS) await tx.query(upsertSql(c), [countyJson[c]]);
    await tx.query(
      `insert into meta (key, value) values ('schema_version', $1), ('county_hash', $2)
       on conflict (key) do update set value = excluded.value`,
      [String(SCHEMA_VERSION), countyHash],
    );
  });
}

/** A data folder from an earlier run: refuse another schema; bring a regenerated county in as changes. */
async function checkExisting(
  db: PGlite,
  dataDir: string,
  countyJson: CountyJson,
  countyHash: string,
  log: (line: string) => void,
): Promise<void> {
  const meta = await db.query<{ key: string; value: string }>(`select key, value from meta`).catch(() => null);
  const get = (key: string) => meta?.rows.find((r) => r.key === key)?.value;
  if (get('schema_version') !== String(SCHEMA_VERSION)) {
    throw new Error(
      `hub data in ${dataDir} has schema ${get('schema_version') ?? 'unknown'}, this hub needs ${SCHEMA_VERSION}: move the folder away to start afresh`,
    );
  }
  if (get('county_hash') !== countyHash) {
    log('the county file changed since this data folder was made: loading it as changes');
    await loadCounty(db, countyJson, countyHash);
  }
}

class PgHubStore implements HubStore {
  constructor(private readonly db: PGlite, readonly origin: DbOrigin) {}

  async seq(): Promise<number> {
    const r = await this.db.query<{ seq: number | bigint }>(SEQ_SQL);
    return Number(r.rows[0]?.seq ?? 0);
  }

  async page(collection: SyncCollection, after: number, limit: number): Promise<PageText> {
    // PostgreSQL writes the rows' JSON itself: one string crosses into JavaScript, not one value per
    // row. One row past the limit tells whether more follow.
    const r = await this.db.query<{ rows: string | null; count: number | bigint; cursor: number | bigint | null; more: boolean }>(
      `with p as (
         select seq, data, row_number() over (order by seq) as n
         from ${TABLE[collection]} where seq > $1 order by seq limit $2 + 1
       )
       select string_agg('{"seq":' || seq || ',"data":' || data::text || '}', ',' order by seq) filter (where n <= $2) as rows,
              count(*) filter (where n <= $2) as count,
              max(seq) filter (where n <= $2) as cursor,
              count(*) > $2 as more
       from p`,
      [after, limit],
    );
    const row = r.rows[0];
    const count = Number(row?.count ?? 0);
    const cursor = row?.cursor == null ? after : Number(row.cursor);
    const more = row?.more === true;
    const json = `{"collection":"${collection}","rows":[${row?.rows ?? ''}],"cursor":${cursor},"more":${more}}`;
    return { json, count, cursor, more };
  }

  async takeEventSerials(n: number): Promise<number> {
    const r = await this.db.query<{ first: number | bigint }>(
      `select min(v) as first from (select nextval('event_serial') as v from generate_series(1, $1::int)) s`,
      [n],
    );
    return Number(r.rows[0]?.first ?? 1);
  }

  async insertEvents(events: readonly GridEvent[]): Promise<number> {
    if (events.length === 0) return this.seq();
    const r = await this.db.query<{ last: number | bigint }>(
      `with ins as (
         insert into events (id, data)
         select e->>'id', e from json_array_elements($1::json) with ordinality as x(e, n) order by n
         returning seq
       ) select max(seq) as last from ins`,
      [JSON.stringify(events)],
    );
    return Number(r.rows[0]?.last ?? 0);
  }

  async writeWorkers(workers: readonly Worker[]): Promise<number> {
    const r = await this.db.query<{ last: number | bigint | null }>(
      `with upd as (
         update workers w set data = e, seq = nextval('hub_seq')
         from json_array_elements($1::json) as e
         where w.id = e->>'id'
         returning w.seq
       ) select max(seq) as last from upd`,
      [JSON.stringify(workers)],
    );
    return r.rows[0]?.last == null ? this.seq() : Number(r.rows[0].last);
  }

  async count(collection: SyncCollection): Promise<number> {
    const r = await this.db.query<{ n: number | bigint }>(`select count(*) as n from ${TABLE[collection]}`);
    return Number(r.rows[0]?.n ?? 0);
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}
