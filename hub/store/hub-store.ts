// The hub's storage: loads the county into PostgreSQL (PGlite) in one bulk statement per collection,
// cuts sync pages by the hub-wide change sequence, and records new events and worker fixes.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { CollectionItem, Department, EventAction, GridEvent, Lists, Responsibility, Worker } from '../../native/api/model.js';
import type { ActionApplied, SyncCollection } from '../../native/sync/hub-protocol.js';
import type { CountyData } from '../county/types.js';
import { openDb, type OpenedDb } from './open-db.js';
import { SCHEMA_SQL, SCHEMA_VERSION, TABLE, idSql } from './schema.js';

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
  /** One event as it is now, or null. */
  event(id: string): Promise<GridEvent | null>;
  /** Events in any of these states, oldest change first (the field simulation's work list). */
  eventsInStates(states: readonly string[], limit: number, changedSince?: number): Promise<GridEvent[]>;
  /** One event's actions, oldest first. */
  actions(eventId: string): Promise<EventAction[]>;
  /**
   * Bulk-inserts actions (the seeded history); resolves to the seq of the last. Their results are not
   * kept (a tenth of the bytes): no client holds these keys, and a replay of one answers the event as it is.
   */
  insertActions(actions: readonly EventAction[]): Promise<number>;
  /**
   * Applies one action atomically: a known key replays its stored result; otherwise the event is read, its
   * version compared with `expectedVersion`, `decide` asked (the state machine), and the new event and
   * the action written in one transaction, the UPDATE guarded by the version it read.
   */
  applyAction(eventId: string, key: string, expectedVersion: number, decide: (current: GridEvent) => Decision): Promise<ApplyOutcome>;
  /** Creates an event for an intake key, or answers the event an earlier call with the key created. */
  intake(key: string, make: () => Promise<GridEvent>): Promise<{ replayed: boolean; event: GridEvent; seq: number }>;
  /** Shipped departments and collection items as shipped; responsibilities only where missing (edits stay). */
  syncLists(lists: Lists): Promise<number>;
  lists(): Promise<Lists>;
  /** Writes one responsibility row (an administrator's edit); resolves to its new seq. */
  putResponsibility(row: Responsibility): Promise<number>;
  /** Brings a shipped collection (plans, liaisons) to exactly these records; resolves to the newest seq. */
  replaceShipped(collection: ShippedCollection, records: readonly { id: string }[]): Promise<number>;
  /**
   * Inserts the records whose id is missing and keeps the rest (the generated roster: edits stay); resolves
   * to the seq of the last one inserted, or null when none was missing.
   */
  insertMissing(collection: 'roster', records: readonly { id: string }[]): Promise<number | null>;
  /** One record of a duty collection, or null. */
  record<T>(collection: DutyCollection, id: string): Promise<T | null>;
  /** Every record of a duty collection, oldest change first (tests, small collections). */
  records<T>(collection: DutyCollection): Promise<T[]>;
  /**
   * One idempotent duty write, in one transaction: a known key answers its stored result (or key_reused
   * when it was used for another kind or target); otherwise `decide` reads what it needs and says what to
   * write, and the writes, each taking the next seq, are stored with the key and the answer.
   */
  keyedWrite<R>(key: string, kind: string, target: string, decide: (tx: WriteTx) => Promise<WriteDecision<R>>): Promise<KeyedOutcome<R>>;
  close(): Promise<void>;
}

/** Collections the hub ships as data and replaces at start. */
export type ShippedCollection = 'plans' | 'liaisons';
/** Collections the duty writes read and write. */
export type DutyCollection = 'liaisons' | 'roster' | 'handovers' | 'incidents' | 'incident_log' | 'plans';

export interface WriteTx {
  get<T>(collection: DutyCollection, id: string): Promise<T | null>;
}

export type WriteDecision<R> =
  | { ok: true; status: number; result: R; writes: readonly { collection: DutyCollection; id: string; data: unknown }[] }
  | { ok: false; status: number; code: string; message: string };

export type KeyedOutcome<R> =
  /** seqs: the newest seq each written collection took. */
  | { kind: 'applied'; status: number; result: R; seqs: Partial<Record<DutyCollection, number>> }
  | { kind: 'replayed'; result: R }
  | { kind: 'key_reused'; priorKind: string; target: string }
  | { kind: 'refused'; status: number; code: string; message: string };


/** What the state machine says about an action on the current event. */
export type Decision =
  | { ok: true; event: GridEvent; action: EventAction }
  | { ok: false; code: string; message: string };

