// The browser seat: the station under plain Node, serving the built renderer, `/healthz`, and the
// Station API over a token-protected WebSocket at `/ws`, all on one local HTTP port.
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ServerFrame } from '../api/contract.js';
import { errorFrame, NotFoundError } from '../api/host.js';
import { startStation, type Station } from '../station.js';
import { serveVideoSocket } from '../video/video-socket.js';
import type { VideoStatus } from '../api/video.js';
import { listen } from '../net/listen.js';
import { healthz } from './healthz.js';
import { serveStatic } from './static-files.js';
import { SEAT_TILES_PREFIX, parseTilePath } from '../tiles/tile-path.js';
import { serveTile } from '../tiles/tile-http.js';

export interface SeatOptions {
  port: number;
  host?: string;
  hubUrl?: string | null;
  dataDir: string;
  token: string;
  /** The built renderer; defaults to out/renderer in this checkout. */
  rendererDir?: string;
  log?: (line: string) => void;
  pingIntervalMs?: number;
  /** An XYZ tile server for the map's imagery; absent or null: the hub's own tiles. */
  tileSource?: string | null;
}

export interface Seat {
  /** http://host:port — the page URL is this plus `/?token=`. */
  url: string;
  port: number;
  station: Station;
  close(): Promise<void>;
}

export const UNAUTHORIZED_CLOSE = 4401;
/** Position batches for a client this far behind are skipped: the next batch supersedes them. */
const SLOW_CLIENT_BYTES = 8 * 1024 * 1024;
/** Far above any frame the renderer sends; keeps a bad client from making the seat buffer megabytes. */
const MAX_CLIENT_FRAME_BYTES = 256 * 1024;

export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

function tokenMatches(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function serveApi(station: Station, socket: WebSocket): void {
  const send = (frame: ServerFrame): void => {
    if (socket.readyState !== socket.OPEN) return;
    if (frame.kind === 'evt' && frame.topic === 'workers.positions' && socket.bufferedAmount > SLOW_CLIENT_BYTES) return;
    socket.send(JSON.stringify(frame));
  };
  const connection = station.api.connect(send);
  socket.on('message', (data, isBinary) => {
    if (isBinary) {
      send(errorFrame(null, 'bad_frame', 'binary messages are not Station API frames; send JSON text'));
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch {
      send(errorFrame(null, 'bad_frame', 'message is not valid JSON'));
      return;
    }
    connection.receive(parsed);
  });
  socket.on('close', () => connection.close());
  socket.on('error', () => connection.close());
}

/**
 * `GET /media/snapshots/<eventId>.svg?token=…`: an AI alert's snapshot, from the station's cache once seen
 * (so it shows offline), else fetched from the hub and kept. The token guards it like the API socket.
 */
async function serveSnapshot(station: Station, eventId: string, req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://seat');
  if (!tokenMatches(url.searchParams.get('token'), token)) {
    res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' }).end('missing or wrong seat token');
    return;
  }
  let item;
  try {
    item = await station.snapshot(eventId);
  } catch (err) {
    if (err instanceof NotFoundError) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(err.message);
      return;
    }
    throw err;
  }
  res.writeHead(200, {
    'content-type': item.contentType,
    'cache-control': 'private, max-age=86400',
    // An SVG opened on its own must not run script on the seat's origin.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'x-content-type-options': 'nosniff',
  }).end(item.body);
}

export async function startSeat(opts: SeatOptions): Promise<Seat> {
  const log = opts.log ?? (() => undefined);
  const host = opts.host ?? '127.0.0.1';
  const rendererDir = opts.rendererDir ?? DEFAULT_RENDERER_DIR;
  const station = await startStation({ dataDir: opts.dataDir, hubUrl: opts.hubUrl ?? null, log, pingIntervalMs: opts.pingIntervalMs, tileSource: opts.tileSource ?? null });

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      const body = JSON.stringify(healthz(station));
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(body);
      return;
    }
    const snapshot = /^\/media\/snapshots\/([^/]+)\.svg$/.exec(path ?? '');
    if (snapshot) {
      serveSnapshot(station, decodeURIComponent(snapshot[1]!), req, res, opts.token).catch((err: unknown) => {
        log(`seat: snapshot ${req.url} failed: ${String(err)}`);
        if (!res.headersSent) res.writeHead(502).end();
        else res.destroy();
      });
      return;
    }
    // Map imagery (issue 5): `/tiles/{z}/{x}/{y}.png?token=…`, from the station's tile cache first.
    const tile = parseTilePath(path ?? '', SEAT_TILES_PREFIX);
    if (tile) {
      if (!tokenMatches(new URL(req.url ?? '/', 'http://seat').searchParams.get('token'), opts.token)) {
        res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' }).end('missing or wrong seat token');
        return;
      }
      serveTile(station.tiles.service, tile, req, res).catch((err: unknown) => {
        log(`seat: tile ${path} failed: ${String(err)}`);
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
      return;
    }
    serveStatic(rendererDir, req, res).catch((err: unknown) => {
      log(`seat: serving ${req.url} failed: ${String(err)}`);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES });
  // A tile's video socket (issue 3): the same token; tiles send nothing, so any frame of size is refused.
  const videoWss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  station.setVideoEndpoint(`/video?token=${encodeURIComponent(opts.token)}`);
  station.tiles.setEndpoint(`${SEAT_TILES_PREFIX}/{z}/{x}/{y}.png?token=${encodeURIComponent(opts.token)}`);
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://seat');
    if (url.pathname === '/video') {
      videoWss.handleUpgrade(req, socket, head, (ws) => {
        if (!tokenMatches(url.searchParams.get('token'), opts.token)) {
          const status: VideoStatus = {
            type: 'status', state: 'error', detail: 'missing or wrong seat token', profile: 'main', transcoded: false, codec: null,
          };
          ws.send(JSON.stringify(status));
          ws.close(UNAUTHORIZED_CLOSE, 'unauthorized');
          return;
        }
        serveVideoSocket(station.video, ws, url.searchParams);
      });
      return;
    }
    if (url.pathname !== '/ws') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (!tokenMatches(url.searchParams.get('token'), opts.token)) {
        // Upgrade first, then refuse in-band: a browser cannot read an HTTP 401 on a WebSocket handshake.
        ws.send(JSON.stringify(errorFrame(null, 'unauthorized', 'missing or wrong seat token: open the URL the seat printed')));
        ws.close(UNAUTHORIZED_CLOSE, 'unauthorized');
        return;
      }
      serveApi(station, ws);
    });
  });

  let port: number;
  try {
    port = await listen(server, opts.port, host);
  } catch (err) {
    await station.close();
    throw err;
  }

  let closing: Promise<void> | null = null;
  return {
    url: `http://${urlHost(host)}:${port}`,
    port,
    station,
    close: () => {
      closing ??= (async () => {
        for (const client of [...wss.clients, ...videoWss.clients]) client.close(1001, 'seat shutting down');
        wss.close();
        videoWss.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await station.close();
      })();
      return closing;
    },
  };
}
