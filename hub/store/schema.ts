// The hub's tables: one per synced collection, each row its JSON record plus the hub-wide change number
// (seq) the station's cursors follow, and a few generated columns for the queries a real platform runs.
import type { SyncCollection } from '../../native/sync/hub-protocol.js';

/** Bump when the tables change; a data folder made by another version is refused with a clear message. */
export const SCHEMA_VERSION = 4;

/** Table names come from this map only: request input never reaches SQL text. */
export const TABLE: Readonly<Record<SyncCollection, string>> = {
  grids: 'grids',
  buildings: 'buildings',
  cameras: 'cameras',
  workers: 'workers',
  events: 'events',
  basemap: 'basemap',
  event_actions: 'event_actions',
  departments: 'departments',
  collection_items: 'collection_items',
  responsibilities: 'responsibilities',
  liaisons: 'liaisons',
  roster: 'roster',
  handovers: 'handovers',
  incidents: 'incidents',
  incident_log: 'incident_log',
  plans: 'plans',
};

/** The JSON field that identifies a record (grids are known by their code). */
export const ID_FIELD: Readonly<Record<SyncCollection, string>> = {
  grids: 'code',
  buildings: 'id',
  cameras: 'id',
  workers: 'id',
  events: 'id',
  basemap: 'id',
  event_actions: 'id',
  departments: 'code',
  collection_items: 'category',
  // A responsibility is known by category and level together: see idSql.
  responsibilities: 'category',
  liaisons: 'id',
  roster: 'id',
  handovers: 'id',
  incidents: 'id',
  incident_log: 'id',
  plans: 'id',
};

/** SQL for a record's id from its JSON `e`: the id field, or "category/level" for a responsibility. */
export function idSql(collection: SyncCollection, e = 'e'): string {
  if (collection === 'responsibilities') return `(${e}->>'category') || '/' || (${e}->>'level')`;
  return `${e}->>'${ID_FIELD[collection]}'`;
}

function collectionTable(name: string, extra: string): string {
  // data is json, not jsonb: the hub stores records and serves them verbatim, and json hands its text
  // back as stored while jsonb re-renders every row (pages came out 2–3× slower). Queries that need a
  // field use the generated columns.
  return `
create table ${name} (
  id text primary key,
  -- every insert and update takes the next hub_seq value: the station pulls "seq > cursor"
  seq bigint not null default nextval('hub_seq'),
  data json not null${extra ? `,\n  ${extra}` : ''}
);
create unique index ${name}_seq on ${name} (seq);`;
}

export const SCHEMA_SQL = `
create sequence hub_seq;
-- numbers the events the hub creates (EV<date><serial>), kept across restarts of a hub with a data folder
create sequence event_serial;
create table meta (key text primary key, value text not null);
${collectionTable('grids', `level text generated always as (data->>'level') stored,
  parent_code text generated always as (data->>'parentCode') stored`)}
${collectionTable('buildings', `grid_code text generated always as (data->>'gridCode') stored`)}
${collectionTable('cameras', `grid_code text generated always as (data->>'gridCode') stored`)}
${collectionTable('workers', `grid_code text generated always as (data->>'gridCode') stored`)}
${collectionTable('events', `grid_code text generated always as (data->>'gridCode') stored,
  state text generated always as (data->>'state') stored,
  version int generated always as ((data->>'version')::int) stored`)}
${collectionTable('basemap', `kind text generated always as (data->>'kind') stored`)}
-- The trace: one row per applied action, never updated or deleted. id = the client's idempotency key;
-- result = the event as the action left it, so a replayed key answers exactly what the first call did
-- (null for the seeded history, whose keys no client holds).
${collectionTable('event_actions', `event_id text not null,
  version int not null,
  result json`)}
create index event_actions_event on event_actions (event_id, version);
${collectionTable('departments', '')}
${collectionTable('collection_items', '')}
${collectionTable('responsibilities', '')}
-- Manual intake's idempotency keys: a replayed key answers with the event it created.
create table intake_keys (key text primary key, event_id text not null, result json not null);
-- Issue 7: duty and emergency command.
${collectionTable('liaisons', '')}
${collectionTable('roster', `date text generated always as (data->>'date') stored`)}
${collectionTable('handovers', '')}
${collectionTable('incidents', `state text generated always as (data->>'state') stored`)}
${collectionTable('incident_log', `incident_id text generated always as (data->>'incidentId') stored`)}
create index incident_log_incident on incident_log (incident_id, seq);
${collectionTable('plans', '')}
-- The duty writes' idempotency keys: what each key did (kind and target) and the answer it got, so a
-- replay answers exactly that and a key reused for another write is refused.
create table write_keys (key text primary key, kind text not null, target text not null, status int not null, result json not null);
create index grids_parent on grids (parent_code);
create index buildings_grid on buildings (grid_code);
create index cameras_grid on cameras (grid_code);
create index workers_grid on workers (grid_code);
create index events_grid_state on events (grid_code, state);
`;
