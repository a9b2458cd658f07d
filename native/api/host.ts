// Hosts the Station API for any transport: checks every incoming frame against the contract, runs the
// one handler for the method, and forwards subscribed topics. A MessagePort adapter hands it objects;
// the WebSocket adapter parses text first.
// It runs in the station (Node) but imports nothing Node-specific, like the rest of native/api.
import type { z } from 'zod';
import {
  ClientFrame, CONTRACT_VERSION, methods, topics,
  type ErrorCode, type MethodName, type Result, type ServerFrame, type TopicData, type TopicName,
} from './contract.js';
import type { TopicBus } from './bus.js';
import { describeIssues } from './issues.js';

/** Thrown by a handler when the thing asked for is not in the cache: the caller gets `not_found`. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/**
 * Thrown by a handler that refuses the request for a reason the caller can fix (a transition out of
 * order, a missing reason, an unknown category): the caller gets this code and message, nothing changed.
 */
export class RefusedError extends Error {
  override readonly name = 'RefusedError';
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
  }
}

export type MethodParams<M extends MethodName> = z.output<(typeof methods)[M]['params']>;
export type Handler<M extends MethodName> = (params: MethodParams<M>) => Result<M> | Promise<Result<M>>;
/** One implementation per method of the contract. */
export type Handlers = { [M in MethodName]: Handler<M> };

export interface ApiHostOptions {
  /** Check results and events against the contract before sending: on in tests, off in production (it costs time). */
  validateResults?: boolean;
  /** Topics whose current value a new subscriber gets at once (e.g. the link light). */
  snapshots?: { [T in TopicName]?: () => TopicData<T> };
  log?: (line: string) => void;
}

export interface ApiConnection {
  /** One frame from the renderer: a parsed object (MessagePort) or the result of JSON.parse (WebSocket). */
  receive(raw: unknown): void;
  /** Drops this connection's subscriptions; later frames are ignored and nothing more is sent. */
  close(): void;
}

function isMethod(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

function isTopic(name: string): name is TopicName {
  return Object.hasOwn(topics, name);
}

/** The request id of a frame that failed validation, when it has a usable one, so the caller can match the error. */
function recoverId(raw: unknown): number | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const id = (raw as { id?: unknown }).id;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : null;
}

export function errorFrame(id: number | null, code: ErrorCode, message: string): ServerFrame {
  return { kind: 'res', id, ok: false, error: { code, message } };
}

export class ApiHost {
  private readonly validateResults: boolean;
  private openConnections = 0;

  constructor(private readonly handlers: Handlers, private readonly bus: TopicBus, private readonly options: ApiHostOptions = {}) {
    this.validateResults = options.validateResults ?? false;
  }

  get connections(): number {
    return this.openConnections;
  }

  connect(send: (frame: ServerFrame) => void): ApiConnection {
    let open = true;
    this.openConnections++;
    const subscriptions = new Map<TopicName, () => void>();
    const emit = (frame: ServerFrame): void => {
      if (!open) return;
      try {
        send(frame);
      } catch (err) {
        this.options.log?.(`api: sending a frame failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    };
    const event = <T extends TopicName>(topic: T, data: TopicData<T>): void => {
      if (this.validateResults) {
        const checked = topics[topic].safeParse(data);
        if (!checked.success) throw new Error(`event on ${topic} breaks the contract: ${describeIssues(checked.error)}`);
      }
      emit({ kind: 'evt', topic, data });
    };

    const request = async (id: number, method: string, rawParams: unknown): Promise<void> => {
      if (!isMethod(method)) {
        emit(errorFrame(id, 'unknown_method', `unknown method "${method}"; known: ${Object.keys(methods).join(', ')}`));
        return;
      }
      const spec = methods[method];
      const params = spec.params.safeParse(rawParams);
      if (!params.success) {
        emit(errorFrame(id, 'bad_params', `bad params for ${method}: ${describeIssues(params.error)}`));
        return;
      }
      let result: unknown;
      try {
        const handler = this.handlers[method] as (p: unknown) => unknown;
        result = await handler(params.data);
      } catch (err) {
        if (err instanceof NotFoundError) {
          emit(errorFrame(id, 'not_found', err.message));
        } else if (err instanceof RefusedError) {
          emit(errorFrame(id, err.code, err.message));
        } else {
          this.options.log?.(`api: ${method} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
          emit(errorFrame(id, 'internal', `${method} failed: ${err instanceof Error ? err.message : String(err)}`));
        }
        return;
      }
      if (this.validateResults) {
        const checked = spec.result.safeParse(result);
        if (!checked.success) {
          emit(errorFrame(id, 'internal', `result of ${method} breaks the contract: ${describeIssues(checked.error)}`));
          return;
        }
      }
      emit({ kind: 'res', id, ok: true, result });
    };

    const subscribe = <T extends TopicName>(topic: T): void => {
      if (subscriptions.has(topic)) return;
      subscriptions.set(topic, this.bus.subscribe(topic, (data) => event(topic, data)));
      const snapshot = this.options.snapshots?.[topic] as (() => TopicData<T>) | undefined;
      if (snapshot) event(topic, snapshot());
    };

    emit({ kind: 'hello', contract: CONTRACT_VERSION });

    return {
      receive: (raw) => {
        if (!open) return;
        const frame = ClientFrame.safeParse(raw);
        if (!frame.success) {
          emit(errorFrame(recoverId(raw), 'bad_frame', `not a Station API frame: ${describeIssues(frame.error)}`));
          return;
        }
        const f = frame.data;
        switch (f.kind) {
          case 'req':
            void request(f.id, f.method, f.params);
            return;
          case 'sub':
            if (!isTopic(f.topic)) {
              emit(errorFrame(null, 'unknown_topic', `unknown topic "${f.topic}"; known: ${Object.keys(topics).join(', ')}`));
              return;
            }
            subscribe(f.topic);
            return;
          case 'unsub': {
            if (!isTopic(f.topic)) {
              emit(errorFrame(null, 'unknown_topic', `unknown topic "${f.topic}"; known: ${Object.keys(topics).join(', ')}`));
              return;
            }
            subscriptions.get(f.topic)?.();
            subscriptions.delete(f.topic);
            return;
          }
        }
      },
      close: () => {
        if (!open) return;
        open = false;
        this.openConnections--;
        for (const unsubscribe of subscriptions.values()) unsubscribe();
        subscriptions.clear();
      },
    };
  }
}
