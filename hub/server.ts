// The demo hub: the county platform a station syncs from. Serves the hub protocol
// (native/sync/hub-protocol.ts) over HTTP and a live WebSocket, backed by PGlite and the simulator.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import { dayNumber } from '../native/api/duty.js';
import { CountyDate, HandlingLevel, type Lists } from '../native/api/model.js';
import { can, whyNotText } from '../native/api/permissions.js';
import { listen } from '../native/net/listen.js';
import {
  ActionRequest, HandoverAckRequest, HandoverCreateRequest, HUB_PROTOCOL_VERSION, IncidentDeclareRequest, IncidentLogRequest,
  IncidentStandDownRequest, IntakeRequest, ResponsibilityPutRequest, RosterPutRequest, type ActionApplied, type ActionConflict, type HubInfo, type IntakeCreated,
  type ResponsibilitySaved,
} from '../native/sync/hub-protocol.js';
import { CALLS_PATH, type CallInfo } from '../native/calls/protocol.js';
import { WorkOrders } from './actions.js';
import { CallServer } from './calls/call-server.js';
import { DEFAULT_FIELD_DIR, fieldPage } from './calls/field-page.js';
import type { MediasoupApi, SfuStats } from './calls/sfu.js';
import type { CountyData } from './county/types.js';
import { DutyDesk, deny, type DutyData, type DutyOutcome } from './duty.js';
import { COUNTY_CADRES, LIAISONS, townCadres } from './liaisons.js';
import { PLANS } from './plans.js';
import { DEFAULT_FIELD_RATES, FieldSimulation, type FieldRates } from './field.js';
import { seedHistory } from './history.js';
import { SHIPPED_LISTS } from './lists.js';
import { LIVE_PATH, LiveChannel } from './live.js';
import { DEFAULT_SEED, Simulator } from './simulator.js';
import { snapshotSvg } from './snapshot.js';
import { openHubStore, type HubStore } from './store/hub-store.js';
import { parseSyncRequest } from './sync-request.js';
import { videoRoutes, type VideoOptions } from './video/video-routes.js';
import { tileRoutes } from './tiles/tile-routes.js';

export interface HubOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the demo hub is not meant to face a network. */
  host?: string;
  /** A folder for the hub's PostgreSQL data; null or absent keeps it in memory. */
  dataDir?: string | null;
  positionIntervalMs?: number;
  eventIntervalMs?: number;
  log?: (line: string) => void;
  // The options below are the hub's own additions: tests and tools use them, the station need not.
  /** The county to serve; absent loads the shipped one (resources/county/baoying.json.gz). */
  county?: CountyData;
  /** Seeds the simulation (event draws, where workers start on their routes). */
  seed?: number;
  /** Events a fresh database starts with, spread over the last 30 days. Default 300. */
  historyEvents?: number;
  /** How often workers' fixes are written to the workers table (a fresh station's first pull). Default 30 s. */
  workerWriteBackMs?: number;
  /** Where database templates are cached (see store/open-db.ts); null disables. Default: the OS temp folder. */
  cacheDir?: string | null;
  /** Epoch milliseconds; default Date.now. */
  now?: () => number;
  /** The lists to ship (departments, collection list, responsibility list); default hub/lists.ts. */
  lists?: Lists;
  /** How often the simulated field (liaisons, grid workers) looks for work that is due. Default 15 s. */
  fieldIntervalMs?: number;
  /** How fast the field works; default DEFAULT_FIELD_RATES (minutes). */
  fieldRates?: Partial<FieldRates>;
  /** Plans, liaisons, cadres and the rotation for the duty desk; default hub/plans.ts and hub/liaisons.ts. */
  duty?: DutyData;
  /** The demo cameras' clips (hub/video): their length and folder. */
  video?: VideoOptions;
  /** Video dispatch calls (视频调度): the SFU and the field page. */
  calls?: CallOptions;
}

