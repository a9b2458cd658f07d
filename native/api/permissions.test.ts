// The role table, cell by cell: every role × every write kind, and the reasons a disabled control shows.
import { describe, expect, it } from 'vitest';
import { ActorRole, WriteKind } from './model.js';
import { WRITE_LABELS, WRITE_ROLES, can, whyNot, whyNotText } from './permissions.js';
import { TRANSITIONS } from './work-order.js';

type Row = Record<WriteKind, boolean>;
const T = true;
const F = false;
//                      transition create  setResp roster  hoCreate hoAck  declare log    standDown callsDial
const cells = (...v: boolean[]): Row => Object.fromEntries(WriteKind.options.map((k, i) => [k, v[i]])) as Row;
const TABLE: Record<ActorRole, Row> = {
  duty_commander: cells(T, T, F, F, F, F, T, T, F, T),
  duty_director: cells(T, T, T, F, T, T, T, T, T, T),
  department_liaison: cells(T, T, F, F, F, F, F, T, F, F),
  administrator: cells(F, F, T, T, F, F, F, F, F, F),
  viewer: cells(F, F, F, F, F, F, F, F, F, F),
  grid_worker: cells(T, T, F, F, F, F, F, F, F, F),
  system: cells(F, T, F, F, F, F, F, F, F, F),
};

describe('can()', () => {
  const cases = ActorRole.options.flatMap((role) => WriteKind.options.map((write) => ({ role, write, allowed: TABLE[role][write] })));

  it('covers every role and write kind', () => {
    expect(cases).toHaveLength(ActorRole.options.length * WriteKind.options.length);
    expect(Object.keys(WRITE_ROLES).sort()).toEqual([...WriteKind.options].sort());
  });

  it.each(cases)('$role × $write → $allowed', ({ role, write, allowed }) => {
    expect(can(role, write)).toBe(allowed);
    expect(whyNot(role, write) === null).toBe(allowed);
  });

  it('agrees with the work-order state machine: a role acts on events iff some action lists it', () => {
    for (const role of ActorRole.options) {
      const inMachine = Object.values(TRANSITIONS).some((r) => r.roles.includes(role));
      expect(can(role, 'events.transition'), role).toBe(inMachine);
    }
    expect(can('administrator', 'events.transition')).toBe(false);
    expect(can('viewer', 'events.transition')).toBe(false);
  });
});

describe('whyNot()', () => {
  it('tells a viewer the seat is read-only, in both languages', () => {
    expect(whyNot('viewer', 'incident.declare')).toEqual({
      zh: '只读席位不能宣布战时', en: 'A viewer seat is read-only: it may not declare an incident.',
    });
  });

  it('names the role, the write and who may, in both languages', () => {
    const r = whyNot('duty_commander', 'incident.standDown');
    expect(r?.zh).toBe('值班长无权解除战时,仅限轮值主任');
    expect(r?.en).toBe('A duty commander may not stand down an incident; only: duty director.');
    expect(whyNot('administrator', 'events.transition')?.zh).toMatch(/^系统管理员无权处置工单/);
    expect(whyNotText('department_liaison', 'roster.edit')).toBe('部门联络员无权编排值班表,仅限系统管理员 / A department liaison may not edit the duty roster; only: administrator.');
    expect(whyNotText('administrator', 'roster.edit')).toBeNull();
  });

  it('has a label for every write kind in both languages', () => {
    for (const k of WriteKind.options) {
      expect(WRITE_LABELS[k].zh.length).toBeGreaterThan(0);
      expect(WRITE_LABELS[k].en.length).toBeGreaterThan(0);
    }
  });
});
