import { describe, expect, it } from 'vitest';
import type { CallInfo, Participant } from '../../native/calls/protocol.js';
import { endReason, joinedCall, mainParticipant, phoneReceives, ringingCall } from './call-view.js';
import { pickLanguage } from './bilingual.js';
import { distanceM, shouldSend } from './position-throttle.js';

const ME = 'worker:w1';

function party(key: string, state: Participant['state'], extra: Partial<Participant> = {}): Participant {
  return {
    key, kind: key.startsWith('seat') ? 'seat' : 'worker', name: key, role: key.startsWith('seat') ? 'duty_commander' : 'grid_worker',
    departmentCode: null, state, reason: null, joinedAt: null, leftAt: null, producers: [], ...extra,
  };
}

function call(id: string, participants: Participant[], extra: Partial<CallInfo> = {}): CallInfo {
  return { id, eventId: null, title: '', initiator: 'seat:s1', createdAt: 1, answeredAt: null, endedAt: null, outcome: null, participants, ...extra };
}

const video = (paused = false): Participant['producers'] => [{ id: 'v', kind: 'video', paused }];

describe('ringingCall / joinedCall', () => {
  const rung = call('a', [party('seat:s1', 'joined'), party(ME, 'ringing')], { createdAt: 5 });
  const older = call('b', [party('seat:s1', 'joined'), party(ME, 'ringing')], { createdAt: 2 });
  const joined = call('c', [party('seat:s1', 'joined'), party(ME, 'joined')]);
  const over = call('d', [party('seat:s1', 'left'), party(ME, 'ringing')], { endedAt: 9 });

  it.each([
    ['the newest live ring', [older, rung, joined], 'a', 'c'],
    ['nothing once the ringing call ended', [over], null, null],
    ['nothing for calls that ring someone else', [call('e', [party('seat:s1', 'joined'), party('worker:w2', 'ringing')])], null, null],
  ] as const)('%s', (_name, calls, ringing, joinedId) => {
    expect(ringingCall(calls, ME)?.id ?? null).toBe(ringing);
    expect(joinedCall(calls, ME)?.id ?? null).toBe(joinedId);
  });
});

describe('mainParticipant', () => {
  it.each([
    ['the caller when it sends video', [party('seat:s1', 'joined', { producers: video() }), party('worker:w2', 'joined', { producers: video() }), party(ME, 'joined')], 'seat:s1'],
    ['another participant\'s video when the caller sends none', [party('seat:s1', 'joined'), party('worker:w2', 'joined', { producers: video() }), party(ME, 'joined')], 'worker:w2'],
    ['not a paused (camera off) video', [party('seat:s1', 'joined'), party('worker:w2', 'joined', { producers: video(true) }), party(ME, 'joined')], 'seat:s1'],
    ['never oneself', [party('seat:s1', 'joined'), party(ME, 'joined', { producers: video() })], 'seat:s1'],
  ] as const)('%s', (_name, participants, expected) => {
    expect(mainParticipant(call('x', [...participants]), ME)?.key).toBe(expected);
  });
});

describe('phoneReceives', () => {
  it('takes only the shown video, and everyone\'s audio', () => {
    const group = call('x', [party('seat:s1', 'joined', { producers: video() }), party('worker:w2', 'joined', { producers: video() }), party(ME, 'joined')]);
    expect(phoneReceives(group, ME)).toEqual({ videoOf: ['seat:s1'] });
  });
});

describe('endReason', () => {
  const ended = { endedAt: 10 };
  it.each([
    ['what this page did wins', call('x', [party('seat:s1', 'left'), party(ME, 'left')], ended), 'hungUp', false, { kind: 'hungUp' }],
    ['a dropped link', call('x', [party('seat:s1', 'joined'), party(ME, 'joined')]), null, true, { kind: 'linkLost' }],
    ['the caller hung up', call('x', [party('seat:s1', 'left', { reason: '已挂断 / hung up' }), party(ME, 'left', { reason: '通话已结束 / call ended' })], ended), null, false, { kind: 'callerHungUp' }],
    ['the hub\'s reason: no answer in time', call('x', [party('seat:s1', 'joined'), party(ME, 'missed', { reason: '30 秒无人接听 / no answer in 30 s' }), party('worker:w2', 'joined')]), null, false, { kind: 'hub', text: '30 秒无人接听 / no answer in 30 s' }],
    ['otherwise just ended', call('x', [party('seat:s1', 'joined'), party(ME, 'left')], ended), null, false, { kind: 'ended' }],
  ] as const)('%s', (_name, info, byMe, linkLost, expected) => {
    expect(endReason(info, ME, byMe, linkLost)).toEqual(expected);
  });
});

describe('pickLanguage', () => {
  it.each([
    ['PIN 不正确 / wrong PIN', 'zh-CN', 'PIN 不正确'],
    ['PIN 不正确 / wrong PIN', 'en', 'wrong PIN'],
    ['plain text', 'en', 'plain text'],
  ])('%s in %s', (text, locale, expected) => {
    expect(pickLanguage(text, locale)).toBe(expected);
  });
});

describe('position throttle', () => {
  const here: [number, number] = [119.36, 33.24];
  // 0.0001° of latitude is about 11 m.
  const moved: [number, number] = [119.36, 33.2401];
  it('measures metres', () => {
    expect(distanceM(here, moved)).toBeGreaterThan(10.5);
    expect(distanceM(here, moved)).toBeLessThan(11.5);
  });
  it.each([
    ['the first fix', null, here, 0, true],
    ['not again within 5 s in the same place', { position: here, at: 0 }, here, 4_999, false],
    ['again after 5 s', { position: here, at: 0 }, here, 5_000, true],
    ['at once after moving 10 m', { position: here, at: 0 }, moved, 1_000, true],
  ] as const)('%s', (_name, last, position, at, expected) => {
    expect(shouldSend(last ? { position: [...last.position], at: last.at } : null, [...position], at)).toBe(expected);
  });
});
