// The renderer's Content-Security-Policy: its own code, styles and data only, no eval (WebAssembly aside,
// for Cesium's decoders), no plugins, no frames, no forms; video arrives over the station's loopback video
// sockets (ws://127.0.0.1:<port>) and plays from MediaSource blob: URLs; map imagery tiles come from the station's
// loopback tile server (http://127.0.0.1:<port>). In development the Vite dev server's
// origin (and its HMR WebSocket) is added. Built pages get the header from the app protocol; dev pages via
// webRequest.
import type { Session } from 'electron';

const VIDEO_SOCKETS = 'ws://127.0.0.1:*';
/** The station's tile server (native/tiles/tile-server.ts): loopback only, a port chosen at start. */
const TILE_SERVER = 'http://127.0.0.1:*';

export function contentSecurityPolicy(appUrl: string): string {
  const app = new URL(appUrl);
  const dev = app.protocol === 'http:' || app.protocol === 'https:';
  // 'self' does not match every custom scheme in every Chromium; name the app's origin as well.
  const self = `'self' ${app.protocol}//${app.host}`;
  const hmr = dev ? ` ${app.protocol === 'https:' ? 'wss:' : 'ws:'}//${app.host}` : '';
  return [
    "default-src 'none'",
    `script-src ${self} 'wasm-unsafe-eval'`,
    // Vue and Cesium set inline styles; inline scripts stay forbidden.
    `style-src ${self} 'unsafe-inline'`,
    `img-src ${self} data: blob: ${TILE_SERVER}`,
    `font-src ${self} data:`,
    // The station's video server listens on loopback only, on a port chosen at start (native/utility/video-server.ts).
    // Cesium fetches imagery with fetch/XHR, so the tile server is a connect-src too.
    `connect-src ${self} data: blob: ${VIDEO_SOCKETS} ${TILE_SERVER}${hmr}`,
    `worker-src ${self} blob:`,
    `media-src ${self} blob: mediastream:`,
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

type WebRequestSession = Pick<Session, 'webRequest'>;

/** For an http(s) app URL (the dev server) adds the CSP header to its responses; the app protocol sets its own. */
export function installDevCsp(session: WebRequestSession, appUrl: string): boolean {
  const app = new URL(appUrl);
  if (app.protocol !== 'http:' && app.protocol !== 'https:') return false;
  const policy = contentSecurityPolicy(appUrl);
  session.webRequest.onHeadersReceived({ urls: [`${app.protocol}//${app.host}/*`] }, (details, callback) => {
    // Replace, not add: two policies would both apply, and ours must be the one in force.
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [policy] } });
  });
  return true;
}
