// A TCP proxy of our own between a seat and its hub that breaks the link on command: cut (close every
// connection, refuse new ones), black-hole (accept, read and drop, never answer), delay, reset (RST), heal.
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

export type FaultMode = 'pass' | 'cut' | 'blackhole';

export interface FaultProxyCounts {
  /** Connections accepted since start (black-holed ones included). */
  accepted: number;
  /** Connections open now. */
  open: number;
  /** Connections ended by cut(), reset() or heal() ending a black hole. */
  killed: number;
  /** Chunks held back by a delay right now. */
  held: number;
}

interface Pair {
  client: Socket;
  upstream: Socket | null;
  /** Bytes were dropped in a black hole: the stream cannot resume, heal() ends it. */
  damaged: boolean;
}

export class FaultProxy {
  private readonly pairs = new Set<Pair>();
  private server: Server;
  private modeNow: FaultMode = 'pass';
  private delayMs = 0;
  private readonly counts = { accepted: 0, killed: 0 };
  private closed = false;
  private held = 0;

  private constructor(readonly port: number, private readonly target: { host: string; port: number }, server: Server) {
    this.server = server;
  }

  /** Listens on 127.0.0.1 (a free port unless one is given) and forwards to target. */
  static async start(target: { host?: string; port: number }, port = 0): Promise<FaultProxy> {
    const t = { host: target.host ?? '127.0.0.1', port: target.port };
    let proxy: FaultProxy | null = null;
    const server = createServer((socket) => proxy?.accept(socket));
    await listen(server, port);
    proxy = new FaultProxy((server.address() as AddressInfo).port, t, server);
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get mode(): FaultMode {
    return this.modeNow;
  }

  stats(): FaultProxyCounts {
    return { ...this.counts, open: this.pairs.size, held: this.held };
  }

  /** Closes every connection and stops listening: new connections are refused (ECONNREFUSED). */
  cut(): void {
    this.modeNow = 'cut';
    if (this.server.listening) this.server.close();
    for (const p of this.pairs) this.kill(p, false);
  }

  /** Connections stay open, but nothing gets through either way: every byte is read and dropped. */
  async blackhole(): Promise<void> {
    if (this.modeNow === 'cut') await this.relisten();
    this.modeNow = 'blackhole';
    for (const p of this.pairs) p.damaged = true;
  }

  /** Every chunk, either way, arrives ms later (order kept); 0 ends the delay. */
  delay(ms: number): void {
    this.delayMs = Math.max(0, ms);
  }

  /** Ends every open connection with a TCP RST to both sides; new ones are accepted as before. */
  reset(): void {
    for (const p of this.pairs) this.kill(p, true);
  }

  /** Back to a clean link: listening, forwarding, no delay. Black-holed streams lost bytes, so they are reset. */
  async heal(): Promise<void> {
    if (this.modeNow === 'cut') await this.relisten();
    this.modeNow = 'pass';
    this.delayMs = 0;
    for (const p of this.pairs) if (p.damaged) this.kill(p, true);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.pairs) this.kill(p, false);
    await new Promise<void>((resolve) => {
      if (!this.server.listening) return resolve();
      this.server.close(() => resolve());
    });
  }

  private async relisten(): Promise<void> {
    if (this.closed || this.server.listening) return;
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    // The port was ours a moment ago; were it taken meanwhile, the caller fails loudly rather than hangs.
    await listen(server, this.port);
  }

  private accept(client: Socket): void {
    this.counts.accepted++;
    if (this.modeNow === 'cut' || this.closed) {
      client.resetAndDestroy();
      return;
    }
    const pair: Pair = { client, upstream: null, damaged: this.modeNow === 'blackhole' };
    this.pairs.add(pair);
    client.setNoDelay(true);
    const forget = (): void => {
      if (!this.pairs.delete(pair)) return;
      if (!client.destroyed) client.destroy();
      if (pair.upstream && !pair.upstream.destroyed) pair.upstream.destroy();
    };
    client.on('error', forget);
    client.on('close', forget);
    if (pair.damaged) {
      // A black hole from the first byte: never dialled upstream.
      client.on('data', () => undefined);
      return;
    }
    const upstream = connect(this.target.port, this.target.host);
    upstream.setNoDelay(true);
    pair.upstream = upstream;
    upstream.on('error', forget);
    upstream.on('close', forget);
    this.pipe(pair, client, upstream);
    this.pipe(pair, upstream, client);
  }

  /** Forwards from → to, through the current fault: dropped in a black hole, held back by a delay. */
  private pipe(pair: Pair, from: Socket, to: Socket): void {
    // Chunks held back by a delay, each with when it is due; never earlier than the chunk before it, so the
    // stream stays in order when the delay shrinks.
    const queue: { due: number; chunk: Buffer | null }[] = [];
    let timer: NodeJS.Timeout | null = null;
    const flush = (): void => {
      timer = null;
      const now = Date.now();
      while (queue.length && queue[0]!.due <= now) {
        const { chunk } = queue.shift()!;
        this.held--;
        if (pair.damaged || to.destroyed) continue;
        if (chunk) to.write(chunk);
        else to.end();
      }
      if (queue.length) timer = setTimeout(flush, queue[0]!.due - now);
    };
    const forward = (chunk: Buffer | null): void => {
      if (this.delayMs === 0 && queue.length === 0) {
        if (chunk) to.write(chunk);
        else to.end();
        return;
      }
      this.held++;
      queue.push({ due: Math.max(Date.now() + this.delayMs, queue.at(-1)?.due ?? 0), chunk });
      timer ??= setTimeout(flush, Math.max(0, queue[0]!.due - Date.now()));
    };
    from.on('data', (chunk: Buffer) => {
      if (this.modeNow === 'blackhole' || pair.damaged) {
        pair.damaged = true;
        return;
      }
      forward(chunk);
    });
    from.on('end', () => {
      if (!pair.damaged && !to.destroyed) forward(null);
    });
    from.on('close', () => {
      if (timer) clearTimeout(timer);
      this.held -= queue.splice(0).length;
    });
  }

  private kill(p: Pair, rst: boolean): void {
    this.counts.killed++;
    this.pairs.delete(p);
    for (const s of [p.client, p.upstream]) {
      if (!s || s.destroyed) continue;
      if (rst) s.resetAndDestroy();
      else s.destroy();
    }
  }
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
