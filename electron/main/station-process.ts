// Owns the station's utility process: starts it, hands each window a fresh MessagePort to it, restarts
// it with backoff when it dies unexpectedly (handing every live window a new port), and stops it on quit.
import { MessageChannelMain, utilityProcess, type MessagePortMain, type UtilityProcess } from 'electron';
import { FromStation, type ToStation } from '../../native/utility/messages.js';
import { HEALTHY_RUN_MS, restartDelay } from './backoff.js';

/** A window's side of the hand-over: main posts the renderer's end of the channel to its preload. */
export interface PortTarget {
  readonly id: number;
  isDestroyed(): boolean;
  postPort(port: MessagePortMain): void;
}

export interface StationProcessOptions {
  modulePath: string;
  args: string[];
  log: (line: string) => void;
  /** How long a shutdown may take before the process is killed. */
  stopTimeoutMs?: number;
}

export class StationProcess {
  private child: UtilityProcess | null = null;
  private spawned = false;
  private startedAt = 0;
  private failures = 0;
  private restartTimer: ReturnType<typeof setTimeout> | null = null;
  private stopping = false;
  private readonly targets = new Map<number, PortTarget>();

  constructor(private readonly opts: StationProcessOptions) {}

  /** Call after app ready (utilityProcess.fork refuses earlier). */
  start(): void {
    if (this.child || this.stopping) return;
    this.restartTimer = null;
    this.startedAt = Date.now();
    this.spawned = false;
    const child = utilityProcess.fork(this.opts.modulePath, this.opts.args, { serviceName: 'Watchfloor station', stdio: 'inherit' });
    this.child = child;
    child.on('spawn', () => {
      if (this.child !== child) return;
      this.spawned = true;
      for (const target of [...this.targets.values()]) this.handOver(child, target);
    });
    child.on('message', (message: unknown) => this.onMessage(message));
    child.on('exit', (code) => this.onExit(child, code));
  }

  /** Gives the window a port to the station now (or as soon as it runs) and after every restart. */
  connect(target: PortTarget): void {
    this.targets.set(target.id, target);
    if (this.child && this.spawned) this.handOver(this.child, target);
  }

  disconnect(id: number): void {
    this.targets.delete(id);
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** Asks the station to close its store and exit; kills it if it has not within the timeout. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const child = this.child;
    if (!child) return;
    await new Promise<void>((resolve) => {
      const killer = setTimeout(() => child.kill(), this.opts.stopTimeoutMs ?? 5_000);
      child.once('exit', () => {
        clearTimeout(killer);
        resolve();
      });
      const shutdown: ToStation = { type: 'shutdown' };
      child.postMessage(shutdown);
    });
  }

  private handOver(child: UtilityProcess, target: PortTarget): void {
    if (target.isDestroyed()) {
      this.targets.delete(target.id);
      return;
    }
    const { port1, port2 } = new MessageChannelMain();
    const connect: ToStation = { type: 'connect', windowId: target.id };
    child.postMessage(connect, [port1]);
    target.postPort(port2);
  }

  private onMessage(message: unknown): void {
    const parsed = FromStation.safeParse(message);
    if (!parsed.success) {
      this.opts.log('station sent a message main does not know; ignored');
      return;
    }
    if (parsed.data.type === 'ready') this.opts.log('station ready');
    else this.opts.log(`station could not start: ${parsed.data.message}`);
  }

  private onExit(child: UtilityProcess, code: number): void {
    if (this.child !== child) return;
    this.child = null;
    this.spawned = false;
    if (this.stopping) return;
    if (Date.now() - this.startedAt >= HEALTHY_RUN_MS) this.failures = 0;
    const delay = restartDelay(this.failures);
    this.failures += 1;
    this.opts.log(`station exited (code ${code}); restarting in ${delay} ms`);
    this.restartTimer = setTimeout(() => this.start(), delay);
  }
}
