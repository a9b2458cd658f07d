// The fault test's handle on a seat in a child process (offline-seat-child.ts): Station API calls over IPC,
// SIGKILL at any instant, start again on the same data dir, close cleanly. A spare child waits with the
// code loaded, so a start after a kill is as quick as the station's own start from its cache.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MethodName, Params, Result } from '../../native/api/contract.js';
import { ChildMessage, SeatStatus, type ChildRequest, type WrittenCollection } from './offline-seat-protocol.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('./offline-seat-child.ts', import.meta.url));

export class SeatCallError extends Error {
  constructor(readonly code: string, message: string) {
    super(`${code}: ${message}`);
  }
}

/** The call got no answer: the seat died (was killed) with it in flight, or was not running. */
export class SeatGone extends Error {
  override readonly name = 'SeatGone';
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

interface Spawned {
  child: ChildProcess;
  /** Resolves when the child listens for `open`; rejects if it exits first. */
  loaded: Promise<void>;
  tail(): string;
}

export class OfflineSeat {
  private current: Spawned | null = null;
  private spare: Spawned | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private ready: (() => void) | null = null;
  /** The running child's station is open (calls before that would find nothing to answer them). */
  private opened = false;
  private synced = false;
  private syncWaiters: (() => void)[] = [];
  /** The output of the latest child that ended. */
  private lastOutput = '';
  /** Per start: ms from `open` to the station open from its cache. */
  readonly startMs: number[] = [];

  constructor(readonly name: string, readonly dataDir: string, private readonly hubUrl: string, private readonly log: (line: string) => void = () => undefined) {}

  /** Running with its station open: calls are answered. */
  get alive(): boolean {
    return this.current !== null && this.opened;
  }

  /** Opens the station in a loaded child and resolves once it is open (cache-first: the hub need not answer). */
  async start(): Promise<void> {
    if (this.current) throw new Error(`seat ${this.name} is already running`);
    const sp = this.spare ?? this.spawn();
    this.spare = null;
    await sp.loaded;
    this.current = sp;
    this.opened = false;
    this.synced = false;
    const opened = performance.now();
    const ready = new Promise<void>((resolve, reject) => {
      this.ready = resolve;
      sp.child.once('exit', (code, signal) => reject(new Error(`seat ${this.name} exited before it was open (${code ?? signal}):\n${sp.tail()}`)));
    });
    const open: ChildRequest = { op: 'open', id: 0, dataDir: this.dataDir, hubUrl: this.hubUrl };
    sp.child.send(open);
    this.spare = this.spawn();
    await ready;
    this.startMs.push(performance.now() - opened);
  }

  /** Resolves once the station has caught up with the hub since its latest start. */
  whenSynced(): Promise<void> {
    return this.synced ? Promise.resolve() : new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
    return this.request({ op: 'call', id: 0, method, params }) as Promise<Result<M>>;
  }

  async status(): Promise<SeatStatus> {
    return SeatStatus.parse(await this.request({ op: 'status', id: 0 }));
  }

  async rows(collection: WrittenCollection): Promise<{ id: string; data: unknown }[]> {
    return (await this.request({ op: 'rows', id: 0, collection })) as { id: string; data: unknown }[];
  }

  /** SIGKILL: no chance to flush or close anything. Resolves once the process is gone. */
  async kill(): Promise<void> {
    if (this.current) await killNow(this.current.child);
  }

  /** Closes the station cleanly and waits for the process to end. */
  async close(): Promise<void> {
    const sp = this.current;
    if (!sp) return;
    const gone = exited(sp.child);
    await this.request({ op: 'close', id: 0 }).catch(() => undefined);
    await gone;
  }

  /** Kills the spare and the running child, if any (test teardown). */
  async dispose(): Promise<void> {
    const spare = this.spare;
    this.spare = null;
    await Promise.all([spare && killNow(spare.child), this.kill()]);
  }

  /** The running (or else the latest) child's output, for failure messages. */
  tail(): string {
    return this.current?.tail() ?? this.lastOutput;
  }

  private spawn(): Spawned {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    let output = '';
    const keep = (c: Buffer): void => {
      output = (output + c.toString()).slice(-8_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    let loadedOk!: () => void;
    let loadedFail!: (e: Error) => void;
    const loaded = new Promise<void>((resolve, reject) => {
      loadedOk = resolve;
      loadedFail = reject;
    });
    loaded.catch(() => undefined);
    const sp: Spawned = { child, loaded, tail: () => output };
    child.on('message', (raw: unknown) => {
      const m = ChildMessage.safeParse(raw);
      if (!m.success) return this.log(`seat ${this.name}: bad message ${JSON.stringify(raw)}`);
      if (m.data.kind === 'loaded') loadedOk();
      else if (this.current === sp) this.receive(m.data);
    });
    child.once('exit', (code, signal) => {
      loadedFail(new Error(`seat ${this.name}'s child exited while loading (${code ?? signal}):\n${output}`));
      if (this.spare === sp) this.spare = null;
      if (this.current !== sp) return;
      this.current = null;
      this.opened = false;
      this.lastOutput = output;
      for (const p of this.pending.values()) p.reject(new SeatGone(`seat ${this.name} exited with the call in flight`));
      this.pending.clear();
    });
    return sp;
  }

  private receive(msg: ChildMessage): void {
    switch (msg.kind) {
      case 'loaded':
        break;
      case 'ready':
        this.opened = true;
        this.ready?.();
        this.ready = null;
        break;
      case 'synced':
        this.synced = true;
        for (const w of this.syncWaiters.splice(0)) w();
        break;
      case 'ok':
      case 'err': {
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        if (msg.kind === 'ok') p.resolve(msg.result);
        else p.reject(new SeatCallError(msg.code, msg.message));
      }
    }
  }

  private request(req: ChildRequest): Promise<unknown> {
    const child = this.current?.child;
    if (!child) return Promise.reject(new SeatGone(`seat ${this.name} is not running`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      child.send({ ...req, id }, (err) => {
        if (!err || !this.pending.delete(id)) return;
        reject(new SeatGone(`seat ${this.name}: ${err.message}`));
      });
    });
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function killNow(child: ChildProcess): Promise<void> {
  const gone = exited(child);
  child.kill('SIGKILL');
  await gone;
}
