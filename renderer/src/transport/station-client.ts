// Typed client of the Station API over any Transport: requests return validated results, topic events
// reach subscribers only after their schema accepts them. Subscriptions are renewed after a reconnect.
import {
  CONTRACT_VERSION, ServerFrame, methods, topics,
  type MethodName, type Params, type Result, type StationError, type TopicData, type TopicName,
} from '../../../native/api/contract';
import type { Transport, TransportState } from './transport';

export class StationRequestError extends Error {
  constructor(readonly code: StationError['code'] | 'disconnected' | 'bad_response' | 'timeout', message: string) {
    super(message);
    this.name = 'StationRequestError';
  }
}

interface Pending {
  method: MethodName;
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

const REQUEST_TIMEOUT_MS = 60_000;

export class StationClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly waitingForOpen: Array<() => void> = [];
  private readonly listeners = new Map<TopicName, Set<(data: never) => void>>();
  private readonly stateListeners = new Set<(state: TransportState) => void>();

  constructor(private readonly transport: Transport) {
    transport.onFrame((raw) => this.receive(raw));
    transport.onState((state) => this.stateChanged(state));
  }

  get state(): TransportState {
    return this.transport.state;
  }

  onState(listener: (state: TransportState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Calls a method; resolves with its validated result or rejects with a StationRequestError. */
  async request<M extends MethodName>(method: M, ...[params]: Record<string, never> extends Params<M> ? [Params<M>?] : [Params<M>]): Promise<Result<M>> {
    if (this.transport.state !== 'open') await new Promise<void>((resolve) => this.waitingForOpen.push(resolve));
    const id = this.nextId++;
    return new Promise<Result<M>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new StationRequestError('timeout', `${method} got no answer in ${REQUEST_TIMEOUT_MS} ms`));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(id, { method, resolve: resolve as (r: unknown) => void, reject, timer });
      this.transport.send({ kind: 'req', id, method, params: params ?? {} });
    });
  }

  /** Listens to a topic; returns the function that stops listening. */
  subscribe<T extends TopicName>(topic: T, listener: (data: TopicData<T>) => void): () => void {
    let set = this.listeners.get(topic);
    if (!set) {
      set = new Set();
      this.listeners.set(topic, set);
      if (this.transport.state === 'open') this.transport.send({ kind: 'sub', topic });
    }
    set.add(listener as (data: never) => void);
    return () => {
      const current = this.listeners.get(topic);
      if (!current) return;
      current.delete(listener as (data: never) => void);
      if (current.size === 0) {
        this.listeners.delete(topic);
        if (this.transport.state === 'open') this.transport.send({ kind: 'unsub', topic });
      }
    };
  }

  private stateChanged(state: TransportState): void {
    if (state === 'open') {
      for (const topic of this.listeners.keys()) this.transport.send({ kind: 'sub', topic });
      for (const resume of this.waitingForOpen.splice(0)) resume();
    } else {
      // Answers to requests sent on a dropped connection will never come.
      for (const [id, p] of this.pending) {
        clearTimeout(p.timer);
        p.reject(new StationRequestError('disconnected', `${p.method}: connection to the station lost`));
        this.pending.delete(id);
      }
    }
    for (const l of this.stateListeners) l(state);
  }

  private receive(raw: unknown): void {
    const parsed = ServerFrame.safeParse(raw);
    if (!parsed.success) {
      console.warn('[station] dropped a frame the contract does not allow', parsed.error.issues[0]);
      return;
    }
    const frame = parsed.data;
    switch (frame.kind) {
      case 'hello':
        if (frame.contract !== CONTRACT_VERSION) console.warn(`[station] contract ${frame.contract}, expected ${CONTRACT_VERSION}`);
        return;
      case 'evt':
        this.dispatchEvent(frame.topic, frame.data);
        return;
      case 'res':
        this.settle(frame);
        return;
    }
  }

  private settle(frame: Extract<ServerFrame, { kind: 'res' }>): void {
    if (frame.id === null) {
      if (!frame.ok) console.warn(`[station] ${frame.error.code}: ${frame.error.message}`);
      return;
    }
    const p = this.pending.get(frame.id);
    if (!p) return;
    this.pending.delete(frame.id);
    clearTimeout(p.timer);
    if (!frame.ok) {
      p.reject(new StationRequestError(frame.error.code, frame.error.message));
      return;
    }
    const result = methods[p.method].result.safeParse(frame.result);
    if (result.success) p.resolve(result.data);
    else p.reject(new StationRequestError('bad_response', `${p.method}: ${result.error.issues[0]?.message ?? 'invalid result'}`));
  }

  private dispatchEvent(topic: string, data: unknown): void {
    if (!(topic in topics)) return;
    const name = topic as TopicName;
    const set = this.listeners.get(name);
    if (!set || set.size === 0) return;
    const parsed = topics[name].safeParse(data);
    if (!parsed.success) {
      console.warn(`[station] dropped a ${name} event the contract does not allow`);
      return;
    }
    for (const l of set) (l as (d: unknown) => void)(parsed.data);
  }
}
