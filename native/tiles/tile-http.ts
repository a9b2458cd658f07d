// Answers one tile request from the seat's tile service: the image (from the cache, or fetched and kept),
// or a quick 404 when there is none (offline miss, outside the county). Shared by the browser seat's
// `/tiles/...` route and the Electron utility's loopback tile server.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TileId } from './tile-math.js';
import type { TileService } from './tile-service.js';

export function tokenMatches(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function contentType(body: Buffer): string {
  if (body[0] === 0xff && body[1] === 0xd8) return 'image/jpeg';
  if (body.length > 12 && body.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return 'image/png';
}

export async function serveTile(service: TileService, tile: TileId, req: IncomingMessage, res: ServerResponse, extraHeaders: Record<string, string> = {}): Promise<void> {
  const text = { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', ...extraHeaders };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...text, allow: 'GET, HEAD' }).end('use GET');
    return;
  }
  const body = await service.tile(tile);
  if (!body) {
    // Not cached, and offline or not at the source: the map leaves the ground plain there. Not kept by the
    // browser, so the tile shows once the link is back.
    res.writeHead(404, { ...text, 'cache-control': 'no-store' }).end('no tile here (offline and not cached, or outside the imagery)');
    return;
  }
  res.writeHead(200, {
    ...extraHeaders,
    'content-type': contentType(body),
    'content-length': body.length,
    'cache-control': 'private, max-age=3600',
    'x-content-type-options': 'nosniff',
  }).end(req.method === 'HEAD' ? undefined : body);
}
