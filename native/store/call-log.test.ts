// The call log on a real SQLite file: upserts by call id, survives reopening, checks rows on the way out.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallInfo, Participant } from '../calls/protocol.js';
import { CallLogRepo, callDurationS } from './call-log.js';
import { openStore, type Store } from './store.js';
import { tempDir } from './test-fixtures.js';

let tmp: ReturnType<typeof tempDir>;
let file: string;
let store: Store;
beforeEach(() => {
  tmp = tempDir();
  file = join(tmp.dir, 'station.sqlite');
  store = openStore(file);
});
afterEach(() => {
  store.close();
  tmp.remove();
});

function party(key: string, state: Participant['state'], over: Partial<Participant> = {}): Participant {
  return {
    key, kind: key.startsWith('worker:') ? 'worker' : 'seat', name: key, role: key.startsWith('worker:') ? 'grid_worker' : 'duty_commander',
    departmentCode: null, state, reason: null, joinedAt: null, leftAt: null, producers: [], ...over,
  };
}

function call(over: Partial<CallInfo> = {}): CallInfo {
  return {
    id: 'c1', eventId: 'E-1', title: '占道经营 现场核实', initiator: 'seat:s1', createdAt: 10_000, answeredAt: null, endedAt: null, outcome: null,
    participants: [party('seat:s1', 'joined', { joinedAt: 10_000 }), party('worker:w1', 'ringing')], ...over,
  };
}

describe('call log', () => {
  it('keeps the latest sighting of a call, with its duration once it has ended', () => {
    const log = new CallLogRepo(store.db);
    log.record(call());
    expect(log.get('c1')).toMatchObject({ answeredAt: null, endedAt: null, outcome: null, durationS: null });
    expect(log.unfinished().map((r) => r.id)).toEqual(['c1']);
    const ended = call({
      answeredAt: 14_000, endedAt: 75_600, outcome: 'completed',
      participants: [party('seat:s1', 'left', { joinedAt: 10_000, leftAt: 75_600 }), party('worker:w1', 'left', { joinedAt: 14_000, leftAt: 75_600, reason: '挂断' })],
    });
    log.record(ended);
    expect(log.list(10)).toEqual([{
      id: 'c1', eventId: 'E-1', title: '占道经营 现场核实', initiator: 'seat:s1', participants: ended.participants,
      createdAt: 10_000, answeredAt: 14_000, endedAt: 75_600, outcome: 'completed', durationS: 62,
    }]);
    expect(log.unfinished()).toEqual([]);
  });

  it('survives closing and reopening the file, newest first', () => {
    const log = new CallLogRepo(store.db);
    log.record(call({ id: 'old', createdAt: 1_000, endedAt: 2_000, outcome: 'unanswered' }));
    log.record(call({ id: 'new', createdAt: 5_000, eventId: null, endedAt: 6_000, outcome: 'declined' }));
    store.close();
    store = openStore(file);
    const again = new CallLogRepo(store.db);
    expect(again.list(10).map((r) => [r.id, r.outcome, r.eventId])).toEqual([['new', 'declined', null], ['old', 'unanswered', 'E-1']]);
    expect(again.list(1).map((r) => r.id)).toEqual(['new']);
  });

  it('skips a row whose participants do not parse rather than handing it on', () => {
    const log = new CallLogRepo(store.db);
    log.record(call({ id: 'good', createdAt: 1 }));
    log.record(call({ id: 'bad', createdAt: 2 }));
    store.db.prepare(`UPDATE call_log SET participants = ? WHERE id = 'bad'`).run(JSON.stringify([{ key: 'x' }]));
    expect(log.list(10).map((r) => r.id)).toEqual(['good']);
    expect(log.get('bad')).toBeNull();
    store.db.prepare(`UPDATE call_log SET participants = 'not json' WHERE id = 'good'`).run();
    expect(log.list(10)).toEqual([]);
  });

  it('refuses an outcome the protocol does not know at the table', () => {
    expect(() => store.db.prepare(`INSERT INTO call_log (id, title, initiator, participants, created_at, outcome) VALUES ('x', '', 's', '[]', 1, 'lost')`).run())
      .toThrow(/CHECK constraint/);
  });

  it('measures duration from the answer, not the dial', () => {
    expect(callDurationS({ answeredAt: 1_000, endedAt: 31_400 })).toBe(30);
    expect(callDurationS({ answeredAt: null, endedAt: 31_400 })).toBeNull();
    expect(callDurationS({ answeredAt: 1_000, endedAt: null })).toBeNull();
  });
});
