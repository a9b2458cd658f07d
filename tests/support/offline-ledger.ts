// The fault test's bookkeeping: every write it asked a seat for (by the unique tag it carries in a title, a
// reason or a note), and the exactly-once verdict that compares the seats' outboxes with the hub's effects.
import { z } from 'zod';
import type { OutboxRow } from '../../native/store/outbox.js';

export type WriteKind = 'create' | 'transition' | 'note';

export interface AskedWrite {
  tag: string;
  seat: string;
  kind: WriteKind;
  /** The key the seat answered with; null when the seat died with the call in flight (in doubt). */
  key: string | null;
}

const CreateBody = z.object({ title: z.string() });
const TransitionBody = z.object({ reason: z.string().nullable() });
const NoteBody = z.object({ request: z.object({ text: z.string() }) });

/** The tag a stored outbox row carries, read back from its request body; null for writes the test did not tag. */
export function tagOf(row: OutboxRow, prefix: string): string | null {
  const parsed =
    row.kind === 'create' ? CreateBody.safeParse(row.body).data?.title
      : row.kind === 'transition' ? TransitionBody.safeParse(row.body).data?.reason
        : row.kind === 'incident_log' ? NoteBody.safeParse(row.body).data?.request.text
          : null;
  return parsed?.startsWith(prefix) ? parsed : null;
}

/** One effect at the hub that carries a tag: the hub row's id and which collection holds it. */
export interface HubEffect {
  tag: string;
  id: string;
}

export interface Verdict {
  /** Outbox rows of tagged writes (each a write the seat committed). */
  writes: number;
  sent: number;
  rejected: number;
  pending: number;
  /** Answered writes missing from their seat's outbox, or sent without an effect at the hub. */
  lost: string[];
  /** Tags with more than one effect at the hub, or an effect although the write was rejected. */
  duplicated: string[];
  /** Effects at the hub that no outbox row accounts for. */
  phantom: string[];
  /** Rejected rows without a reason, or rejections of writes that are always accepted. */
  badRejections: string[];
  /** Calls the seat died in: how many were committed anyway. */
  inDoubt: { total: number; committed: number };
}

/**
 * Exactly once: every write a seat answered is in its outbox; every sent row has exactly one effect at the
 * hub, with the id the seat recorded (the event it created, or the key itself); a rejected row has none and
 * says why; nothing at the hub lacks a row.
 */
export function verdict(asked: readonly AskedWrite[], outboxes: ReadonlyMap<string, readonly OutboxRow[]>, effects: readonly HubEffect[], prefix: string): Verdict {
  const rows = new Map<string, { seat: string; row: OutboxRow }>();
  const v: Verdict = { writes: 0, sent: 0, rejected: 0, pending: 0, lost: [], duplicated: [], phantom: [], badRejections: [], inDoubt: { total: 0, committed: 0 } };
  for (const [seat, list] of outboxes) {
    for (const row of list) {
      const tag = tagOf(row, prefix);
      if (!tag) continue;
      if (rows.has(tag)) v.duplicated.push(`${tag} (two outbox rows)`);
      rows.set(tag, { seat, row });
      v.writes++;
      if (row.state === 'sent') v.sent++;
      else if (row.state === 'rejected') v.rejected++;
      else if (row.state === 'pending') v.pending++;
    }
  }
  for (const a of asked) {
    const found = rows.get(a.tag);
    if (a.key === null) {
      v.inDoubt.total++;
      if (found) v.inDoubt.committed++;
    } else if (!found || found.row.key !== a.key || found.seat !== a.seat) {
      v.lost.push(`${a.tag} (answered ${a.key} by ${a.seat}, not in its outbox)`);
    }
  }
  const byTag = new Map<string, string[]>();
  for (const e of effects) byTag.set(e.tag, [...(byTag.get(e.tag) ?? []), e.id]);
  for (const [tag, { row }] of rows) {
    const ids = byTag.get(tag) ?? [];
    if (row.state === 'sent') {
      const expectedId = row.kind === 'create' ? row.eventId : row.key;
      if (ids.length === 0) v.lost.push(`${tag} (sent, no effect at the hub)`);
      else if (ids.length > 1) v.duplicated.push(`${tag} (${ids.length} effects: ${ids.join(', ')})`);
      else if (ids[0] !== expectedId) v.lost.push(`${tag} (the hub's effect ${ids[0]} is not ${expectedId ?? 'null'})`);
    } else if (row.state === 'rejected') {
      if (ids.length > 0) v.duplicated.push(`${tag} (rejected, yet ${ids.length} effect(s) at the hub)`);
      if (!row.error?.code || !row.error.message) v.badRejections.push(`${tag} (rejected without a reason)`);
      else if (row.kind !== 'transition') v.badRejections.push(`${tag} (${row.kind} rejected: ${row.error.code}: ${row.error.message})`);
    }
  }
  for (const [tag, ids] of byTag) if (!rows.has(tag)) v.phantom.push(`${tag} (${ids.join(', ')})`);
  return v;
}
