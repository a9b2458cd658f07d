// The outbox at a glance (pending, rejected, the oldest waiting write) for the link light and the offline
// banner: counted in SQLite and republished after outbox changes, a burst of changes giving one count.
import type Database from 'better-sqlite3';
import type { TopicBus } from '../api/bus.js';
import type { OutboxSummary } from '../api/contract.js';

const SQL = /* sql */ `
  SELECT count(*) FILTER (WHERE state = 'pending') AS pending,
         count(*) FILTER (WHERE state = 'rejected') AS rejected,
         min(client_at) FILTER (WHERE state = 'pending') AS oldest
  FROM outbox WHERE state IN ('pending', 'rejected')`;

export function outboxSummary(db: Database.Database): OutboxSummary {
  const r = db.prepare<[], { pending: number; rejected: number; oldest: number | null }>(SQL).get();
  return { pending: r?.pending ?? 0, rejected: r?.rejected ?? 0, oldestPendingAt: r?.oldest ?? null };
}

/** Publishes 'outbox.summary' once per turn of the event loop in which the outbox changed. */
export function publishOutboxSummaries(db: Database.Database, bus: TopicBus): () => void {
  let scheduled: NodeJS.Immediate | null = null;
  const unsubscribe = bus.subscribe('outbox', () => {
    scheduled ??= setImmediate(() => {
      scheduled = null;
      if (db.open) bus.publish('outbox.summary', outboxSummary(db));
    });
  });
  return () => {
    unsubscribe();
    if (scheduled) clearImmediate(scheduled);
  };
}