export type ApplyOutcome =
  /** eventSeq and actionSeq: the seqs the event row and the action row took. */
  | { kind: 'applied'; body: ActionApplied; eventSeq: number; actionSeq: number }
  | { kind: 'replayed'; body: ActionApplied }
  | { kind: 'not_found' }
  /** The key was used for an action on another event. */
  | { kind: 'key_reused'; eventId: string }
  | { kind: 'conflict'; event: GridEvent; since: EventAction[] }
  | { kind: 'refused'; code: string; message: string };

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
  select ${idSql(collection)} as id, e as data
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
  // The schema's text too, not only its version: a template from a build with other tables never loads here.
  const templateKey = createHash('sha256').update(`${pgliteVersion()}/${SCHEMA_VERSION}/${SCHEMA_SQL}/${countyHash}`).digest('hex').slice(0, 24);

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

  async event(id: string): Promise<GridEvent | null> {
    const r = await this.db.query<{ data: GridEvent }>(`select data from events where id = $1`, [id]);
    return r.rows[0]?.data ?? null;
  }

  async eventsInStates(states: readonly string[], limit: number, changedSince = 0): Promise<GridEvent[]> {
    const r = await this.db.query<{ data: GridEvent }>(
      `select data from events where state = any($1::text[]) and (data->>'updatedAt')::bigint >= $3 order by seq limit $2`,
      [states, limit, changedSince],
    );
    return r.rows.map((row) => row.data);
  }

  async actions(eventId: string): Promise<EventAction[]> {
    const r = await this.db.query<{ data: EventAction }>(`select data from event_actions where event_id = $1 order by version`, [eventId]);
    return r.rows.map((row) => row.data);
  }

  async insertActions(actions: readonly EventAction[]): Promise<number> {
    if (actions.length === 0) return this.seq();
    const r = await this.db.query<{ last: number | bigint }>(
      `with ins as (
         insert into event_actions (id, event_id, version, data)
         select id, event_id, version, data::json
         from unnest($1::text[], $2::text[], $3::int[], $4::text[]) with ordinality as x(id, event_id, version, data, n)
         order by n
         returning seq
       ) select max(seq) as last from ins`,
      [actions.map((a) => a.id), actions.map((a) => a.eventId), actions.map((a) => a.version), actions.map((a) => JSON.stringify(a))],
    );
    return Number(r.rows[0]?.last ?? 0);
  }

  async applyAction(eventId: string, key: string, expectedVersion: number, decide: (current: GridEvent) => Decision): Promise<ApplyOutcome> {
    return this.db.transaction(async (tx): Promise<ApplyOutcome> => {
      const known = await tx.query<{ event_id: string; data: EventAction; result: GridEvent | null }>(
        `select a.event_id, a.data, coalesce(a.result, e.data) as result
         from event_actions a left join events e on e.id = a.event_id where a.id = $1`,
        [key],
      );
      const prior = known.rows[0];
      if (prior) {
        if (prior.event_id !== eventId || !prior.result) return { kind: 'key_reused', eventId: prior.event_id };
        return { kind: 'replayed', body: { applied: true, event: prior.result, action: prior.data } };
      }
      const cur = await tx.query<{ data: GridEvent }>(`select data from events where id = $1`, [eventId]);
      const current = cur.rows[0]?.data;
      if (!current) return { kind: 'not_found' };
      if (current.version !== expectedVersion) {
        const since = await tx.query<{ data: EventAction }>(
          `select data from event_actions where event_id = $1 and version > $2 order by version`,
          [eventId, expectedVersion],
        );
        return { kind: 'conflict', event: current, since: since.rows.map((r) => r.data) };
      }
      const decision = decide(current);
      if (!decision.ok) return { kind: 'refused', code: decision.code, message: decision.message };
      const { event, action } = decision;
      // Guarded by the version read above: were anything to slip in between, this writes nothing.
      const upd = await tx.query<{ seq: number | bigint }>(
        `update events set data = $2::json, seq = nextval('hub_seq') where id = $1 and version = $3 returning seq`,
        [eventId, JSON.stringify(event), expectedVersion],
      );
      if (upd.rows.length !== 1) {
        const now = await tx.query<{ data: GridEvent }>(`select data from events where id = $1`, [eventId]);
        return { kind: 'conflict', event: now.rows[0]?.data ?? current, since: [] };
      }
      const ins = await tx.query<{ seq: number | bigint }>(
        `insert into event_actions (id, event_id, version, data, result) values ($1, $2, $3, $4::json, $5::json) returning seq`,
        [key, eventId, action.version, JSON.stringify(action), JSON.stringify(event)],
      );
      return { kind: 'applied', body: { applied: true, event, action }, eventSeq: Number(upd.rows[0]!.seq), actionSeq: Number(ins.rows[0]?.seq ?? 0) };
    });
  }

  async intake(key: string, make: () => Promise<GridEvent>): Promise<{ replayed: boolean; event: GridEvent; seq: number }> {
    const known = await this.db.query<{ result: GridEvent }>(`select result from intake_keys where key = $1`, [key]);
    const prior = known.rows[0];
    if (prior) return { replayed: true, event: prior.result, seq: await this.seq() };
    const event = await make();
    return this.db.transaction(async (tx) => {
      // The key is claimed first: of two calls racing with one key, the second finds it and replays.
      const claim = await tx.query<{ key: string }>(
        `insert into intake_keys (key, event_id, result) values ($1, $2, $3::json) on conflict (key) do nothing returning key`,
        [key, event.id, JSON.stringify(event)],
      );
      if (claim.rows.length === 0) {
        const again = await tx.query<{ result: GridEvent }>(`select result from intake_keys where key = $1`, [key]);
        return { replayed: true, event: again.rows[0]!.result, seq: 0 };
      }
      const ins = await tx.query<{ seq: number | bigint }>(`insert into events (id, data) values ($1, $2::json) returning seq`, [event.id, JSON.stringify(event)]);
      return { replayed: false, event, seq: Number(ins.rows[0]?.seq ?? 0) };
    });
  }

  async syncLists(lists: Lists): Promise<number> {
    await this.db.transaction(async (tx) => {
      await tx.query(upsertSql('departments'), [JSON.stringify(lists.departments)]);
      await tx.query(upsertSql('collection_items'), [JSON.stringify(lists.collectionItems)]);
      await tx.query(
        `insert into responsibilities (id, data)
         select ${idSql('responsibilities')}, e from json_array_elements($1::json) with ordinality as x(e, n) order by n
         on conflict (id) do nothing`,
        [JSON.stringify(lists.responsibilities)],
      );
    });
    return this.seq();
  }

  async lists(): Promise<Lists> {
    const all = async <T>(table: string) =>
      (await this.db.query<{ data: T }>(`select data from ${table} order by id`)).rows.map((r) => r.data);
    return {
      departments: await all<Department>('departments'),
      collectionItems: await all<CollectionItem>('collection_items'),
      responsibilities: await all<Responsibility>('responsibilities'),
    };
  }

  async putResponsibility(row: Responsibility): Promise<number> {
    const r = await this.db.query<{ seq: number | bigint }>(
      `insert into responsibilities (id, data) values ($1, $2::json)
       on conflict (id) do update set data = excluded.data, seq = nextval('hub_seq') returning seq`,
      [`${row.category}/${row.level}`, JSON.stringify(row)],
    );
    return Number(r.rows[0]?.seq ?? 0);
  }

  async replaceShipped(collection: ShippedCollection, records: readonly { id: string }[]): Promise<number> {
    await this.db.query(upsertSql(collection), [JSON.stringify(records)]);
    return this.seq();
  }

  async insertMissing(collection: 'roster', records: readonly { id: string }[]): Promise<number | null> {
    const r = await this.db.query<{ last: number | bigint | null }>(
      `with ins as (
         insert into ${TABLE[collection]} (id, data)
         select e->>'id', e from json_array_elements($1::json) with ordinality as x(e, n)
         -- filtered first: a conflicting insert would still draw a seq value from the default
         where not exists (select 1 from ${TABLE[collection]} t where t.id = e->>'id')
         order by n
         on conflict (id) do nothing
         returning seq
       ) select max(seq) as last from ins`,
      [JSON.stringify(records)],
    );
    return r.rows[0]?.last == null ? null : Number(r.rows[0].last);
  }

  async record<T>(collection: DutyCollection, id: string): Promise<T | null> {
    const r = await this.db.query<{ data: T }>(`select data from ${TABLE[collection]} where id = $1`, [id]);
    return r.rows[0]?.data ?? null;
  }

  async records<T>(collection: DutyCollection): Promise<T[]> {
    const r = await this.db.query<{ data: T }>(`select data from ${TABLE[collection]} order by seq`);
    return r.rows.map((row) => row.data);
  }

  async keyedWrite<R>(key: string, kind: string, target: string, decide: (tx: WriteTx) => Promise<WriteDecision<R>>): Promise<KeyedOutcome<R>> {
    // PGlite runs one transaction at a time, so two calls racing with one key are serialised: the second
    // finds the key the first stored and replays it.
    return this.db.transaction(async (tx): Promise<KeyedOutcome<R>> => {
      const known = await tx.query<{ kind: string; target: string; result: R }>(`select kind, target, result from write_keys where key = $1`, [key]);
      const prior = known.rows[0];
      if (prior) {
        if (prior.kind !== kind || prior.target !== target) return { kind: 'key_reused', priorKind: prior.kind, target: prior.target };
        return { kind: 'replayed', result: prior.result };
      }
      const decision = await decide({
        get: async <T>(collection: DutyCollection, id: string) =>
          (await tx.query<{ data: T }>(`select data from ${TABLE[collection]} where id = $1`, [id])).rows[0]?.data ?? null,
      });
      if (!decision.ok) return { kind: 'refused', status: decision.status, code: decision.code, message: decision.message };
      const seqs: Partial<Record<DutyCollection, number>> = {};
      for (const w of decision.writes) {
        const r = await tx.query<{ seq: number | bigint }>(
          `insert into ${TABLE[w.collection]} (id, data) values ($1, $2::json)
           on conflict (id) do update set data = excluded.data, seq = nextval('hub_seq') returning seq`,
          [w.id, JSON.stringify(w.data)],
        );
        seqs[w.collection] = Math.max(seqs[w.collection] ?? 0, Number(r.rows[0]?.seq ?? 0));
      }
      await tx.query(`insert into write_keys (key, kind, target, status, result) values ($1, $2, $3, $4, $5::json)`, [
        key, kind, target, decision.status, JSON.stringify(decision.result),
      ]);
      return { kind: 'applied', status: decision.status, result: decision.result, seqs };
    });
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}