export interface CallOptions {
  /** How long a party rings before it counts as missed. Default 30 s. */
  ringMs?: number;
  /** Where the SFU's transports listen; default the hub's host. */
  rtcIp?: string;
  /** The address phones and seats are told to send media to, when it is not rtcIp (LAN or NAT). */
  announcedIp?: string | null;
  /** The SFU's UDP/TCP port range; default mediasoup's (10000–59999). */
  rtcMinPort?: number;
  rtcMaxPort?: number;
  /** A transport whose ICE stays disconnected this long is closed. Default 5 s. */
  iceGraceMs?: number;
  /** A call socket that misses a ping for this long is cut and its party leaves its calls. Default 15 s. */
  keepAliveMs?: number;
  /** The field page's build; default out/field. */
  fieldDir?: string;
  /** How mediasoup is loaded; tests make it fail. Default `import('mediasoup')`. */
  loadMediasoup?: () => Promise<MediasoupApi>;
}

export interface Hub {
  /** http://<host>:<port> */
  url: string;
  port: number;
  /** What the start cost, ms: for logs and benches. */
  startMs: number;
  store: HubStore;
  simulator: Simulator;
  orders: WorkOrders;
  /** Roster, handovers and incidents. */
  duty: DutyDesk;
  /** Runs one pass of the simulated field now; resolves to the number of actions it applied. */
  fieldTick(): Promise<number>;
  /** How long the latest actions (up to 1,000) took to apply over HTTP, ms. */
  readonly actionApplyMs: readonly number[];
  /** Reports a new event now instead of waiting for the next tick; resolves to it and its seq. */
  reportEvent(): Promise<{ id: string; seq: number }>;
  /** Writes every worker's current fix to the workers table now; resolves to the seq of the write. */
  writeBackWorkers(): Promise<number>;
  /** The dispatch-call SFU, for tests and benches. */
  calls: {
    /** What the SFU holds now: zero routers, transports, producers and consumers once every call ended. */
    stats(): SfuStats;
    /** CPU time the SFU worker has used, ms (0 before the first call). */
    cpuMs(): Promise<number>;
    /** Calls in progress. */
    live(): CallInfo[];
  };
  close(): Promise<void>;
}

const API = '/api/v1';
const SYNC_PREFIX = `${API}/sync/`;
const EVENTS_PATH = `${API}/events`;
const SNAPSHOT_PREFIX = `${API}/snapshots/`;
const RESPONSIBILITIES_PATH = `${API}/lists/responsibilities`;
const HANDOVERS_PATH = `${API}/handovers`;
const INCIDENTS_PATH = `${API}/incidents`;
/** Request bodies are small JSON documents; anything bigger is refused before it is read whole. */
const MAX_BODY = 64 * 1024;

