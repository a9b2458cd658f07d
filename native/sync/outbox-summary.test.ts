import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TopicBus } from '../api/bus.js';
import type { OutboxSummary } from '../api/contract.js';
import { openStore, type Store } from '../store/store.js';
import { tempDir } from '../store/test-fixtures.js';
import { outboxSummary, publishOutboxSummaries } from './outbox-summary.js';

let tmp: ReturnType<typeof tempDir>;
let store: Store;

function write(key: string, clientAt: number): void {
  store.outbox.add({ key, kind: 'create', eventId: null, action: 'create', body: {}, clientAt }, clientAt);
}

beforeEach(() => {
  tmp = tempDir();
  store = openStore(join(tmp.dir, 'cache.sqlite'));
});
afterEach(() => {
  store.close();
  tmp.remove();
});

describe('outboxSummary', () => {
  it('counts pending and rejected writes and names the oldest one waiting', () => {
    expect(outboxSummary(store.db)).toEqual({ pending: 0, rejected: 0, oldestPendingAt: null });
    write('a', 1_000);
    write('b', 2_000);
    write('c', 3_000);
    write('d', 4_000);
    write('e', 5_000);
    store.outbox.finish('a', 'sent', null, null);
    store.outbox.finish('b', 'rejected', null, { code: 'version_conflict', message: 'moved on' });
    store.outbox.finish('c', 'rejected', null, { code: 'forbidden_role', message: 'no' });
    store.outbox.drop('c');
    expect(outboxSummary(store.db)).toEqual({ pending: 2, rejected: 1, oldestPendingAt: 4_000 });
  });

  it('publishes one summary for a burst of outbox changes', async () => {
    const bus = new TopicBus();
    const seen: OutboxSummary[] = [];
    bus.subscribe('outbox.summary', (s) => seen.push(s));
    const stop = publishOutboxSummaries(store.db, bus);
    for (const key of ['x', 'y', 'z']) {
      write(key, 7_000);
      bus.publish('outbox', { key, eventId: null, action: 'create', state: 'pending', error: null, event: null, since: [] });
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([{ pending: 3, rejected: 0, oldestPendingAt: 7_000 }]);
    stop();
    bus.publish('outbox', { key: 'x', eventId: null, action: 'create', state: 'pending', error: null, event: null, since: [] });
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen.length).toBe(1);
  });
});
