// Routes Electron main's control messages in the station process: each `connect` brings one window's
// MessagePort, which becomes one Station API connection; the port closing (window gone) ends it.
import type { ServerFrame } from '../api/contract.js';
import { ToStation } from './messages.js';

/** The parts of Electron's MessagePortMain the station uses, typed here because this process never imports electron. */
export interface StationPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  start(): void;
  close(): void;
}

/** What `process.parentPort` delivers in a utility process. */
export interface ParentMessage {
  data: unknown;
  ports: readonly StationPort[];
}

/** The transport-agnostic side of the Station API (native/api/host.ts ApiHost). */
export interface ApiHostLike {
  connect(send: (frame: ServerFrame) => void): { receive(raw: unknown): void; close(): void };
}

export interface ConnectionRouterOptions {
  /** The station's API host; connections wait (their ports unstarted, so frames queue) until it resolves. */
  host: Promise<ApiHostLike>;
  onShutdown: () => void;
  log: (line: string) => void;
}

export interface ConnectionRouter {
  handle(message: ParentMessage): void;
  /** Window ids with an open connection. */
  openWindows(): number[];
  closeAll(): void;
}

export function createConnectionRouter(opts: ConnectionRouterOptions): ConnectionRouter {
  // One connection per window: a reloaded window gets a fresh port, and its old connection is dropped.
  const open = new Map<number, () => void>();
  // A station that fails to start rejects `host`; ports waiting on it are closed in handle(), and this
  // keeps the rejection from counting as unhandled before any connect arrives.
  opts.host.catch(() => undefined);

  function attach(windowId: number, port: StationPort, host: ApiHostLike): void {
    open.get(windowId)?.();
    const conn = host.connect((frame) => {
      try {
        port.postMessage(frame);
      } catch (err) {
        opts.log(`station: window ${windowId}: cannot post a frame: ${String(err)}`);
      }
    });
    let closed = false;
    const close = (): void => {
      if (closed) return;
      closed = true;
      conn.close();
      port.close();
      if (open.get(windowId) === close) open.delete(windowId);
    };
    open.set(windowId, close);
    port.on('message', (event) => conn.receive(event.data));
    port.on('close', close);
    port.start();
  }

  return {
    handle(message) {
      const parsed = ToStation.safeParse(message.data);
      if (!parsed.success) {
        opts.log(`station: ignored a control message main should never send: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
        for (const p of message.ports) p.close();
        return;
      }
      const msg = parsed.data;
      if (msg.type === 'shutdown') {
        opts.onShutdown();
        return;
      }
      const [port, ...extra] = message.ports;
      for (const p of extra) p.close();
      if (!port) {
        opts.log(`station: connect for window ${msg.windowId} came without a port`);
        return;
      }
      opts.host.then(
        (host) => attach(msg.windowId, port, host),
        () => port.close(),
      );
    },
    openWindows: () => [...open.keys()],
    closeAll() {
      for (const close of [...open.values()]) close();
    },
  };
}
