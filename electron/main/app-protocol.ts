// Serves the built renderer as watchfloor://app/ (not file://): a real origin for CSP, permissions and
// navigation checks, and every response carries the CSP header.
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, mimeType, resolveAppFile } from './app-files.js';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true, stream: true } },
  ]);
}

export function serveRenderer(rootDir: string, csp: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(request.url, rootDir);
    if (!file) return new Response('not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(new Uint8Array(body), {
        headers: { 'Content-Type': mimeType(file), 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}