export async function startHub(opts: HubOptions = {}): Promise<Hub> {
  const started = performance.now();
  const log = opts.log ?? (() => undefined);
  const now = opts.now ?? Date.now;
  const host = opts.host ?? '127.0.0.1';
  const county = opts.county ?? (await import('./county/load.js')).loadCounty();
  const countyMs = performance.now() - started;
  // Before the database opens, so a bad video option fails the start with nothing to clean up.
  const video = videoRoutes({
    ...opts.video, cameras: county.cameras, cacheDir: opts.cacheDir ?? null, hubUrl: () => hubUrl, log, sendError, sendJson,
  });
  const tiles = tileRoutes({ county, sendError });
  const lists = opts.lists ?? SHIPPED_LISTS;
  const seed = opts.seed ?? DEFAULT_SEED;
  const simulator = new Simulator(county, { seed, now, lists });
  const store = await openHubStore({
    county,
    dataDir: opts.dataDir ?? null,
    cacheDir: opts.cacheDir === undefined ? join(tmpdir(), 'watchfloor-hub-cache') : opts.cacheDir,
    log,
  });

  const dbMs = performance.now() - started - countyMs;
  let seq = 0;
  const live = new LiveChannel({
    now,
    seq: () => seq,
    positions: () => simulator.positions(),
    positionIntervalMs: opts.positionIntervalMs ?? 2000,
    log,
  });
  const orders = new WorkOrders({
    store,
    now,
    gridCodes: new Set(county.grids.map((g) => g.code)),
    changed: (collection, at) => {
      seq = Math.max(seq, at);
      live.changed(collection, at);
    },
  });
  const duty = new DutyDesk({
    store,
    now,
    data: opts.duty ?? { plans: PLANS, liaisons: LIAISONS, countyCadres: COUNTY_CADRES, townCadres },
    townCodes: county.grids.filter((g) => g.level === 'town').map((g) => g.code),
    gridCodes: new Set(county.grids.map((g) => g.code)),
    departmentCodes: () => new Set(orders.currentLists.departments.map((d) => d.code)),
    changed: (collection, at) => {
      seq = Math.max(seq, at);
      live.changed(collection, at);
    },
  });
  try {
    await store.syncLists(lists);
    await orders.loadLists();
    await duty.ship();
    if (store.origin !== 'reopened') {
      const count = opts.historyEvents ?? 300;
      const first = await store.takeEventSerials(count);
      const history = seedHistory(simulator, count, first, now());
      await store.insertEvents(history.map((h) => h.event));
      await store.insertActions(history.flatMap((h) => h.trail.map((t) => t.action)));
    }
    // Fixes as of now, so a station's first pull places workers where the live feed will.
    seq = await store.writeWorkers(simulator.workerRecords());
  } catch (err) {
    await live.close();
    await store.close();
    throw err;
  }
  const field = new FieldSimulation(store, orders, simulator, { ...DEFAULT_FIELD_RATES, ...opts.fieldRates }, now, seed, now());
  const cameraNames = new Map(county.cameras.map((c) => [c.id, c.name]));
  const gridNames = new Map(county.grids.map((g) => [g.code, g.name]));
  const workersById = new Map(county.workers.map((w) => [w.id, { ...w, grid: gridNames.has(w.gridCode) ? { code: w.gridCode, name: gridNames.get(w.gridCode)! } : null }]));
  const callOpts = opts.calls ?? {};
  const rtcIp = callOpts.rtcIp ?? host;
  if ((rtcIp === '0.0.0.0' || rtcIp === '::') && !callOpts.announcedIp) {
    log(`calls: the SFU listens on ${rtcIp} with no announced address: give --announced-ip <the hub's LAN address> or calls carry no media`);
  }
  const calls = new CallServer({
    now,
    ringMs: callOpts.ringMs ?? 30_000,
    rtcIp,
    announcedIp: callOpts.announcedIp ?? null,
    ...(callOpts.rtcMinPort === undefined ? {} : { rtcMinPort: callOpts.rtcMinPort }),
    ...(callOpts.rtcMaxPort === undefined ? {} : { rtcMaxPort: callOpts.rtcMaxPort }),
    ...(callOpts.iceGraceMs === undefined ? {} : { iceGraceMs: callOpts.iceGraceMs }),
    ...(callOpts.keepAliveMs === undefined ? {} : { keepAliveMs: callOpts.keepAliveMs }),
    ...(callOpts.loadMediasoup ? { loadMediasoup: callOpts.loadMediasoup } : {}),
    worker: (id) => workersById.get(id) ?? null,
    departmentName: (code) => orders.currentLists.departments.find((d) => d.code === code)?.name ?? null,
    place: (id, position, at) => void simulator.place(id, position, at),
    log,
  });
  const fieldRoute = fieldPage(callOpts.fieldDir ?? DEFAULT_FIELD_DIR);

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log(`${req.method} ${req.url}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      if (!res.headersSent) sendError(res, 500, 'internal', 'the hub failed to answer; see its log');
      else res.destroy();
    });
  });
  server.on('upgrade', (req, socket, head) => {
    const path = pathOf(req);
    if (path === LIVE_PATH) return live.handleUpgrade(req, socket, head);
    if (path === CALLS_PATH) return calls.handleUpgrade(req, socket, head);
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://hub');
    } catch {
      return sendError(res, 400, 'bad_request', 'the request target is not a valid path');
    }
    const path = url.pathname;
    if (path === `${API}/info` || path.startsWith(SYNC_PREFIX)) {
      if (!allow(req, res, ['GET', 'HEAD'])) return;
      if (path === `${API}/info`) {
        const info: HubInfo = { protocol: HUB_PROTOCOL_VERSION, county: county.county, serverTime: now(), seq };
        return sendJson(res, 200, JSON.stringify(info));
      }
      const segment = path.slice(SYNC_PREFIX.length);
      if (segment.includes('/')) return sendError(res, 404, 'not_found', `no such resource: ${path.slice(0, 100)}`);
      const parsed = parseSyncRequest(decodeSegment(segment), url.searchParams);
      if (!parsed.ok) return sendError(res, 400, parsed.error.code, parsed.error.message);
      const { collection, after, limit } = parsed.value;
      const page = await store.page(collection, after, limit);
      return sendJson(res, 200, page.json);
    }
    if (path === EVENTS_PATH) {
      if (!allow(req, res, ['POST'])) return;
      const body = await readBody(req, res, IntakeRequest);
      if (!body) return;
      const denied = deny('events.create', body.actor);
      if (denied) return sendError(res, denied.status, denied.code, denied.message);
      const r = await track(orders.intake(body));
      if (r.kind === 'refused') return sendError(res, 422, r.code, r.message);
      return sendJson(res, r.kind === 'created' ? 201 : 200, JSON.stringify({ created: true, event: r.event } satisfies IntakeCreated));
    }
    const action = /^\/api\/v1\/events\/([^/]+)\/actions$/.exec(path);
    if (action) {
      if (!allow(req, res, ['POST'])) return;
      const body = await readBody(req, res, ActionRequest);
      if (!body) return;
      // Administrators and viewers never act on work orders: refused before the state machine is asked.
      const denied = deny('events.transition', body.actor);
      if (denied) return sendError(res, denied.status, denied.code, denied.message);
      const eventId = decodeSegment(action[1]!);
      const started = performance.now();
      const r = await track(orders.applyAction(eventId, body));
      applyMs.push(performance.now() - started);
      if (applyMs.length > 1000) applyMs.shift();
      switch (r.kind) {
        case 'applied':
        case 'replayed':
          return sendJson(res, 200, JSON.stringify(r.body satisfies ActionApplied));
        case 'not_found':
          return sendError(res, 404, 'not_found', `no such event: ${eventId.slice(0, 40)}`);
        case 'key_reused':
          return sendError(res, 400, 'bad_request', `key ${body.key} was already used for an action on ${r.eventId}`);
        case 'conflict': {
          const message = `Event ${eventId} changed meanwhile (版本冲突): expected version ${body.expectedVersion}, it is now ${r.event.version} in state '${r.event.state}'.`;
          const conflict: ActionConflict = { error: { code: 'version_conflict', message }, event: r.event, since: r.since };
          return sendJson(res, 409, JSON.stringify(conflict));
        }
        case 'refused':
          return sendError(res, 422, r.code, r.message);
      }
    }
    const responsibility = path === RESPONSIBILITIES_PATH ? [] : path.startsWith(`${RESPONSIBILITIES_PATH}/`) ? path.slice(RESPONSIBILITIES_PATH.length + 1).split('/') : null;
    if (responsibility && responsibility.length <= 2 && responsibility.length !== 1) {
      if (!allow(req, res, ['PUT'])) return;
      const body = await readBody(req, res, ResponsibilityPutRequest);
      if (!body) return;
      const row = body.responsibility;
      if (!can(body.actor.role, 'lists.setResponsibility')) {
        return sendError(res, 403, 'forbidden_role', whyNotText(body.actor.role, 'lists.setResponsibility') ?? `A ${body.actor.role} may not edit the responsibility list.`);
      }
      if (responsibility.length === 2) {
        const [category, level] = responsibility.map(decodeSegment);
        if (!HandlingLevel.safeParse(level).success) return sendError(res, 404, 'not_found', `no such level: ${String(level).slice(0, 20)}`);
        if (category !== row.category || level !== row.level) {
          return sendError(res, 400, 'bad_request', `the path names ${category}/${level} but the body is ${row.category}/${row.level}`);
        }
      }
      const r = await track(orders.putResponsibility(row));
      if (r.kind === 'refused') return sendError(res, 422, r.code, r.message);
      return sendJson(res, 200, JSON.stringify({ responsibility: r.responsibility, seq: r.seq } satisfies ResponsibilitySaved));
    }
    if (path === HANDOVERS_PATH) {
      if (!allow(req, res, ['POST'])) return;
      const body = await readBody(req, res, HandoverCreateRequest);
      if (!body) return;
      return reply(res, await track(duty.createHandover(body)));
    }
    const ack = /^\/api\/v1\/handovers\/([^/]+)\/ack$/.exec(path);
    if (ack) {
      if (!allow(req, res, ['POST'])) return;
      const body = await readBody(req, res, HandoverAckRequest);
      if (!body) return;
      return reply(res, await track(duty.acknowledgeHandover(decodeSegment(ack[1]!), body)));
    }
    const roster = /^\/api\/v1\/roster\/([^/]+)\/(county|town\/([^/]+))$/.exec(path);
    if (roster) {
      if (!allow(req, res, ['PUT'])) return;
      const date = decodeSegment(roster[1]!);
      if (!isDate(date)) return sendError(res, 400, 'bad_request', `not a date: ${date.slice(0, 20)} (want YYYY-MM-DD)`);
      const body = await readBody(req, res, RosterPutRequest);
      if (!body) return;
      const townCode = roster[3] === undefined ? null : decodeSegment(roster[3]);
      return reply(res, await track(duty.putRoster(date, townCode === null ? 'county' : 'town', townCode, body)));
    }
    if (path === INCIDENTS_PATH) {
      if (!allow(req, res, ['POST'])) return;
      const body = await readBody(req, res, IncidentDeclareRequest);
      if (!body) return;
      return reply(res, await track(duty.declare(body)));
    }
    const incident = /^\/api\/v1\/incidents\/([^/]+)\/(log|stand-down)$/.exec(path);
    if (incident) {
      if (!allow(req, res, ['POST'])) return;
      const id = decodeSegment(incident[1]!);
      if (incident[2] === 'log') {
        const body = await readBody(req, res, IncidentLogRequest);
        if (!body) return;
        return reply(res, await track(duty.log(id, body)));
      }
      const body = await readBody(req, res, IncidentStandDownRequest);
      if (!body) return;
      return reply(res, await track(duty.standDown(id, body)));
    }
    if (await video.handle(req, res, url)) return;
    if (tiles.handle(req, res, url)) return;
    if (await fieldRoute(req, res, url)) return;
    if (path.startsWith(SNAPSHOT_PREFIX) && path.endsWith('.svg')) {
      if (!allow(req, res, ['GET', 'HEAD'])) return;
      const id = decodeSegment(path.slice(SNAPSHOT_PREFIX.length, -'.svg'.length));
      const event = id.includes('/') ? null : await store.event(id);
      if (!event || !event.cameraId) return sendError(res, 404, 'not_found', `no snapshot for ${id.slice(0, 40)}`);
      const svg = snapshotSvg(event, cameraNames.get(event.cameraId) ?? event.cameraId);
      res.writeHead(200, {
        'content-type': 'image/svg+xml; charset=utf-8',
        'content-length': Buffer.byteLength(svg),
        // The frame never changes: it is drawn from the alert alone.
        'cache-control': 'public, max-age=86400, immutable',
      });
      return void res.end(req.method === 'HEAD' ? undefined : svg);
    }
    return sendError(res, 404, 'not_found', `no such resource: ${path.slice(0, 100)}`);
  }

  /** Action apply times, ms (the latest 1,000), for the log and benches. */
  const applyMs: number[] = [];

  /** Reads and checks a JSON body; answers 400/413/415 itself and resolves to null when it did. */
  async function readBody<S extends z.ZodType>(req: IncomingMessage, res: ServerResponse, schema: S): Promise<z.infer<S> | null> {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY) {
      sendError(res, 413, 'too_large', `the body is over ${MAX_BODY} bytes`);
      return null;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY) {
        sendError(res, 413, 'too_large', `the body is over ${MAX_BODY} bytes`);
        return null;
      }
      chunks.push(chunk);
    }
    let value: unknown;
    try {
      value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      sendError(res, 400, 'bad_request', 'the body is not JSON');
      return null;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      sendError(res, 400, 'bad_request', issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'the body is invalid');
      return null;
    }
    return parsed.data as z.infer<S>;
  }

  // Writes in flight, so close() lets them finish before the database goes.
  const inFlight = new Set<Promise<unknown>>();
  function track<T>(p: Promise<T>): Promise<T> {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => undefined);
    return p;
  }
  const failed = (what: string) => (err: unknown) => log(`${what} failed: ${err instanceof Error ? err.message : String(err)}`);

  async function reportEvent(): Promise<{ id: string; seq: number }> {
    const serial = await store.takeEventSerials(1);
    const event = simulator.nextEvent(serial);
    const at = await store.insertEvents([event]);
    seq = Math.max(seq, at);
    live.changed('events', at);
    return { id: event.id, seq: at };
  }

  // Not announced with `changed`: every station already has these fixes from the live `positions`
  // stream; the write-back only lets a station that starts later pull recent positions.
  async function writeBackWorkers(): Promise<number> {
    const at = await store.writeWorkers(simulator.workerRecords());
    seq = Math.max(seq, at);
    return at;
  }

  /** Runs a periodic job unless its previous run is still going: a slow tick is skipped, not stacked. */
  function every(ms: number, what: string, job: () => Promise<unknown>): NodeJS.Timeout {
    let running = false;
    return setInterval(() => {
      if (running) return;
      running = true;
      track(job())
        .catch(failed(what))
        .finally(() => (running = false));
    }, ms);
  }

  const timers = [
    every(opts.eventIntervalMs ?? 20_000, 'event tick', reportEvent),
    every(opts.fieldIntervalMs ?? 15_000, 'field tick', () => field.tick()),
    every(opts.workerWriteBackMs ?? 30_000, 'worker write-back', writeBackWorkers),
    // The roster window moves with the date: an hourly look adds the new day soon after midnight.
    every(3_600_000, 'roster window', () => duty.extendRoster()),
  ];
  for (const t of timers) t.unref();

  let port: number;
  try {
    port = await listen(server, opts.port ?? 0, host);
  } catch (err) {
    for (const t of timers) clearInterval(t);
    await live.close();
    await store.close();
    throw err;
  }
  server.on('error', (err) => log(`server error: ${err.message}`));

  const urlHost = host.includes(':') ? `[${host}]` : host;
  const hubUrl = `http://${urlHost}:${port}`;
  const startMs = Math.round(performance.now() - started);
  const how = { reopened: 'reopened', template: 'from the cached template', built: 'built' }[store.origin];
  log(
    `serving ${county.county.name} on http://${urlHost}:${port}: started in ${startMs} ms ` +
      `(county ${Math.round(countyMs)} ms, database ${how} ${Math.round(dbMs)} ms, seq ${seq})`,
  );

  let closing: Promise<void> | null = null;
  return {
    url: hubUrl,
    port,
    startMs,
    store,
    simulator,
    orders,
    duty,
    fieldTick: () => track(field.tick()),
    actionApplyMs: applyMs,
    reportEvent: () => track(reportEvent()),
    writeBackWorkers: () => track(writeBackWorkers()),
    calls: { stats: () => calls.stats(), cpuMs: () => calls.cpuMs(), live: () => calls.live() },
    close() {
      closing ??= (async () => {
        for (const t of timers) clearInterval(t);
        // Stop taking connections first, then end the live sockets and any idle keep-alive ones.
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        await live.close();
        await calls.close();
        await video.close();
        server.closeAllConnections();
        await stopped;
        await Promise.allSettled([...inFlight]);
        await store.close();
      })();
      return closing;
    },
  };
}

function pathOf(req: IncomingMessage): string {
  try {
    return new URL(req.url ?? '/', 'http://hub').pathname;
  } catch {
    return '';
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function sendJson(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/** Answers 405 unless the method is one of these. */
function allow(req: IncomingMessage, res: ServerResponse, methods: readonly string[]): boolean {
  if (methods.includes(req.method ?? '')) return true;
  res.setHeader('allow', methods.join(', '));
  sendError(res, 405, 'method_not_allowed', `${req.method} is not allowed here; use ${methods.join(' or ')}`);
  return false;
}

/** Answers a duty write: its body with its status, or its refusal as a HubError. */
function reply(res: ServerResponse, outcome: DutyOutcome<unknown>): void {
  if (outcome.ok) return sendJson(res, outcome.status, JSON.stringify(outcome.body));
  sendError(res, outcome.status, outcome.code, outcome.message);
}

function isDate(text: string): boolean {
  if (!CountyDate.safeParse(text).success) return false;
  try {
    dayNumber(text);
    return true;
  } catch {
    return false;
  }
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, JSON.stringify({ error: { code, message } }));
}
