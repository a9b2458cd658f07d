// Sends the outbox to the hub, oldest write first, one at a time. A network failure leaves the write
// pending and retries it (same key, so the hub applies it once) with the shared backoff; the hub's answer
// ends it: 200 'sent' (its event and action go into the cache at once), 409/422/4xx 'rejected' with why.
import type { TopicBus } from '../api/bus.js';
import type { OutboxError } from '../api/contract.js';
import type { Store } from '../store/store.js';
import type { OutboxRow } from '../store/outbox.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import type { HubDutyWriter, HubWriter } from './hub-client.js';
import { DUTY_COLLECTIONS, isDutyKind, sendDutyWrite } from './duty-outbox.js';
import { ActionRequest, IntakeRequest } from './hub-protocol.js';

export interface OutboxSenderOptions {
  store: Store;
  hub: HubWriter;
  /** Where the duty and incident writes go (issue 7); without it they wait in the outbox. */
  dutyHub?: HubDutyWriter;
  bus: TopicBus;
  log?: (line: string) => void;
  backoff?: BackoffOptions;
}

export class OutboxSender {
  private running: Promise<void> | null = null;
  private again = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly o: OutboxSenderOptions) {}

  /** Something may be sendable now (a new write, the link came back): drain the outbox. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.drain();
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = null;
      if (!this.retryTimer) for (const w of this.idleWaiters.splice(0)) w();
    });
  }

  /** Resolves when nothing is being sent and no retry is waiting (tests; shutdown). */
  whenIdle(): Promise<void> {
    if (!this.running && !this.retryTimer) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** No more sends start and nothing is written after an in-flight answer arrives. */
  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    for (const w of this.idleWaiters.splice(0)) w();
  }

  private async drain(): Promise<void> {
    for (const row of this.o.store.outbox.pending()) {
      if (this.stopped) return;
      let ok: boolean;
      try {
        ok = await this.send(row);
      } catch (err) {
        ok = false;
        this.o.log?.(`outbox: ${row.key} failed unexpectedly: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (!ok) {
        this.scheduleRetry();
        return;
      }
    }
    this.attempt = 0;
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retryTimer) return;
    const delay = backoffDelay(this.attempt++, this.o.backoff ?? DEFAULT_BACKOFF);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.kick();
    }, delay);
    this.retryTimer.unref();
  }

  /** One write; false when the hub could not be reached (stays pending). */
  private async send(row: OutboxRow): Promise<boolean> {
    const { store, bus, hub } = this.o;
    if (isDutyKind(row.kind)) return this.sendDuty(row);
    // A body this seat wrote itself and cannot read back would fail on every retry: it ends rejected.
    const valid = (row.kind === 'transition' ? ActionRequest : IntakeRequest).safeParse(row.body);
    if (!valid.success) return this.reject(row, { code: 'bad_body', message: 'the stored request no longer matches the hub protocol' });
    try {
      if (row.kind === 'transition') {
        const body = ActionRequest.parse(row.body);
        const outcome = await hub.postAction(row.eventId ?? '', body);
        if (this.stopped) return true;
        switch (outcome.kind) {
          case 'ok': {
            const { event, action } = outcome.value;
            store.db.transaction(() => {
              store.events.applyFromHub(event);
              store.actions.upsert(action, 0);
              store.outbox.finish(row.key, 'sent', event.id, null);
            }).immediate();
            bus.publish('outbox', { key: row.key, eventId: event.id, action: row.action, state: 'sent', error: null, event, since: [] });
            bus.publish('data.changed', { collection: 'events', count: 1 });
            return true;
          }
          case 'conflict': {
            const { event, since, error } = outcome.conflict;
            // What happened meanwhile is news for this seat too: the cache takes it at once.
            store.db.transaction(() => {
              store.events.applyFromHub(event);
              for (const a of since) store.actions.upsert(a, 0);
              store.outbox.finish(row.key, 'rejected', event.id, error);
            }).immediate();
            this.o.log?.(`outbox: ${row.action} on ${row.eventId} rejected: ${error.message}`);
            bus.publish('outbox', { key: row.key, eventId: event.id, action: row.action, state: 'rejected', error, event, since });
            bus.publish('data.changed', { collection: 'events', count: 1 });
            return true;
          }
          case 'refused':
            return this.reject(row, { code: outcome.code, message: outcome.message });
        }
      } else {
        const body = IntakeRequest.parse(row.body);
        const outcome = await hub.postIntake(body);
        if (this.stopped) return true;
        switch (outcome.kind) {
          case 'ok': {
            const { event } = outcome.value;
            store.db.transaction(() => {
              store.events.applyFromHub(event);
              store.outbox.finish(row.key, 'sent', event.id, null);
            }).immediate();
            bus.publish('outbox', { key: row.key, eventId: event.id, action: row.action, state: 'sent', error: null, event, since: [] });
            bus.publish('data.changed', { collection: 'events', count: 1 });
            return true;
          }
          case 'conflict':
            return this.reject(row, outcome.conflict.error);
          case 'refused':
            return this.reject(row, { code: outcome.code, message: outcome.message });
        }
      }
    } catch (err) {
      if (this.stopped) return true;
      const error: OutboxError = { code: 'unreachable', message: err instanceof Error ? err.message : String(err) };
      this.o.store.outbox.recordAttempt(row.key, error);
      bus.publish('outbox', { key: row.key, eventId: row.eventId, action: row.action, state: 'pending', error, event: null, since: [] });
      return false;
    }
  }

  /** A duty or incident write: its answer goes into the cache with the outbox row's end, in one transaction. */
  private async sendDuty(row: OutboxRow): Promise<boolean> {
    const { store, bus, dutyHub } = this.o;
    const kind = row.kind;
    if (!isDutyKind(kind)) return true;
    if (!dutyHub) return false;
    try {
      const result = await sendDutyWrite(kind, row.body, dutyHub, store);
      if (this.stopped) return true;
      if (result.state === 'rejected') return this.reject(row, result.error);
      // The answer and the row's end in one transaction: a crash leaves both or neither.
      store.db.transaction(() => {
        result.apply();
        store.outbox.finish(row.key, 'sent', null, null);
      }).immediate();
      bus.publish('outbox', { key: row.key, eventId: null, action: row.action, state: 'sent', error: null, event: null, since: [] });
      for (const collection of DUTY_COLLECTIONS[kind]) bus.publish('data.changed', { collection, count: 1 });
      return true;
    } catch (err) {
      if (this.stopped) return true;
      const error: OutboxError = { code: 'unreachable', message: err instanceof Error ? err.message : String(err) };
      store.outbox.recordAttempt(row.key, error);
      bus.publish('outbox', { key: row.key, eventId: null, action: row.action, state: 'pending', error, event: null, since: [] });
      return false;
    }
  }

  private reject(row: OutboxRow, error: OutboxError): boolean {
    this.o.store.outbox.finish(row.key, 'rejected', null, error);
    this.o.log?.(`outbox: ${row.action} ${row.eventId ?? ''} rejected: ${error.code}: ${error.message}`);
    this.o.bus.publish('outbox', { key: row.key, eventId: row.eventId, action: row.action, state: 'rejected', error, event: null, since: [] });
    return true;
  }
}
