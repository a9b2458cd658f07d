// Every Station API method's implementation, in one table: method → cache query (or, for writes, the
// outbox). The host has already checked the params against the contract when a handler runs.
import { SeatIdentity, type StationStatus } from './contract.js';
import { NotFoundError, RefusedError, type Handlers } from './host.js';
import { windowStart } from './stats-window.js';
import { suggestRoute } from './work-order.js';
import { bulletinFilename, bulletinXlsx } from '../reports/bulletin.js';
import { coordinationByDepartment } from '../reports/coordination.js';
import { incidentReportFilename, incidentReportXlsx } from '../reports/incident-report.js';
import { activeIncident, findIncident, incidentWorkspace, pendingIncidents } from '../reports/incident-workspace.js';
import { shiftSummary } from '../reports/shift-summary.js';
import type { DutyWrites } from '../sync/duty-writes.js';
import { countyDate, dayStart } from './stats-window.js';
import type { Store } from '../store/store.js';
import { publicEntry } from '../store/outbox.js';
import type { SeatWrites } from '../sync/seat-writes.js';
import type { HubListWriter } from '../sync/hub-client.js';
import { setResponsibility } from '../sync/list-edits.js';
import type { TopicBus } from './bus.js';
import { wallHandlers } from './wall-handlers.js';
import { videoHandlers, type VideoService } from './video-handlers.js';
import { tileHandlers, type TilesContext } from './tile-handlers.js';
import type { WallController } from '../video/wall-controller.js';
import { callHandlers } from './call-handlers.js';
import type { StationCalls } from '../calls/station-calls.js';

export interface HandlerContext {
  store: Store;
  status(): StationStatus;
  /** The outbox front door; absent in read-only tests (write methods then fail). */
  writes?: SeatWrites;
  /** The duty and incident writes' front door (issue 7); absent in read-only tests. */
  dutyWrites?: DutyWrites;
  /** The seat id used when the operator has not set one (from the data directory). */
  defaultSeatId?: string;
  /** Fetches an image from the hub by path; null when the hub has none. */
  fetchMedia?: (path: string) => Promise<{ contentType: string; body: Buffer } | null>;
  /** Where an administrator's list edit goes (the hub); absent in read-only tests. */
  listHub?: HubListWriter;
  /** Tells the renderers the cache changed after a list edit. */
  bus?: TopicBus;
  now?: () => number;
  /** The video walls (issue 3); absent in tests that do not drive a wall (wall.* then fail). */
  wall?: WallController;
  /** The camera relay and where tiles reach it (issue 3); absent in tests without video (video.* then fail). */
  video?: VideoService;
  /** The map tile cache (issue 5); absent in tests without tiles (tiles.* then fail). */
  tiles?: TilesContext;
  /** Video dispatch calls (issue 6); absent in tests without a hub's call service (calls.* then fail). */
  calls?: StationCalls;
}

/** Lists in a grid's detail card are capped: a county-level card names counts, not 3,000 cameras. */
export const DETAIL_LIST_LIMIT = 200;
export const NEAREST_IN_DETAIL = 5;
export const META_IDENTITY = 'seatIdentity';

function found<T>(value: T | null, what: string): T {
  if (value === null) throw new NotFoundError(`${what} is not in the station's cache`);
  return value;
}

export function seatIdentity(store: Store, defaultSeatId: string): SeatIdentity {
  return store.meta.get(META_IDENTITY, SeatIdentity) ?? { name: '值班长', role: 'duty_commander', seatId: defaultSeatId };
}

/** An AI alert's snapshot: from the cache when seen before, else from the hub (then kept). */
export async function eventSnapshot(ctx: HandlerContext, eventId: string): Promise<{ contentType: string; body: Buffer }> {
  const event = found(ctx.store.events.get(eventId), `event ${eventId}`);
  if (!event.snapshot) throw new NotFoundError(`event ${eventId} has no snapshot`);
  const cached = ctx.store.media.get(event.snapshot);
  if (cached) return cached;
  if (!ctx.fetchMedia) throw new NotFoundError(`snapshot of ${eventId} is not cached and no hub is configured`);
  const item = await ctx.fetchMedia(event.snapshot);
  if (!item) throw new NotFoundError(`the hub has no snapshot for event ${eventId}`);
  ctx.store.media.put(event.snapshot, item);
  return item;
}

