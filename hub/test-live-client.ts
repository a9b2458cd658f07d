// A live-socket client for the hub's tests: keeps every message the hub sends, checked against the
// protocol, and waits (with a deadline, never a sleep) for the next one that matches.
import { WebSocket } from 'ws';
import { HubLiveMessage } from '../native/sync/hub-protocol.js';

type Waiter = { match: (m: HubLiveMessage) => boolean; resolve: (m: HubLiveMessage) => void };

export class LiveTestClient {
  readonly received: HubLiveMessage[] = [];
  /** Messages that broke the protocol (a test asserts this stays empty). */
  readonly invalid: unknown[] = [];
  private waiters: Waiter[] = [];
  private cursor = 0;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      const parsed = HubLiveMessage.safeParse(JSON.parse(String(raw)));
      if (!parsed.success) {
        this.invalid.push(String(raw).slice(0, 200));
        return;
      }
      this.received.push(parsed.data);
      this.waiters = this.waiters.filter((w) => (w.match(parsed.data) ? (w.resolve(parsed.data), false) : true));
    });
  }

  static async connect(hubUrl: string): Promise<LiveTestClient> {
    const ws = new WebSocket(`${hubUrl.replace(/^http/, 'ws')}/api/v1/live`);
    const client = new LiveTestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  /** The next message after the previous `next` that satisfies `match`. */
  next<T extends HubLiveMessage['type']>(
    type: T,
    match: (m: Extract<HubLiveMessage, { type: T }>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<Extract<HubLiveMessage, { type: T }>> {
    const test = (m: HubLiveMessage): m is Extract<HubLiveMessage, { type: T }> => m.type === type && match(m as Extract<HubLiveMessage, { type: T }>);
    const already = this.received.slice(this.cursor).findIndex(test);
    if (already >= 0) {
      const index = this.cursor + already;
      this.cursor = index + 1;
      return Promise.resolve(this.received[index] as Extract<HubLiveMessage, { type: T }>);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} message within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        match: test,
        resolve: (m) => {
          clearTimeout(timer);
          this.cursor = this.received.length;
          resolve(m as Extract<HubLiveMessage, { type: T }>);
        },
      });
    });
  }

  send(data: string | Buffer): void {
    this.ws.send(data);
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}
