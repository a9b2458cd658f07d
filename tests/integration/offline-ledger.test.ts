// The fault test's exactly-once verdict, table-tested: each way a write can be lost, doubled or invented.
import { describe, expect, it } from 'vitest';
import type { OutboxRow } from '../../native/store/outbox.js';
import { tagOf, verdict, type AskedWrite, type HubEffect } from '../support/offline-ledger.js';

const P = 'FT1-';

function row(key: string, kind: OutboxRow['kind'], tag: string, state: OutboxRow['state'], extra: Partial<OutboxRow> = {}): OutboxRow {
  const body = kind === 'create' ? { title: tag } : kind === 'transition' ? { reason: tag } : { target: { id: 'inc' }, request: { text: tag } };
  return {
    key, kind, eventId: kind === 'create' && state === 'sent' ? `EV-${key}` : null, action: kind, state, attempts: 1,
    error: state === 'rejected' ? { code: 'version_conflict', message: 'changed meanwhile' } : null, clientAt: 0, createdAt: 0, body, ...extra,
  };
}

const create = row('k1', 'create', `${P}a-0`, 'sent');
const note = row('k2', 'incident_log', `${P}a-1`, 'sent');
const rejected = row('k3', 'transition', `${P}b-0`, 'rejected');
const asked: AskedWrite[] = [
  { tag: `${P}a-0`, seat: 'a', kind: 'create', key: 'k1' },
  { tag: `${P}a-1`, seat: 'a', kind: 'note', key: 'k2' },
  { tag: `${P}b-0`, seat: 'b', kind: 'transition', key: 'k3' },
];
const effects: HubEffect[] = [{ tag: `${P}a-0`, id: 'EV-k1' }, { tag: `${P}a-1`, id: 'k2' }];
const outboxes = (a: OutboxRow[], b: OutboxRow[] = [rejected]): Map<string, OutboxRow[]> => new Map([['a', a], ['b', b]]);

describe('tagOf', () => {
  it.each([
    ['create', row('k', 'create', `${P}x`, 'sent'), `${P}x`],
    ['transition', row('k', 'transition', `${P}y`, 'sent'), `${P}y`],
    ['note', row('k', 'incident_log', `${P}z`, 'sent'), `${P}z`],
    ['another run', row('k', 'create', 'FT2-x', 'sent'), null],
    ['untagged kind', { ...row('k', 'create', `${P}x`, 'sent'), kind: 'incident_declare' as const }, null],
  ])('%s', (_, r, tag) => {
    expect(tagOf(r, P)).toBe(tag);
  });
});

describe('verdict', () => {
  it('a clean run: every write once, the rejected one nowhere', () => {
    const v = verdict(asked, outboxes([create, note]), effects, P);
    expect(v).toMatchObject({ writes: 3, sent: 2, rejected: 1, pending: 0, lost: [], duplicated: [], phantom: [], badRejections: [] });
  });

  it.each<[string, AskedWrite[], Map<string, OutboxRow[]>, HubEffect[], Partial<Record<'lost' | 'duplicated' | 'phantom' | 'badRejections', number>>]>([
    ['an answered write missing from the outbox', asked, outboxes([note]), effects.slice(1), { lost: 1 }],
    ['a sent write with no effect', asked, outboxes([create, note]), effects.slice(0, 1), { lost: 1 }],
    ['a create whose effect is another event', asked, outboxes([create, note]), [{ tag: `${P}a-0`, id: 'EV-other' }, effects[1]!], { lost: 1 }],
    ['a write applied twice', asked, outboxes([create, note]), [...effects, { tag: `${P}a-1`, id: 'k2-again' }], { duplicated: 1 }],
    ['a rejected write that took effect', asked, outboxes([create, note]), [...effects, { tag: `${P}b-0`, id: 'k3' }], { duplicated: 1 }],
    ['an effect no outbox accounts for', asked, outboxes([create, note]), [...effects, { tag: `${P}a-9`, id: 'x' }], { phantom: 1 }],
    ['a rejected create', asked, outboxes([{ ...create, state: 'rejected', error: { code: 'unknown_grid', message: 'no' } }, note]), effects.slice(1), { badRejections: 1 }],
    ['a rejection without a reason', asked, outboxes([create, note], [{ ...rejected, error: null }]), effects, { badRejections: 1 }],
  ])('%s', (_, a, o, e, counts) => {
    const v = verdict(a, o, e, P);
    expect({ lost: v.lost.length, duplicated: v.duplicated.length, phantom: v.phantom.length, badRejections: v.badRejections.length })
      .toEqual({ lost: 0, duplicated: 0, phantom: 0, badRejections: 0, ...counts });
  });

  it('a call the seat died in counts as a write only if it was committed', () => {
    const inDoubt: AskedWrite[] = [...asked, { tag: `${P}a-2`, seat: 'a', kind: 'note', key: null }, { tag: `${P}a-3`, seat: 'a', kind: 'note', key: null }];
    const committed = row('k4', 'incident_log', `${P}a-2`, 'sent');
    const v = verdict(inDoubt, outboxes([create, note, committed]), [...effects, { tag: `${P}a-2`, id: 'k4' }], P);
    expect(v.inDoubt).toEqual({ total: 2, committed: 1 });
    expect(v.writes).toBe(4);
    expect([...v.lost, ...v.duplicated, ...v.phantom]).toEqual([]);
  });
});
