import { describe, expect, it } from 'vitest';
import type { CallInfo, Participant } from '../../../native/calls/protocol.js';
import { planSync } from './sync-plan.js';

function party(key: string, state: Participant['state'], producers: Participant['producers']): Participant {
  return { key, kind: key.startsWith('worker') ? 'worker' : 'seat', name: key, role: key.startsWith('worker') ? 'grid_worker' : 'duty_commander', departmentCode: null, state, reason: null, joinedAt: null, leftAt: null, producers };
}

function call(participants: Participant[], endedAt: number | null = null): CallInfo {
  return { id: 'c1', eventId: null, title: '', initiator: 'seat:s1', createdAt: 0, answeredAt: null, endedAt, outcome: null, participants };
}

const av = (prefix: string): Participant['producers'] => [{ id: `${prefix}a`, kind: 'audio', paused: false }, { id: `${prefix}v`, kind: 'video', paused: true }];

describe('planSync', () => {
  const running = call([party('seat:s1', 'joined', av('s')), party('worker:w1', 'joined', av('w1')), party('worker:w2', 'ringing', []), party('worker:w3', 'left', av('w3'))]);
  const group = call([party('seat:s1', 'joined', av('s')), party('worker:w1', 'joined', av('w1')), party('worker:w2', 'joined', av('w2'))]);

  it.each([
    ['receives every joined other participant, never itself', running, 'seat:s1', [], undefined, { consume: ['w1a', 'w1v'], drop: [] }],
    ['a worker receives the seat', running, 'worker:w1', [], undefined, { consume: ['sa', 'sv'], drop: [] }],
    ['consumes only what it does not receive yet', running, 'seat:s1', ['w1a'], undefined, { consume: ['w1v'], drop: [] }],
    ['drops producers that went away', call([party('seat:s1', 'joined', []), party('worker:w1', 'joined', [{ id: 'w1a', kind: 'audio', paused: false }])]), 'seat:s1', ['w1a', 'w1v'], undefined, { consume: [], drop: ['w1v'] }],
    ['drops everything of a participant who left', running, 'seat:s1', ['w3a', 'w1a', 'w1v'], undefined, { consume: [], drop: ['w3a'] }],
    ['drops everything once the call ended', call(running.participants, 5), 'seat:s1', ['w1a', 'w1v'], undefined, { consume: [], drop: ['w1a', 'w1v'] }],
    ['a wall tile takes one participant\'s video only', running, 'seat:s1', [], { videoOf: ['worker:w1'], audioOf: [] }, { consume: ['w1v'], drop: [] }],
    ['a wall tile drops audio it was given', running, 'seat:s1', ['w1a'], { videoOf: ['worker:w1'], audioOf: [] }, { consume: ['w1v'], drop: ['w1a'] }],
    ['a phone hears everyone but sees only the seat', group, 'worker:w1', [], { videoOf: ['seat:s1'] }, { consume: ['sa', 'sv', 'w2a'], drop: [] }],
    ['a phone drops the video it no longer shows', group, 'worker:w1', ['w2v', 'sa'], { videoOf: ['seat:s1'] }, { consume: ['sv', 'w2a'], drop: ['w2v'] }],
  ] as const)('%s', (_name, info, self, receiving, only, expected) => {
    const plan = planSync(info, self, receiving, only);
    expect({ consume: plan.consume.map((c) => c.producerId), drop: plan.drop }).toEqual(expected);
  });

  it('names whose producer each one is', () => {
    expect(planSync(running, 'seat:s1', []).consume[0]).toEqual({ producerId: 'w1a', key: 'worker:w1', kind: 'audio' });
  });
});