export function createHandlers(ctx: HandlerContext): Handlers {
  const { store, status } = ctx;
  const now = ctx.now ?? Date.now;
  const identity = (): SeatIdentity => seatIdentity(store, ctx.defaultSeatId ?? 'seat');
  const dutyWrites = (): DutyWrites => {
    if (!ctx.dutyWrites) throw new Error('this station takes no duty writes');
    return ctx.dutyWrites;
  };
  const writes = (): SeatWrites => {
    if (!ctx.writes) throw new Error('this station takes no writes');
    return ctx.writes;
  };
  return {
    'station.status': () => status(),
    'grids.tree': () => store.grids.tree(),
    'grids.search': ({ query, limit }) => store.grids.search(query, limit),
    'grids.detail': ({ code }) => {
      const grid = found(store.grids.get(code), `grid ${code}`);
      return {
        grid,
        path: store.grids.path(code),
        childCount: store.grids.childCount(code),
        workers: store.workers.inSubtree(code, DETAIL_LIST_LIMIT),
        cameras: store.cameras.inSubtree(code, DETAIL_LIST_LIMIT),
        buildingCount: store.buildings.countInSubtree(code),
        openEvents: store.events.openInSubtree(code, DETAIL_LIST_LIMIT),
        openEventCount: store.events.openCountInSubtree(code),
      };
    },
    'grids.shapes': ({ level }) => store.grids.byLevel(level),
    'map.basemap': () => store.basemap.all(),
    'map.buildings': () => store.buildings.all(),
    'cameras.list': () => store.cameras.all(),
    'cameras.inView': ({ bbox }) => store.cameras.inView(bbox),
    'cameras.get': ({ id }) => found(store.cameras.get(id), `camera ${id}`),
    'workers.list': () => store.workers.all(),
    'workers.get': ({ id }) => found(store.workers.get(id), `grid worker ${id}`),
    'workers.inGrid': ({ code }) => store.workers.inSubtree(code),
    'events.open': ({ limit }) => store.events.open(limit),
    'events.list': (q) => store.events.list(q, now()),
    'events.detail': ({ id }) => {
      const event = found(store.events.get(id), `event ${id}`);
      return {
        event,
        actions: store.actions.forEvent(id),
        path: store.grids.path(event.gridCode),
        camera: event.cameraId ? store.cameras.get(event.cameraId) : null,
        nearestWorkers: store.workers.nearest(event.position, NEAREST_IN_DETAIL),
      };
    },
    'events.transition': (p) => writes().transition(p),
    'events.create': (p) => writes().create(p),
    'events.nearestWorkers': ({ id, limit }) => {
      const event = found(store.events.get(id), `event ${id}`);
      return store.workers.nearest(event.position, limit);
    },
    'lists.get': () => ({
      departments: store.lists.departments(),
      collectionItems: store.lists.collectionItems(),
      responsibilities: store.lists.responsibilities(),
    }),
    'lists.route': ({ category, severity, gridCode, level }) => {
      const lists = { collectionItems: store.lists.collectionItems(), responsibilities: store.lists.responsibilities() };
      if (!lists.collectionItems.some((c) => c.category === category)) {
        throw new RefusedError('bad_params', `unknown category '${category}': not on the collection list (网格事项采集清单)`);
      }
      if (!store.grids.get(gridCode)) throw new RefusedError('bad_params', `unknown grid ${gridCode}: not in the station's cache`);
      const route = suggestRoute(category, severity, level, lists, now());
      if (!route) {
        throw new RefusedError('bad_params', `no responsible department for '${category}' at ${level} level or above (部门事件责任清单)`);
      }
      return {
        department: route.department, departmentName: store.lists.department(route.department)?.name ?? null, level: route.level,
        deadlineAt: route.deadlineAt, timeLimitHours: route.timeLimitHours, baseHours: route.baseHours,
      };
    },
    'lists.setResponsibility': ({ responsibility }) => {
      if (!ctx.listHub) throw new Error('this station has no hub to send list edits to');
      return setResponsibility({ store, bus: ctx.bus, hub: ctx.listHub, identity }, responsibility);
    },
    'stats.dashboard': ({ range }) => {
      const t = now();
      return store.stats.dashboard(range, windowStart(range, t), t, t);
    },
    'stats.bulletin': ({ range }) => {
      const t = now();
      const dashboard = store.stats.dashboard(range, windowStart(range, t), t, t);
      const county = status().county?.name ?? '';
      return { filename: bulletinFilename(range, t), base64: Buffer.from(bulletinXlsx(dashboard, county, t)).toString('base64') };
    },
    'outbox.list': ({ states, limit }) => store.outbox.list(states, limit).map(publicEntry),
    'outbox.drop': ({ key }) => {
      const entry = found(store.outbox.get(key), `outbox entry ${key}`);
      if (entry.state !== 'rejected') {
        throw new RefusedError('bad_params', `only a rejected write can be dropped; ${key} is ${entry.state}`);
      }
      store.outbox.drop(key);
      return publicEntry(store.outbox.get(key)!);
    },
    'seat.identity': () => identity(),
    'seat.setIdentity': (p) => {
      // A role or seat change keeps the operator signed in; a new name is a new operator (sign in again).
      const me = identity();
      const signedInAt = p.signedInAt !== undefined ? p.signedInAt : p.name === me.name ? (me.signedInAt ?? null) : null;
      store.meta.set(META_IDENTITY, { ...p, signedInAt });
      ctx.calls?.identityChanged();
      return identity();
    },
    'duty.today': () => {
      const date = countyDate(now());
      const entries = store.duty.roster(date, date);
      const departments = store.lists.departments();
      const liaisons = store.duty.liaisons();
      const me = identity();
      return {
        date,
        county: entries.find((e) => e.level === 'county') ?? null,
        towns: entries.filter((e) => e.level === 'town'),
        liaisons: departments.map((d) => ({
          departmentCode: d.code, departmentName: d.name, departmentNameEn: d.nameEn,
          liaison: liaisons.find((l) => l.departmentCode === d.code) ?? null,
        })),
        operator: me.signedInAt ? { name: me.name, role: me.role, signedInAt: me.signedInAt } : null,
      };
    },
    'duty.roster': ({ from, to }) => {
      if (from > to) throw new RefusedError('bad_params', `from ${from} is after to ${to}`);
      return store.duty.roster(from, to);
    },
    'duty.setRoster': ({ entry }) => dutyWrites().setRoster(entry),
    'duty.signIn': ({ name }) => {
      const t = now();
      const next: SeatIdentity = { ...identity(), name, signedInAt: t };
      store.db.transaction(() => {
        store.meta.set(META_IDENTITY, next);
        store.duty.sign('in', next.name, next.role, next.seatId, t);
      }).immediate();
      ctx.calls?.identityChanged();
      return identity();
    },
    'duty.signOut': () => {
      const t = now();
      const me = identity();
      const next: SeatIdentity = { ...me, signedInAt: null };
      store.db.transaction(() => {
        store.meta.set(META_IDENTITY, next);
        if (me.signedInAt) store.duty.sign('out', me.name, me.role, me.seatId, t);
      }).immediate();
      return identity();
    },
    'handover.draft': () => shiftSummary(store, now()),
    'handover.submit': ({ remarks, toName }) => dutyWrites().submitHandover(remarks, toName),
    'handover.pending': () => store.duty.pendingHandovers(),
    'handover.list': ({ limit }) => store.duty.handovers(limit),
    'handover.acknowledge': ({ id }) => dutyWrites().acknowledgeHandover(id),
    'coordination.byDepartment': () => {
      const t = now();
      return coordinationByDepartment({
        departments: store.lists.departments(), liaisons: store.duty.liaisons(),
        dueByTonight: store.shift.liveDueBefore(dayStart(t) + 24 * 3_600_000), supervised: store.shift.supervisedOpen(), now: t,
      });
    },
    'incident.active': () => {
      const incident = activeIncident(store);
      return incident ? incidentWorkspace(store, incident) : null;
    },
    'incident.get': ({ id }) => incidentWorkspace(store, found(findIncident(store, id), `incident ${id}`)),
    'incident.list': ({ limit }) => [...pendingIncidents(store), ...store.duty.incidents(limit)]
      .sort((a, b) => b.declaredAt - a.declaredAt || a.id.localeCompare(b.id)).slice(0, limit),
    'incident.declare': (p) => dutyWrites().declareIncident(p),
    'incident.log': (p) => dutyWrites().logIncident(p),
    'incident.standDown': ({ incidentId, reason }) => dutyWrites().standDown(incidentId, reason),
    'incident.report': ({ id }) => {
      const w = incidentWorkspace(store, found(findIncident(store, id), `incident ${id}`));
      const county = status().county?.name ?? '';
      return { filename: incidentReportFilename(w), base64: Buffer.from(incidentReportXlsx(w, county, now())).toString('base64') };
    },
    'media.snapshot': async ({ eventId }) => {
      const item = await eventSnapshot(ctx, eventId);
      return { contentType: item.contentType, base64: item.body.toString('base64') };
    },
    ...wallHandlers(() => {
      if (!ctx.wall) throw new Error('this station drives no video wall');
      return ctx.wall;
    }),
    ...videoHandlers(() => {
      if (!ctx.video) throw new Error('this station relays no video');
      return ctx.video;
    }),
    ...tileHandlers(() => {
      if (!ctx.tiles) throw new Error('this station keeps no map tiles');
      return ctx.tiles;
    }),
    ...callHandlers(() => {
      if (!ctx.calls) throw new Error('this station places no calls');
      return ctx.calls;
    }, identity),
  };
}

