// Serves the grid worker's field page (`GET /field/…`) from its build folder (out/field, `npm run build`):
// files only under that folder, typed by extension; a hub whose page was never built says how to build it.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIELD_PATH } from '../../native/calls/protocol.js';

/** Where `npm run build:field` writes the page. */
export const DEFAULT_FIELD_DIR = fileURLToPath(new URL('../../out/field', import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Answers requests under /field; resolves false for any other path. */
export function fieldPage(dir: string): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  const root = resolve(dir);
  return async (req, res, url) => {
    const path = url.pathname;
    if (path === FIELD_PATH.slice(0, -1)) {
      res.writeHead(301, { location: `${FIELD_PATH}${url.search}`, 'content-length': 0 });
      res.end();
      return true;
    }
    if (!path.startsWith(FIELD_PATH)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      text(res, 405, `${req.method ?? '?'} is not allowed here; use GET`, { allow: 'GET, HEAD' });
      return true;
    }
    let relative: string;
    try {
      relative = decodeURIComponent(path.slice(FIELD_PATH.length)) || 'index.html';
    } catch {
      text(res, 400, 'the path is not valid percent-encoding');
      return true;
    }
    const file = resolve(root, relative);
    // `..`, encoded slashes and NUL must not reach outside the page's folder.
    if (relative.includes('\0') || (file !== root && !file.startsWith(root + sep))) {
      text(res, 404, `no such file: ${path.slice(0, 100)}`);
      return true;
    }
    const built = await stat(join(root, 'index.html')).catch(() => null);
    if (!built?.isFile()) {
      text(res, 503, 'field page not built: run npm run build');
      return true;
    }
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      text(res, 404, `no such file: ${path.slice(0, 100)}`);
      return true;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': info.size,
      // Vite names assets by their hash; the page itself must be looked at again after a rebuild.
      'cache-control': relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') {
      res.end();
      return true;
    }
    await new Promise<void>((done, fail) => {
      createReadStream(file).on('error', fail).pipe(res).on('finish', done).on('close', done);
    });
    return true;
  };
}

function text(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store', ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
