// Duty and incident writes at the seat, on a real SQLite cache through the Station API: role refusals
// write nothing, writes land in the outbox (and survive reopening the file), the handover summary holds
// the shift's work, the incident workspace folds in pending step ticks, and migration 0003 keeps the
// outbox rows a schema-2 station left.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TopicBus } from '../api/bus.js';
import type { IncidentWorkspace, SeatIdentity, ServerFrame, StationStatus } from '../api/contract.js';
import { createHandlers, META_IDENTITY } from '../api/handlers.js';
import { ApiHost, type ApiConnection } from '../api/host.js';
import type { EmergencyPlan, EventAction, Incident, Liaison } from '../api/model.js';
import { migrate } from '../store/migrate.js';
import { migrations } from '../store/migrations/index.js';
import { openStore, type Store } from '../store/store.js';
import { fixtureEvent, tempDir, tinyCounty } from '../store/test-fixtures.js';
import { shiftSummary } from '../reports/shift-summary.js';
import { DutyWrites } from './duty-writes.js';
import type { HubDutyWriter, HubWriter } from './hub-client.js';
import { OutboxSender } from './outbox-sender.js';
import { SeatWrites } from './seat-writes.js';

// 2026-11-22 12:00 UTC+8: the shift began at 08:30 county time.
const NOW = Date.UTC(2026, 10, 22, 4, 0, 0);
const SHIFT = Date.UTC(2026, 10, 22, 0, 30, 0);
const UNIT = '321023100001001';
const AT: [number, number] = [119.16, 33.18];

const plan: EmergencyPlan = {
  id: 'plan-fire', type: 'fire', name: '火灾应急预案', nameEn: 'Fire plan',
  steps: [
    { id: 's1', title: '报警并调派消防', titleEn: 'Alert fire brigade', owner: 'urban_mgmt', dueMinutes: 5 },
    { id: 's2', title: '疏散群众', titleEn: 'Evacuate', owner: 'town_office', dueMinutes: 15 },
    { id: 's3', title: '交通管制', titleEn: 'Traffic control', owner: 'urban_mgmt', dueMinutes: 20 },
  ],
};
const incident: Incident = {
  id: '11111111-1111-4111-8111-111111111111', type: 'fire', title: '安宜镇仓库火灾', level: 3, position: AT, radiusM: 3_000,
  gridCode: UNIT, declaredAt: NOW - 600_000, declaredBy: '张主任', state: 'active', stoodDownAt: null, planId: plan.id, version: 1,
};
const liaison: Liaison = { id: 'l-urban', departmentCode: 'urban_mgmt', name: '王联络', phone: '0514-88000001' };

let tmp: ReturnType<typeof tempDir>;
let store: Store;
let conn: ApiConnection;
let frames: ServerFrame[];
let kicks: number;
let role: SeatIdentity['role'];
let nextId: number;

function status(): StationStatus {
  return {
    county: { code: '321023', name: '宝应县', nameEn: 'Baoying', center: [119.36, 33.24] }, hubUrl: 'http://127.0.0.1:1', embeddedHub: true,
    link: { state: 'offline', since: 1, rttMs: null, reason: 'test' }, lastSyncAt: null, counts: store.counts(),
  };
}

