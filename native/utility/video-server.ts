// The station's video sockets in Electron: a WebSocket server on loopback only, on a port the OS picks, each
// connection carrying a random per-start token (a web page in some browser on this machine can reach
// 127.0.0.1 too, but cannot guess the token: the renderer learns the URL over its MessagePort, from
// `video.endpoint`). Each accepted socket is one tile, handed to the station's video socket handler.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { VideoStatus } from '../api/video.js';
import { listen } from '../net/listen.js';

export const VIDEO_PATH = '/video';
/** Close code for a socket without the right token (policy violation: it will never be served). */
export const UNAUTHORIZED_VIDEO_CLOSE = 1008;
/** A tile sends nothing; a client that sends more than this is cut off rather than buffered. */
const MAX_CLIENT_FRAME_BYTES = 4 * 1024;

export interface VideoServerOptions {
  /** Serves one tile's socket (native/video/video-socket.ts serveVideoSocket over the station's relay). */
  serve(ws: WebSocket, query: URLSearchParams): void;
  log: (line: string) => void;
}

export interface VideoServer {
  /** `ws://127.0.0.1:<port>/video?token=<token>`: the tile appends `&camera=…&profile=…&h265=…`. */
  url: string;
  /** Sockets open now. */
  connections(): number;
  /** Stops listening and ends every socket (their relay subscriptions end with them). */
  close(): Promise<void>;
}

function tokenMatches(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startVideoServer(opts: VideoServerOptions): Promise<VideoServer> {
  const token = randomBytes(32).toString('base64url');
  const server = createServer((_req, res) => {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }).end('not found');
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES, perMessageDeflate: false });

  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== VIDEO_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // A socket error (a client over maxPayload, a reset) only ends that socket; unheard, it would end the process.
      ws.on('error', (err) => opts.log(`video: socket error: ${err.message}`));
      if (!tokenMatches(url.searchParams.get('token'), token)) {
        // Upgrade first, then refuse in-band: a browser cannot read an HTTP status on a WebSocket handshake,
        // and a tile shows this as a clear error rather than an endless "connecting".
        const status: VideoStatus = {
          type: 'status',
          state: 'error',
          detail: 'unauthorized video socket: wrong or missing token',
          profile: url.searchParams.get('profile') === 'sub' ? 'sub' : 'main',
          transcoded: false,
          codec: null,
        };
        ws.send(JSON.stringify(status));
        ws.close(UNAUTHORIZED_VIDEO_CLOSE, 'unauthorized');
        opts.log('video: refused a socket without the right token');
        return;
      }
      try {
        opts.serve(ws, url.searchParams);
      } catch (err) {
        opts.log(`video: serving a socket failed: ${String(err)}`);
        ws.terminate();
      }
    });
  });

  const port = await listen(server, 0, '127.0.0.1');

  let closing: Promise<void> | null = null;
  return {
    url: `ws://127.0.0.1:${port}${VIDEO_PATH}?token=${token}`,
    connections: () => wss.clients.size,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
