// One party's end of the hub's call WebSocket: typed requests with answers checked against the protocol's
// schemas, and validated notices. Platform-neutral (no Node imports): the station hands it a `ws` socket,
// the field page a browser WebSocket.
import {
  CallServerFrame, callMethods,
  type CallNotice, type CallErrorCode, type CallMethod, type CallParams, type CallResult,
} from './protocol.js';

/**
 * A handler property typed so that both `ws`'s and the browser's WebSocket fit: their handlers take their
 * own richer event types, which a method-style signature accepts (TypeScript checks methods bivariantly).
 */
type Handler<E> = { bivarianceHack(event: E): void }['bivarianceHack'];

/** What the client needs of a socket; `ws`'s WebSocket and the browser's WebSocket both have it. */
export interface CallSocket {
  /** 0 connecting, 1 open, 2 closing, 3 closed (the WebSocket standard's numbers). */
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: Handler<unknown> | null;
  onmessage: Handler<{ readonly data: unknown }> | null;
  onclose: Handler<{ readonly code: number; readonly reason: string }> | null;
  onerror: Handler<unknown> | null;
}

/** The hub's own error codes, and the client's: the link closed, no answer in time, an answer that fails its schema. */
export type CallClientErrorCode = CallErrorCode | 'closed' | 'timeout' | 'bad_answer';

export class CallClientError extends Error {
  constructor(readonly code: CallClientErrorCode, message: string) {
    super(message);
    this.name = 'CallClientError';
  }
}

export interface CallClientOptions {
  /** How long a request waits for its answer; 15 s unless a test says otherwise. */
  timeoutMs?: number;
}

const CONNECTING = 0;
const OPEN = 1;
export const CALL_REQUEST_TIMEOUT_MS = 15_000;

interface Pending {
  method: CallMethod;
  resolve(result: unknown): void;
  reject(error: CallClientError): void;
  timer: ReturnType<typeof setTimeout>;
}

export class CallClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Requests made while the socket still connects: sent once it opens. */
  private readonly queued: string[] = [];
  private readonly noticeListeners = new Set<(notice: CallNotice) => void>();
  private readonly closeListeners = new Set<(info: { code: number; reason: string }) => void>();
  private readonly problemListeners = new Set<(message: string) => void>();
  private readonly timeoutMs: number;
  private isClosed = false;

  constructor(private readonly socket: CallSocket, options: CallClientOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? CALL_REQUEST_TIMEOUT_MS;
    if (socket.readyState > OPEN) this.isClosed = true;
    socket.onopen = () => {
      for (const frame of this.queued.splice(0)) socket.send(frame);
    };
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = (event) => this.finish(event.code, event.reason);
    // A failed connect or a broken link is followed by close, which settles everything; `ws` would throw
    // an unhandled 'error' without a handler.
    socket.onerror = () => undefined;
  }

  /** True once the socket has closed: every later request is refused at once. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** Asks the hub; resolves with the answer checked against the method's result schema. */
  request<M extends CallMethod>(method: M, params: CallParams<M>): Promise<CallResult<M>> {
    if (this.isClosed) return Promise.reject(closedError());
    // Checked here too, so a caller's mistake reads as a clear local error rather than the hub's.
    const checked = callMethods[method].params.safeParse(params);
    if (!checked.success) {
      return Promise.reject(new CallClientError('bad_params', `${method}: ${checked.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`));
    }
    const id = this.nextId++;
    const frame = JSON.stringify({ id, method, params: checked.data });
    return new Promise<CallResult<M>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new CallClientError('timeout', `调度服务 ${Math.round(this.timeoutMs / 1000)} 秒内未应答 / no answer from the dispatch service (${method})`));
      }, this.timeoutMs);
      this.pending.set(id, { method, resolve: (result) => resolve(result as CallResult<M>), reject, timer });
      try {
        if (this.socket.readyState === CONNECTING) this.queued.push(frame);
        else this.socket.send(frame);
      } catch (error) {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(new CallClientError('closed', error instanceof Error ? error.message : String(error)));
      }
    });
  }

  /** Every valid notice from the hub (ring, call changes, consumer closed). Returns the unsubscribe. */
  onNotice(listener: (notice: CallNotice) => void): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }

  /** The socket closed (pending requests have been rejected by then). Returns the unsubscribe. */
  onClose(listener: (info: { code: number; reason: string }) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** A frame from the hub that this client could not use (not JSON, fails the schema, unknown id). */
  onProblem(listener: (message: string) => void): () => void {
    this.problemListeners.add(listener);
    return () => this.problemListeners.delete(listener);
  }

  close(): void {
    this.socket.close(1000, 'closed by client');
    // The socket's own close event follows; rejecting now spares callers waiting for the closing handshake.
    this.finish(1000, 'closed by client');
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return this.problem('binary frame ignored');
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return this.problem('frame is not JSON');
    }
    const parsed = CallServerFrame.safeParse(json);
    if (!parsed.success) {
      // A broken answer to one of our requests still settles it, rather than leaving it to time out.
      const id = typeof json === 'object' && json !== null && 'id' in json && typeof json.id === 'number' ? json.id : null;
      const pending = id === null ? undefined : this.take(id);
      if (pending) pending.reject(new CallClientError('bad_answer', `${pending.method}: malformed answer from the hub`));
      return this.problem(`frame fails the protocol: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    const frame = parsed.data;
    if ('notice' in frame) {
      for (const listener of [...this.noticeListeners]) listener(frame);
      return;
    }
    if (!frame.ok && frame.id === null) return this.problem(`hub error: ${frame.error.code} ${frame.error.message}`);
    const pending = frame.id === null ? undefined : this.take(frame.id);
    if (!pending) return this.problem(`answer to unknown request ${frame.id}`);
    if (!frame.ok) return pending.reject(new CallClientError(frame.error.code, frame.error.message));
    const result = callMethods[pending.method].result.safeParse(frame.result);
    if (!result.success) {
      return pending.reject(new CallClientError('bad_answer', `${pending.method}: answer fails its schema (${result.error.issues[0]?.message ?? 'invalid'})`));
    }
    pending.resolve(result.data);
  }

  private take(id: number): Pending | undefined {
    const pending = this.pending.get(id);
    if (!pending) return undefined;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    return pending;
  }

  private finish(code: number, reason: string): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.queued.length = 0;
    for (const [id] of [...this.pending]) this.take(id)?.reject(closedError());
    for (const listener of [...this.closeListeners]) listener({ code, reason });
  }

  private problem(message: string): void {
    for (const listener of [...this.problemListeners]) listener(message);
  }
}

function closedError(): CallClientError {
  return new CallClientError('closed', '与调度服务的连接已断开 / link to the dispatch service closed');
}