async function call(method: string, params: unknown = {}): Promise<ServerFrame & { kind: 'res' }> {
  const id = nextId++;
  conn.receive({ kind: 'req', id, method, params });
  const deadline = Date.now() + 2_000;
  for (;;) {
    const found = frames.find((f) => f.kind === 'res' && f.id === id);
    if (found) return found as ServerFrame & { kind: 'res' };
    if (Date.now() > deadline) throw new Error(`no response to ${method}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function ok<T>(method: string, params: unknown = {}): Promise<T> {
  const res = await call(method, params);
  if (!res.ok) throw new Error(`${method} failed: ${JSON.stringify(res)}`);
  return (res as { result: T }).result;
}

function outboxCount(): number {
  return (store.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
}

function connect(): void {
  const bus = new TopicBus();
  const identity = (): SeatIdentity => ({ name: '李值班', role, seatId: 'seat-test' });
  const now = (): number => NOW;
  const writes = new SeatWrites({ store, bus, identity, kick: () => kicks++, now });
  const dutyWrites = new DutyWrites({ store, bus, identity, kick: () => kicks++, now, summary: (t) => shiftSummary(store, t) });
  conn = new ApiHost(createHandlers({ store, status, writes, dutyWrites, defaultSeatId: 'seat-test', now }), bus, { validateResults: true })
    .connect((f) => frames.push(f));
}

beforeEach(() => {
  tmp = tempDir();
  store = openStore(join(tmp.dir, 'cache.sqlite'));
  const c = tinyCounty();
  store.applyPage('grids', c.grids.map((data, i) => ({ seq: i + 1, data })), 100);
  store.applyPage('cameras', c.cameras.map((data, i) => ({ seq: 101 + i, data })), 200);
  store.applyPage('workers', c.workers.map((data, i) => ({ seq: 201 + i, data })), 300);
  store.applyPage('departments', c.departments.map((data, i) => ({ seq: 601 + i, data })), 700);
  store.applyPage('plans', [{ seq: 1001, data: plan }], 1001);
  store.applyPage('liaisons', [{ seq: 1002, data: liaison }], 1002);
  store.applyPage('incidents', [{ seq: 1003, data: incident }], 1003);
  store.applyPage('incident_log', [{
    seq: 1004, data: {
      id: incident.id, incidentId: incident.id, kind: 'declared', stepId: null, text: '宣布战时', at: incident.declaredAt,
      clientAt: incident.declaredAt, actor: { role: 'duty_director', name: '张主任', seat: 'seat-a' },
    },
  }], 1004);
  frames = [];
  kicks = 0;
  nextId = 1;
  role = 'duty_director';
  connect();
});
afterEach(() => {
  conn.close();
  store.close();
  tmp.remove();
});

describe('duty writes at the seat', () => {
  const writeCalls: [string, WriteParams, SeatIdentity['role'][]][] = [
    ['duty.setRoster', () => ({ entry: {
      id: 'r-2026-11-23-county', date: '2026-11-23', level: 'county', townCode: null, departmentCode: 'urban_mgmt',
      directorName: '赵主任', directorPhone: '13900000000',
    } }), ['duty_commander', 'duty_director', 'department_liaison', 'viewer']],
    ['handover.submit', () => ({ remarks: '无' }), ['duty_commander', 'administrator', 'viewer', 'department_liaison']],
    ['incident.declare', () => ({ type: 'fire', title: '火情', level: 4, position: AT, radiusM: 500 }), ['administrator', 'viewer', 'department_liaison']],
    ['incident.log', () => ({ incidentId: incident.id, kind: 'step_done', stepId: 's1' }), ['administrator', 'viewer']],
    ['incident.standDown', () => ({ incidentId: incident.id, reason: '火已扑灭' }), ['duty_commander', 'administrator', 'viewer', 'department_liaison']],
  ];
  type WriteParams = () => unknown;

  it.each(writeCalls)('%s is refused with forbidden_role for the roles that may not, and writes nothing', async (method, params, refused) => {
    for (const r of refused) {
      role = r;
      const before = outboxCount();
      const res = await call(method, params());
      expect(res, `${method} as ${r}`).toMatchObject({ ok: false, error: { code: 'forbidden_role' } });
      expect((res as { error: { message: string } }).error.message).toMatch(/\//); // bilingual: 中文 / English
      expect(outboxCount()).toBe(before);
    }
    expect(kicks).toBe(0);
  });

  it('an allowed write is committed to the outbox with its key and clientAt, and survives reopening the file', async () => {
    role = 'department_liaison';
    const { key } = await ok<{ key: string }>('incident.log', { incidentId: incident.id, kind: 'step_done', stepId: 's2' });
    expect(kicks).toBe(1);
    conn.close();
    store.close();
    store = openStore(join(tmp.dir, 'cache.sqlite'));
    connect();
    const row = store.outbox.get(key)!;
    expect(row).toMatchObject({ kind: 'incident_log', state: 'pending', clientAt: NOW, action: 'incident.log' });
    expect(row.body).toMatchObject({ target: { id: incident.id }, request: { key, kind: 'step_done', stepId: 's2', actor: { role: 'department_liaison' } } });
    // The pending tick already shows in the checklist and the timeline.
    const w = await ok<IncidentWorkspace>('incident.active');
    expect(w.steps.find((s) => s.stepId === 's2')).toMatchObject({ done: true, doneAt: NOW });
    expect(w.steps.find((s) => s.stepId === 's1')).toMatchObject({ done: false, dueAt: incident.declaredAt + 5 * 60_000 });
    expect(w.log.map((e) => e.kind)).toEqual(['declared', 'step_done']);
  });

  it('refuses a step outside the plan, a note without text, and writes to a stood-down incident', async () => {
    expect(await call('incident.log', { incidentId: incident.id, kind: 'step_done', stepId: 'nope' })).toMatchObject({ ok: false, error: { code: 'bad_params' } });
    expect(await call('incident.log', { incidentId: incident.id, kind: 'note', text: '  ' })).toMatchObject({ ok: false, error: { code: 'bad_params' } });
    store.applyPage('incidents', [{ seq: 2000, data: { ...incident, state: 'stood_down', stoodDownAt: NOW, version: 2 } }], 2000);
    expect(await call('incident.log', { incidentId: incident.id, kind: 'note', text: '补记' })).toMatchObject({ ok: false, error: { code: 'bad_params' } });
    expect(await call('incident.standDown', { incidentId: incident.id, reason: 'x' })).toMatchObject({ ok: false, error: { code: 'bad_params' } });
    expect(outboxCount()).toBe(0);
    expect(await ok('incident.active')).toBeNull();
  });

  it('a pending stand-down returns the seat to peacetime; the record stays readable and exportable', async () => {
    await ok('incident.standDown', { incidentId: incident.id, reason: '火已扑灭' });
    expect(await ok('incident.active')).toBeNull();
    const w = await ok<IncidentWorkspace>('incident.get', { id: incident.id });
    expect(w.incident.state).toBe('stood_down');
    expect(w.log.at(-1)).toMatchObject({ kind: 'stood_down', text: '火已扑灭' });
    const report = await ok<{ filename: string; base64: string }>('incident.report', { id: incident.id });
    expect(report.filename).toMatch(/^watchfloor-incident-2026-11-22-11111111\.xlsx$/);
    expect(Buffer.from(report.base64, 'base64').subarray(0, 2).toString()).toBe('PK');
  });

  it('a declaration made offline shows as the active incident with its plan, grids, cameras, workers and departments', async () => {
    store.applyPage('incidents', [{ seq: 2000, data: { ...incident, state: 'stood_down', stoodDownAt: NOW, version: 2 } }], 2000);
    const { key } = await ok<{ key: string }>('incident.declare', { type: 'fire', title: '仓库火情', level: 2, position: AT, radiusM: 3_000 });
    const body = store.outbox.get(key)!.body as { request: { gridCode: string; planId: string } };
    expect(body.request).toMatchObject({ gridCode: UNIT, planId: 'plan-fire' });
    const w = await ok<IncidentWorkspace>('incident.active');
    expect(w.incident).toMatchObject({ id: key, state: 'active', declaredBy: '李值班' });
    expect(w.plan?.id).toBe('plan-fire');
    expect(w.wartimeGrids.map((g) => g.code)).toContain(UNIT);
    expect(w.wartimeGrids.every((g) => g.level === 'unit')).toBe(true);
    expect(w.cameras.length).toBeGreaterThan(0);
    expect(w.cameras.length).toBeLessThanOrEqual(9);
    expect(w.cameras[0]!.camera.gridCode).toBe(UNIT);
    expect(w.cameras.map((c) => c.distanceM)).toEqual([...w.cameras.map((c) => c.distanceM)].sort((a, b) => a - b));
    expect(w.workers.length).toBeLessThanOrEqual(10);
    expect(w.workers[0]!.worker.gridCode).toBe(UNIT);
    expect(w.departments).toEqual([
      { departmentCode: 'urban_mgmt', departmentName: '城市管理局', departmentNameEn: 'Urban Management', liaison, stepIds: ['s1', 's3'] },
      expect.objectContaining({ departmentCode: 'town_office', liaison: null, stepIds: ['s2'] }),
    ]);
  });

  it('the handover draft lists the shift\'s new, overdue, escalated and supervised work and the timeline\'s alarms', async () => {
    const events = [
      fixtureEvent({ id: 'e-new', gridCode: UNIT, position: AT, reportedAt: SHIFT + 60_000, title: '新上报' }),
      fixtureEvent({ id: 'e-old', gridCode: UNIT, position: AT, reportedAt: SHIFT - 60_000, title: '昨日事件' }),
      fixtureEvent({ id: 'e-late', gridCode: UNIT, position: AT, reportedAt: 1_000, state: 'dispatched', department: 'urban_mgmt', deadlineAt: NOW - 1, title: '超时' }),
      fixtureEvent({ id: 'e-due', gridCode: UNIT, position: AT, reportedAt: 1_000, state: 'in_progress', department: 'urban_mgmt', deadlineAt: NOW + 3_600_000, title: '今日到期' }),
      fixtureEvent({ id: 'e-sup', gridCode: UNIT, position: AT, reportedAt: 1_000, state: 'in_progress', department: 'town_office', supervised: true, deadlineAt: NOW + 9e7, title: '督办件' }),
    ];
    store.applyPage('events', events.map((data, i) => ({ seq: 3000 + i, data })), 3100);
    const action = (id: string, eventId: string, a: EventAction['action'], at: number): EventAction => ({
      id, eventId, action: a, fromState: 'in_progress', toState: 'in_progress', actor: { role: 'duty_director', name: '张主任', seat: null },
      reason: 'r', payload: {}, at, clientAt: at, version: 2,
    });
    store.applyPage('event_actions', [
      { seq: 3200, data: action('a1', 'e-sup', 'supervise', SHIFT + 1_000) },
      { seq: 3201, data: action('a2', 'e-due', 'escalate', SHIFT + 2_000) },
      { seq: 3202, data: action('a3', 'e-late', 'escalate', SHIFT - 2_000) }, // before the shift: not listed
    ], 3300);
    store.applyPage('incident_log', [{
      seq: 3301, data: { id: 'alarm-1', incidentId: incident.id, kind: 'alarm', stepId: null, text: '烟感报警', at: SHIFT + 5_000, clientAt: SHIFT + 5_000,
        actor: { role: 'duty_commander', name: '值班长', seat: 'seat-a' } },
    }], 3301);
    const s = await ok<Record<string, unknown> & { counts: Record<string, number> }>('handover.draft');
    expect(s).toMatchObject({
      from: SHIFT, newEvents: [{ id: 'e-new', title: '新上报', state: 'reported' }], overdue: [{ id: 'e-late', department: 'urban_mgmt' }],
      escalated: [{ id: 'e-due' }], supervised: [{ id: 'e-sup', department: 'town_office' }], incidentsOpen: 1,
    });
    expect(s.counts).toMatchObject({ newEvents: 1, overdue: 1, escalated: 1, supervised: 1, alarms: 1, calls: 0, incidentsDeclared: 1 });

    // Submitted: the summary travels in the outbox; the next shift starts from the handover the hub stamps.
    const { key } = await ok<{ key: string }>('handover.submit', { remarks: '仓库火情持续关注', toName: '周主任' });
    expect(store.outbox.get(key)!.body).toMatchObject({ request: { level: 'county', date: '2026-11-22', fromName: '李值班', toName: '周主任', summary: { from: SHIFT } } });

    const coordination = await ok<{ departmentCode: string; overdue: number; dueToday: number; supervised: number; liaison: Liaison | null }[]>('coordination.byDepartment');
    expect(coordination[0]).toMatchObject({ departmentCode: 'urban_mgmt', overdue: 1, dueToday: 1, supervised: 0, liaison });
    expect(coordination.find((d) => d.departmentCode === 'town_office')).toMatchObject({ overdue: 0, dueToday: 0, supervised: 1 });
  });

  it('sign-in is kept in the seat identity and logged; sign-out clears it', async () => {
    store.meta.set(META_IDENTITY, { name: '值班长', role: 'duty_commander', seatId: 'seat-test' });
    expect(await ok('duty.signIn', { name: '钱值班' })).toMatchObject({ name: '钱值班', signedInAt: NOW });
    expect(await ok('duty.today')).toMatchObject({ date: '2026-11-22', operator: { name: '钱值班', signedInAt: NOW } });
    expect(await ok('duty.signOut')).toMatchObject({ name: '钱值班', signedInAt: null });
    expect(store.duty.signLog(10).map((r) => [r.kind, r.name])).toEqual([['out', '钱值班'], ['in', '钱值班']]);
  });
});

describe('sending duty writes', () => {
  it('the hub\'s answer lands in the cache with the row marked sent; a refusal marks it rejected with the hub\'s reason', async () => {
    role = 'duty_director';
    const tick = (await ok<{ key: string }>('incident.log', { incidentId: incident.id, kind: 'step_done', stepId: 's1' })).key;
    const down = (await ok<{ key: string }>('incident.standDown', { incidentId: incident.id, reason: '结束' })).key;
    const unused = (): never => {
      throw new Error('not used');
    };
    const dutyHub: HubDutyWriter = {
      postHandover: unused, ackHandover: unused, putRoster: unused, declareIncident: unused,
      logIncident: async (id, body) => ({
        kind: 'ok', value: { entry: { id: body.key, incidentId: id, kind: body.kind, stepId: body.stepId, text: body.text, actor: body.actor, at: NOW + 5, clientAt: body.clientAt } },
      }),
      standDownIncident: async () => ({ kind: 'refused', status: 403, code: 'forbidden_role', message: '仅限轮值主任 / duty director only' }),
    };
    const bus = new TopicBus();
    const states: string[] = [];
    bus.subscribe('outbox', (d) => states.push(`${d.action}:${d.state}`));
    const sender = new OutboxSender({ store, hub: {} as HubWriter, dutyHub, bus });
    sender.kick();
    await sender.whenIdle();
    sender.stop();
    expect(store.outbox.get(tick)).toMatchObject({ state: 'sent', attempts: 1 });
    expect(store.outbox.get(down)).toMatchObject({ state: 'rejected', error: { code: 'forbidden_role' } });
    expect(store.duty.log(incident.id).map((e) => [e.kind, e.at])).toEqual([['declared', incident.declaredAt], ['step_done', NOW + 5]]);
    expect(states).toEqual(['incident.log:sent', 'incident.standDown:rejected']);
    // The rejected stand-down no longer shows: the seat is in wartime again.
    expect(await ok<IncidentWorkspace | null>('incident.active')).toMatchObject({ incident: { state: 'active' } });
  });
});

describe('migration 0003', () => {
  it('keeps the outbox rows a schema-2 station left, and the rebuilt table takes the new kinds', () => {
    const file = join(tmp.dir, 'old.sqlite');
    const old = new Database(file);
    migrate(old, migrations.slice(0, 2));
    old.prepare(`INSERT INTO outbox (key, kind, event_id, action, body, client_at, state, attempts, last_error, created_at, updated_at)
      VALUES ('k1', 'transition', 'e1', 'accept', '{"a":1}', 5, 'pending', 2, NULL, 5, 6),
             ('k2', 'create', NULL, 'create', '{}', 7, 'rejected', 1, '{"code":"x","message":"y"}', 7, 8)`).run();
    expect(() => old.prepare(`INSERT INTO outbox (key, kind, action, body, client_at, state, created_at, updated_at)
      VALUES ('k3', 'incident_log', 'incident.log', '{}', 1, 'pending', 1, 1)`).run()).toThrow(/CHECK/);
    old.close();

    const upgraded = openStore(file);
    expect(upgraded.migration.from).toBe(2);
    expect(upgraded.migration.applied[0]).toBe('3_duty');
    expect(upgraded.outbox.pending().map((r) => [r.key, r.kind, r.attempts, r.body])).toEqual([['k1', 'transition', 2, { a: 1 }]]);
    expect(upgraded.outbox.get('k2')).toMatchObject({ state: 'rejected', error: { code: 'x', message: 'y' } });
    upgraded.outbox.add({ key: 'k3', kind: 'incident_log', eventId: null, action: 'incident.log', body: {}, clientAt: 9 }, 9);
    expect(upgraded.outbox.pending().map((r) => r.key)).toEqual(['k1', 'k3']);
    upgraded.close();
  });
});
