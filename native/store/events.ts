// Events (事件, work orders) in the cache: upsert from sync or from the hub's answer to this seat's write,
// the open ones county-wide or under a grid, and the filtered, paged event list.
import type Database from 'better-sqlite3';
import type { EventListParams } from '../api/contract.js';
import type { EventState, GridEvent } from '../api/model.js';
import { cachedJson } from './cached-json.js';
import { subtreeRange } from './code-range.js';

/** States that end an event's life; every other state is open work. Keep in step with the partial indexes. */
export const CLOSED_EVENT_STATES: readonly EventState[] = ['archived', 'merged'];

export function isOpenEvent(state: EventState): boolean {
  return !CLOSED_EVENT_STATES.includes(state);
}

const OPEN = `state NOT IN ('archived', 'merged')`;

/** The list query with every default filled in (the contract's output type). */
export type EventQuery = Required<Pick<EventListParams, 'sort' | 'limit' | 'offset'>> & Omit<EventListParams, 'sort' | 'limit' | 'offset'>;

const COLUMNS = `id, grid_code, state, source, category, severity, department, level, deadline_at, supervised,
  reported_at, closed_at, updated_at, version, lon, lat, search, seq, data`;
const VALUES = `@id, @gridCode, @state, @source, @category, @severity, @department, @level, @deadlineAt, @supervised,
  @reportedAt, @closedAt, @updatedAt, @version, @lon, @lat, @search, @seq, @data`;
const SET = `grid_code = excluded.grid_code, state = excluded.state, source = excluded.source,
  category = excluded.category, severity = excluded.severity, department = excluded.department, level = excluded.level,
  deadline_at = excluded.deadline_at, supervised = excluded.supervised, reported_at = excluded.reported_at,
  closed_at = excluded.closed_at, updated_at = excluded.updated_at, version = excluded.version, lon = excluded.lon,
  lat = excluded.lat, search = excluded.search, data = excluded.data`;

const SQL = {
  // The loop moves state, department, deadline… but never where or when an event was reported: updating
  // only the mutable columns leaves the indexes on the others (reported_at, category, town) untouched,
  // which is most of a sync batch's cost. Anything else (a new event, a corrected category) takes upsert.
  update: /* sql */ `
    UPDATE events SET state = @state, severity = @severity, department = @department, level = @level,
      deadline_at = @deadlineAt, supervised = @supervised, closed_at = @closedAt, updated_at = @updatedAt,
      version = @version, lon = @lon, lat = @lat, search = @search, seq = @seq, data = @data
    WHERE id = @id AND seq <= @seq AND grid_code = @gridCode AND source = @source AND category = @category
      AND reported_at = @reportedAt`,
  upsert: `INSERT INTO events (${COLUMNS}) VALUES (${VALUES})
    ON CONFLICT (id) DO UPDATE SET ${SET}, seq = excluded.seq WHERE excluded.seq >= events.seq`,
  // The hub's answer to this seat's own write has no sequence number: it lands when it is newer by version
  // and keeps the row's seq, so the pull that later brings the same change still applies.
  applyNewer: `INSERT INTO events (${COLUMNS}) VALUES (${VALUES})
    ON CONFLICT (id) DO UPDATE SET ${SET} WHERE excluded.version > events.version`,
  get: `SELECT data FROM events WHERE id = ?`,
  byRowid: `SELECT data FROM events WHERE rowid = ?`,
  open: `SELECT data FROM events WHERE ${OPEN} ORDER BY reported_at DESC, id LIMIT @limit`,
  openInSubtree: `
    SELECT data FROM events WHERE ${OPEN} AND grid_code >= @lo AND grid_code < @hi
     ORDER BY reported_at DESC, id LIMIT @limit`,
  openCountInSubtree: `SELECT count(*) AS n FROM events WHERE ${OPEN} AND grid_code >= @lo AND grid_code < @hi`,
  count: `SELECT count(*) AS n FROM events`,
  clear: `DELETE FROM events`,
} as const;

