// The demo hub: the county platform a station syncs from. Serves the hub protocol
// (native/sync/hub-protocol.ts) over HTTP and a live WebSocket, backed by PGlite and the simulator.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HUB_PROTOCOL_VERSION, type HubInfo } from '../native/sync/hub-protocol.js';
import type { CountyData } from './county/types.js';
import { LIVE_PATH, LiveChannel } from './live.js';
import { DEFAULT_SEED, Simulator } from './simulator.js';
import { openHubStore, type HubStore } from './store/hub-store.js';
import { parseSyncRequest } from './sync-request.js';

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
}

export interface Hub {
  /** http://<host>:<port> */
  url: string;
  port: number;
  /** What the start cost, ms: for logs and benches. */
  startMs: number;
  store: HubStore;
  simulator: Simulator;
  /** Reports a new event now instead of waiting for the next tick; resolves to it and its seq. */
  reportEvent(): Promise<{ id: string; seq: number }>;
  /** Writes every worker's current fix to the workers table now; resolves to the seq of the write. */
  writeBackWorkers(): Promise<number>;
  close(): Promise<void>;
}

const API = '/api/v1';
const SYNC_PREFIX = `${API}/sync/`;

export async function startHub(opts: HubOptions = {}): Promise<Hub> {
  const started = performance.now();
  const log = opts.log ?? (() => undefined);
  const now = opts.now ?? Date.now;
  const host = opts.host ?? '127.0.0.1';
  const county = opts.county ?? (await import('./county/load.js')).loadCounty();
  const countyMs = performance.now() - started;
  const simulator = new Simulator(county, { seed: opts.seed ?? DEFAULT_SEED, now });
  const store = await openHubStore({
    county,
    dataDir: opts.dataDir ?? null,
    cacheDir: opts.cacheDir === undefined ? join(tmpdir(), 'watchfloor-hub-cache') : opts.cacheDir,
    log,
  });

  const dbMs = performance.now() - started - countyMs;
  let seq: number;
  try {
    if (store.origin !== 'reopened') {
      const count = opts.historyEvents ?? 300;
      const first = await store.takeEventSerials(count);
      await store.insertEvents(simulator.history(count, first));
    }
    // Fixes as of now, so a station's first pull places workers where the live feed will.
    seq = await store.writeWorkers(simulator.workerRecords());
  } catch (err) {
    await store.close();
    throw err;
  }

  const live = new LiveChannel({
    now,
    seq: () => seq,
    positions: () => simulator.positions(),
    positionIntervalMs: opts.positionIntervalMs ?? 2000,
    log,
  });

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log(`${req.method} ${req.url}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      if (!res.headersSent) sendError(res, 500, 'internal', 'the hub failed to answer; see its log');
      else res.destroy();
    });
  });
  server.on('upgrade', (req, socket, head) => {
    if (pathOf(req) === LIVE_PATH) return live.handleUpgrade(req, socket, head);
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
    const known = path === `${API}/info` || path.startsWith(SYNC_PREFIX);
    if (!known) return sendError(res, 404, 'not_found', `no such resource: ${path.slice(0, 100)}`);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return sendError(res, 405, 'method_not_allowed', `${req.method} is not allowed here; use GET`);
    }
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
    sendJson(res, 200, page.json);
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
    every(opts.workerWriteBackMs ?? 30_000, 'worker write-back', writeBackWorkers),
  ];
  for (const t of timers) t.unref();

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    for (const t of timers) clearInterval(t);
    await live.close();
    await store.close();
    throw err;
  }
  server.on('error', (err) => log(`server error: ${err.message}`));

  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const startMs = Math.round(performance.now() - started);
  const how = { reopened: 'reopened', template: 'from the cached template', built: 'built' }[store.origin];
  log(
    `serving ${county.county.name} on http://${urlHost}:${port}: started in ${startMs} ms ` +
      `(county ${Math.round(countyMs)} ms, database ${how} ${Math.round(dbMs)} ms, seq ${seq})`,
  );

  let closing: Promise<void> | null = null;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    startMs,
    store,
    simulator,
    reportEvent: () => track(reportEvent()),
    writeBackWorkers: () => track(writeBackWorkers()),
    close() {
      closing ??= (async () => {
        for (const t of timers) clearInterval(t);
        // Stop taking connections first, then end the live sockets and any idle keep-alive ones.
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        await live.close();
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

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, JSON.stringify({ error: { code, message } }));
}
