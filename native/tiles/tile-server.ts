// The station's map tiles in Electron: a loopback HTTP server on a port the OS picks, each request
// carrying a random per-start token (as the video server does: another page on this machine can reach
// 127.0.0.1 but cannot guess it). The renderer learns the URL template from `tiles.endpoint`.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { listen } from '../net/listen.js';
import { SEAT_TILES_PREFIX, parseTilePath } from './tile-path.js';
import { serveTile, tokenMatches } from './tile-http.js';
import type { TileService } from './tile-service.js';

export interface TileServer {
  /** `http://127.0.0.1:<port>/tiles/{z}/{x}/{y}.png?token=<token>`: an XYZ template for the map. */
  urlTemplate: string;
  close(): Promise<void>;
}

// The app's pages load from their own scheme (watchfloor://app): images from here are cross-origin and need CORS.
const CORS = { 'access-control-allow-origin': '*' };

export async function startTileServer(service: TileService, log: (line: string) => void): Promise<TileServer> {
  const token = randomBytes(32).toString('base64url');
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const tile = parseTilePath(url.pathname, SEAT_TILES_PREFIX);
    if (!tile) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...CORS }).end('not found');
      return;
    }
    if (!tokenMatches(url.searchParams.get('token'), token)) {
      res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', ...CORS }).end('missing or wrong tile token');
      return;
    }
    serveTile(service, tile, req, res, CORS).catch((err: unknown) => {
      log(`tiles: ${url.pathname} failed: ${String(err)}`);
      if (!res.headersSent) res.writeHead(500, CORS).end();
      else res.destroy();
    });
  });
  const port = await listen(server, 0, '127.0.0.1');
  let closing: Promise<void> | null = null;
  return {
    urlTemplate: `http://127.0.0.1:${port}${SEAT_TILES_PREFIX}/{z}/{x}/{y}.png?token=${token}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