function row(e: GridEvent, seq: number): Record<string, unknown> {
  return {
    id: e.id, gridCode: e.gridCode, state: e.state, source: e.source, category: e.category, severity: e.severity,
    department: e.department, level: e.level, deadlineAt: e.deadlineAt, supervised: e.supervised ? 1 : 0,
    reportedAt: e.reportedAt, closedAt: e.closedAt, updatedAt: e.updatedAt, version: e.version,
    lon: e.position[0], lat: e.position[1], search: `${e.title}\n${e.address}\n${e.description}`, seq,
    data: JSON.stringify(e),
  };
}

/** LIKE pattern for a user's text: its own % and _ match literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

interface Where {
  sql: string[];
  args: Record<string, unknown>;
}

/** The user's filters as SQL conditions with named parameters; `now` decides overdue. */
function filterWhere(q: EventQuery, now: number): Where {
  const sql: string[] = [];
  const args: Record<string, unknown> = { now };
  const list = (name: string, column: string, values: readonly string[] | undefined): void => {
    if (!values) return;
    if (values.length === 0) {
      sql.push('0');
      return;
    }
    sql.push(`${column} IN (${values.map((_, i) => `@${name}${i}`).join(', ')})`);
    values.forEach((v, i) => (args[`${name}${i}`] = v));
  };
  list('st', 'state', q.states);
  list('src', 'source', q.sources);
  list('cat', 'category', q.categories);
  if (q.townCode !== undefined) {
    sql.push('town_code = @town');
    args.town = q.townCode;
  }
  if (q.department !== undefined) {
    sql.push('department = @department');
    args.department = q.department;
  }
  if (q.overdue !== undefined) sql.push(q.overdue ? OVERDUE : `NOT (${OVERDUE})`);
  if (q.supervised !== undefined) sql.push(q.supervised ? 'supervised = 1' : 'supervised = 0');
  if (q.text !== undefined) {
    sql.push(`search LIKE @text ESCAPE '\\'`);
    args.text = likePattern(q.text);
  }
  return { sql, args };
}

// Exactly at the deadline the work is overdue (native/api/deadlines.ts).
const OVERDUE = `(live = 1 AND deadline_at IS NOT NULL AND deadline_at <= @now)`;
/** Open work that floats to the top of every list: overdue or under supervision (督办). */
const FLOATING = `(${OPEN} AND (supervised = 1 OR ${OVERDUE}))`;

interface Segment {
  /** The open segments name their covering index: the planner otherwise prefers a filter's own index
   * and reads thousands of wide rows to test the open-work conditions. */
  from: string;
  where: string;
  order: string;
}

const ALL = 'events';
const OPEN_WORK = 'events INDEXED BY events_open_work';

/** Ties on time break by rowid (insertion order), which every (…, reported_at) index already holds. */
const NEWEST = 'reported_at DESC, rowid DESC';
const SOONEST = 'deadline_at IS NULL, deadline_at, reported_at DESC, rowid DESC';

/**
 * The list is cut into segments, each with its own order and each answerable from an index, and a page
 * is taken across them: floating work first (few rows, sorted fully), then by the chosen sort. Sorting
 * all 175,000 rows by a computed "overdue now" key on every page would cost tens of milliseconds.
 */
function segments(sort: EventQuery['sort']): Segment[] {
  const floating: Segment = {
    from: OPEN_WORK,
    where: FLOATING,
    order: `${OVERDUE} DESC, supervised DESC, ${sort === 'deadline' ? SOONEST : NEWEST}`,
  };
  if (sort === 'reported') return [floating, { from: ALL, where: `NOT ${FLOATING}`, order: NEWEST }];
  // By deadline: open work soonest deadline first (undispatched last), then closed events newest first.
  return [
    floating,
    { from: OPEN_WORK, where: `${OPEN} AND NOT (supervised = 1 OR ${OVERDUE})`, order: SOONEST },
    { from: ALL, where: 'is_open = 0', order: NEWEST },
  ];
}

