// Serves the built renderer (out/renderer): files with their content types, and index.html for any
// other GET without a file extension, so client-side routes like /wall/1 load the app.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.ktx2': 'image/ktx2',
  '.glb': 'model/gltf-binary',
  '.gltf': 'model/gltf+json',
  '.b3dm': 'application/octet-stream',
  '.i3dm': 'application/octet-stream',
  '.pnts': 'application/octet-stream',
  '.cmpt': 'application/octet-stream',
  '.subtree': 'application/octet-stream',
  '.terrain': 'application/vnd.quantized-mesh',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
};

export function contentType(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticTarget =
  | { kind: 'file'; path: string }
  | { kind: 'app' } // index.html
  | { kind: 'reject'; status: 400 | 404 };

/** Where a URL path leads inside root; never outside it. */
export function resolveStatic(root: string, urlPath: string): StaticTarget {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return { kind: 'reject', status: 400 };
  }
  if (decoded.includes('\0') || !decoded.startsWith('/')) return { kind: 'reject', status: 400 };
  if (decoded === '/' || decoded === '/index.html') return { kind: 'app' };
  const path = normalize(join(root, decoded));
  if (path !== root && !path.startsWith(root.endsWith(sep) ? root : root + sep)) return { kind: 'reject', status: 404 };
  return { kind: 'file', path };
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Watchfloor</title>
<body style="background:#0b1220;color:#e6edf7;font:24px sans-serif;padding:3em">
<h1>网格指挥台 Watchfloor</h1><p>界面尚未构建：请运行 <code>npx electron-vite build</code>。<br>
The renderer is not built yet: run <code>npx electron-vite build</code> (npm run seat does it for you).</p></body>`;

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  // The page URL carries the seat token: never hand it to anyone in a Referer.
  'referrer-policy': 'no-referrer',
};

export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', ...SECURITY_HEADERS }).end();
    return;
  }
  const target = resolveStatic(root, req.url ?? '/');
  if (target.kind === 'reject') {
    res.writeHead(target.status, SECURITY_HEADERS).end();
    return;
  }
  const urlPath = (req.url ?? '/').split('?')[0] ?? '/';
  const filePath = target.kind === 'app' ? join(root, 'index.html') : target.path;
  let found = await fileSize(filePath);
  let path = filePath;
  // Route-like paths (no extension) are the app's own routes; a missing asset stays a plain 404.
  if (found === null && target.kind === 'file' && extname(target.path) === '') {
    path = join(root, 'index.html');
    found = await fileSize(path);
  }
  if (found === null) {
    if (path.endsWith('index.html')) {
      res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', ...SECURITY_HEADERS }).end(req.method === 'HEAD' ? undefined : NOT_BUILT);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end(req.method === 'HEAD' ? undefined : 'not found');
    }
    return;
  }
  const isApp = path.endsWith(`${sep}index.html`);
  res.writeHead(200, {
    'content-type': contentType(path),
    'content-length': found,
    // Vite names built assets by content hash; the page itself must always be fresh.
    'cache-control': isApp ? 'no-cache' : urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...SECURITY_HEADERS,
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(path).on('error', () => res.destroy()).pipe(res);
}

async function fileSize(path: string): Promise<number | null> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : null;
  } catch {
    return null;
  }
}
