// The renderer's only window onto the station: frames out to, and in from, the MessagePort main hands over.
// Frames posted before the first port arrives are queued. A later port (the station restarted) replaces
// the old one: requests the old port will never answer fail at once and subscriptions are renewed, so the
// renderer's client sees one connection that never drops. No Electron here, so it is testable under Node.

/** The parts of a DOM MessagePort (or Node's worker_threads one) the bridge uses. */
export interface BridgePort {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  start(): void;
  close(): void;
}

/** Exactly what the preload exposes as `window.watchfloorBridge`. */
export interface WatchfloorBridge {
  post(frame: unknown): void;
  onFrame(listener: (frame: unknown) => void): void;
}

export interface Bridge {
  bridge: WatchfloorBridge;
  /** Hands the bridge a (new) port to the station. */
  attach(port: BridgePort): void;
}

export const MAX_QUEUED_FRAMES = 10_000;

type FrameFields = { kind?: unknown; id?: unknown; topic?: unknown };
const fields = (frame: unknown): FrameFields => (typeof frame === 'object' && frame !== null ? (frame as FrameFields) : {});

export function createBridge(maxQueued = MAX_QUEUED_FRAMES): Bridge {
  const listeners: Array<(frame: unknown) => void> = [];
  const queue: unknown[] = [];
  // What the bridge must know to carry the renderer across a port change.
  const subscriptions = new Set<string>();
  const unanswered = new Set<number>();
  let port: BridgePort | null = null;

  function deliver(frame: unknown): void {
    const f = fields(frame);
    if (f.kind === 'res' && typeof f.id === 'number') unanswered.delete(f.id);
    for (const listener of listeners) {
      try {
        listener(frame);
      } catch (err) {
        console.error('[watchfloor bridge] a frame listener threw', err);
      }
    }
  }

  function note(frame: unknown): void {
    const f = fields(frame);
    if (f.kind === 'sub' && typeof f.topic === 'string') subscriptions.add(f.topic);
    else if (f.kind === 'unsub' && typeof f.topic === 'string') subscriptions.delete(f.topic);
    else if (f.kind === 'req' && typeof f.id === 'number') unanswered.add(f.id);
  }

  const bridge: WatchfloorBridge = {
    post(frame) {
      if (port) {
        port.postMessage(frame);
      } else {
        if (queue.length >= maxQueued) throw new Error(`watchfloor bridge: the station is not connected and ${maxQueued} frames are already waiting`);
        queue.push(frame);
      }
      note(frame);
    },
    onFrame(listener) {
      listeners.push(listener);
    },
  };

  function attach(next: BridgePort): void {
    const previous = port;
    port = next;
    next.addEventListener('message', (event) => {
      if (port === next) deliver(event.data);
    });
    next.start();
    if (previous) {
      previous.close();
      for (const id of [...unanswered]) {
        deliver({ kind: 'res', id, ok: false, error: { code: 'internal', message: 'the station restarted before answering; try again' } });
      }
      for (const topic of subscriptions) next.postMessage({ kind: 'sub', topic });
    }
    for (const frame of queue.splice(0)) next.postMessage(frame);
  }

  return { bridge, attach };
}