export class EventsRepo {
  private readonly s;
  private readonly cache = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    this.s = {
      update: db.prepare(SQL.update),
      upsert: db.prepare(SQL.upsert),
      applyNewer: db.prepare(SQL.applyNewer),
      get: db.prepare<[string], { data: string }>(SQL.get),
      byRowid: db.prepare<[number], { data: string }>(SQL.byRowid),
      open: db.prepare<{ limit: number }, { data: string }>(SQL.open),
      openInSubtree: db.prepare<{ lo: string; hi: string; limit: number }, { data: string }>(SQL.openInSubtree),
      openCountInSubtree: db.prepare<{ lo: string; hi: string }, { n: number }>(SQL.openCountInSubtree),
      count: db.prepare<[], { n: number }>(SQL.count),
      clear: db.prepare(SQL.clear),
    };
  }

  upsert(e: GridEvent, seq: number): void {
    const r = row(e, seq);
    if (this.s.update.run(r).changes === 0) this.s.upsert.run(r);
  }

  /** The event as the hub returned it to this seat's write: written when newer than the cached version. */
  applyFromHub(e: GridEvent): boolean {
    return this.s.applyNewer.run(row(e, 0)).changes > 0;
  }

  get(id: string): GridEvent | null {
    const r = this.s.get.get(id);
    return r ? cachedJson<GridEvent>(r.data) : null;
  }

  /** Open events, newest first. */
  open(limit: number): GridEvent[] {
    return this.s.open.all({ limit }).map((r) => cachedJson<GridEvent>(r.data));
  }

  openInSubtree(code: string, limit: number): GridEvent[] {
    return this.s.openInSubtree.all({ ...subtreeRange(code), limit }).map((r) => cachedJson<GridEvent>(r.data));
  }

  openCountInSubtree(code: string): number {
    return this.s.openCountInSubtree.get(subtreeRange(code))?.n ?? 0;
  }

  /**
   * One page of the filtered list and how many match in all. The total is one count over the filters;
   * the segments' own counts are taken only for the small open ones, the last segment is the remainder.
   */
  list(q: EventQuery, now: number): { items: GridEvent[]; total: number } {
    const f = filterWhere(q, now);
    const base = f.sql.length ? f.sql.join(' AND ') : '1';
    // Without filters SQLite counts a b-tree's pages, not its rows; when every state asked for is open,
    // the count runs on the open-work index like the open segments do.
    const openOnly = (q.states !== undefined && q.states.length > 0 && q.states.every(isOpenEvent)) || q.overdue === true;
    const countSql = !f.sql.length
      ? 'SELECT count(*) AS n FROM events'
      : openOnly
        ? `SELECT count(*) AS n FROM ${OPEN_WORK} WHERE ${base} AND ${OPEN}`
        : `SELECT count(*) AS n FROM events WHERE ${base}`;
    const total = (this.statement(countSql).get(f.args) as { n: number }).n;
    const items: GridEvent[] = [];
    let skip = q.offset;
    let left = total;
    const segs = segments(q.sort);
    for (const [i, seg] of segs.entries()) {
      if (items.length >= q.limit || left === 0) break;
      const where = `${base} AND ${seg.where}`;
      const n = i === segs.length - 1
        ? left
        : (this.statement(`SELECT count(*) AS n FROM ${seg.from} WHERE ${where}`).get(f.args) as { n: number }).n;
      left -= n;
      if (skip >= n) {
        skip -= n;
        continue;
      }
      // Sort and skip on index columns only, then read the page's rows: the sorter never carries the JSON.
      const rowids = this.statement(`SELECT rowid AS r FROM ${seg.from} WHERE ${where} ORDER BY ${seg.order} LIMIT @limit OFFSET @offset`)
        .all({ ...f.args, limit: q.limit - items.length, offset: skip }) as { r: number }[];
      for (const { r } of rowids) {
        const row = this.s.byRowid.get(r);
        if (row) items.push(cachedJson<GridEvent>(row.data));
      }
      skip = 0;
    }
    return { items, total };
  }

  count(): number {
    return this.s.count.get()?.n ?? 0;
  }

  clear(): void {
    this.s.clear.run();
  }

  /** Filter combinations are few in practice; each distinct SQL text is prepared once. */
  private statement(sql: string): Database.Statement {
    let st = this.cache.get(sql);
    if (!st) {
      if (this.cache.size > 500) this.cache.clear();
      st = this.db.prepare(sql);
      this.cache.set(sql, st);
    }
    return st;
  }
}
