// The hub as the authority over duty and emergency command, over real sockets against a real PGlite: the
// roster window, handovers, roster edits and incidents — each write applied once per key, role-checked
// (403, nothing changed), validated (400), refused where the record says no (422), announced with `changed`.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTY_ROTATION, HOLIDAYS_2026, addDays, dutyRoster } from '../native/api/duty.js';
import type { Actor, HandoverSummary, Incident, IncidentLogEntry } from '../native/api/model.js';
import {
  HandoverSaved, HubError, IncidentLogged, IncidentSaved, RosterSaved, syncPage, type CollectionRow, type SyncCollection,
} from '../native/sync/hub-protocol.js';
import { DutyDesk, ROSTER_DAYS_AHEAD, ROSTER_DAYS_BACK, countyDateOf } from './duty.js';
import { COUNTY_CADRES, LIAISONS, townCadres } from './liaisons.js';
import { PLANS } from './plans.js';
import { startHub, type Hub } from './server.js';
import { fixtureCounty } from './test-fixture.js';
import { LiveTestClient } from './test-live-client.js';

const county = fixtureCounty();
const town = county.grids.find((g) => g.level === 'town')!;
const unit = county.grids.find((g) => g.level === 'unit')!;
const HUB_START_TIMEOUT = 60_000;
const actor = (role: Actor['role'], name: string): Actor => ({ role, name, seat: 'seat-test' });
const COMMANDER = actor('duty_commander', '测试值班长');
const DIRECTOR = actor('duty_director', '测试主任');
const NEXT_DIRECTOR = actor('duty_director', '接班主任');
const LIAISON = actor('department_liaison', '测试联络员');
const ADMIN = actor('administrator', '测试管理员');
const VIEWER = actor('viewer', '只读席位');

let hub: Hub;
let live: LiveTestClient;

beforeAll(async () => {
  hub = await startHub({
    port: 0, county, dataDir: null, historyEvents: 10,
    positionIntervalMs: 60_000, eventIntervalMs: 600_000, workerWriteBackMs: 600_000, fieldIntervalMs: 600_000,
  });
  live = await LiveTestClient.connect(hub.url);
  await live.next('hello');
}, HUB_START_TIMEOUT);
afterAll(async () => {
  await live?.close();
  await hub?.close();
});

async function send(path: string, body: unknown, method = 'POST'): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${hub.url}${path}`, {
    method, headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function pull<C extends SyncCollection>(collection: C): Promise<CollectionRow[C][]> {
  const res = await fetch(`${hub.url}/api/v1/sync/${collection}?after=0`);
  expect(res.status).toBe(200);
  // Checked against the collection's row schema; the generic page type is too deep for TypeScript to index.
  const page = syncPage(collection).parse(await res.json()) as unknown as { rows: { data: unknown }[] };
  return page.rows.map((r) => r.data as CollectionRow[C]);
}

/** Asserts a refusal: status, code, a message, and that no seq was taken (nothing changed). */
async function refused(r: Promise<{ status: number; body: unknown }>, status: number, code: string): Promise<void> {
  const before = await hub.store.seq();
  const { status: got, body } = await r;
  expect(got, JSON.stringify(body)).toBe(status);
  const err = HubError.parse(body);
  expect(err.error.code).toBe(code);
  expect(err.error.message.length).toBeGreaterThan(5);
  expect(await hub.store.seq()).toBe(before);
}

const write = (a: Actor) => ({ key: randomUUID(), actor: a, clientAt: Date.now() });

const summary: HandoverSummary = {
  from: Date.now() - 8 * 3_600_000, to: Date.now(),
  newEvents: [{ id: 'EV1', title: '占道经营', state: 'reported', department: null }],
  overdue: [], escalated: [], supervised: [{ id: 'EV2', title: '垃圾暴露', state: 'dispatched', department: 'urban_mgmt' }],
  incidentsOpen: 0, counts: { alarms: 2, calls: 5 },
};

describe('shipped duty data', () => {
  it('serves the roster window (30 days back, 60 ahead) for the county and each town, plus liaisons and plans', async () => {
    const today = countyDateOf(Date.now());
    const roster = await pull('roster');
    const countyRows = roster.filter((r) => r.level === 'county').sort((a, b) => a.date.localeCompare(b.date));
    const townRows = roster.filter((r) => r.level === 'town');
    expect(countyRows).toHaveLength(ROSTER_DAYS_BACK + ROSTER_DAYS_AHEAD + 1);
    expect(countyRows[0]!.date).toBe(addDays(today, -ROSTER_DAYS_BACK));
    expect(countyRows.at(-1)!.date).toBe(addDays(today, ROSTER_DAYS_AHEAD));
    expect(townRows).toHaveLength(countyRows.length);
    expect(new Set(townRows.map((r) => r.townCode))).toEqual(new Set([town.code]));
    expect(countyRows.find((r) => r.date === today)).toEqual(dutyRoster(today, COUNTY_ROTATION, HOLIDAYS_2026, COUNTY_CADRES));
    // The rotation moves on: nine consecutive days name more than one department.
    expect(new Set(countyRows.slice(0, 9).map((r) => r.departmentCode)).size).toBeGreaterThan(1);
    expect((await pull('liaisons')).map((l) => l.id).sort()).toEqual(LIAISONS.map((l) => l.id).sort());
    expect(await pull('plans')).toEqual(PLANS);
  });
});

describe('PUT /api/v1/roster/<date>/<level>[/<town>]', () => {
  const date = countyDateOf(Date.now() + 2 * 86_400_000);
  const edit = (a: Actor = ADMIN) => ({ ...write(a), departmentCode: 'water', directorName: '水务值班员', directorPhone: '0514-88200000' });

  it('lets an administrator name the duty director of a date, once per key, announcing roster', async () => {
    const body = edit();
    const r = await send(`/api/v1/roster/${date}/county`, body, 'PUT');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const { entry } = RosterSaved.parse(r.body);
    expect(entry).toEqual({ id: `${date}/county`, date, level: 'county', townCode: null, departmentCode: 'water', directorName: '水务值班员', directorPhone: '0514-88200000' });
    const changed = await live.next('changed', (m) => m.collection === 'roster');
    const seq = await hub.store.seq();
    expect(changed.seq).toBe(seq);
    expect(await send(`/api/v1/roster/${date}/county`, body, 'PUT')).toEqual(r);
    expect(await hub.store.seq()).toBe(seq);
    expect((await pull('roster')).filter((x) => x.id === entry.id)).toEqual([entry]);

    const t = await send(`/api/v1/roster/${date}/town/${town.code}`, edit(), 'PUT');
    expect(t.status).toBe(200);
    expect(RosterSaved.parse(t.body).entry).toMatchObject({ id: `${date}/town/${town.code}`, level: 'town', townCode: town.code });
  });

  it('refuses other roles (403), unknown departments and towns (422), bad dates and bodies (400)', async () => {
    for (const a of [DIRECTOR, COMMANDER, VIEWER, LIAISON]) await refused(send(`/api/v1/roster/${date}/county`, edit(a), 'PUT'), 403, 'forbidden_role');
    await refused(send(`/api/v1/roster/${date}/county`, { ...edit(), departmentCode: 'ministry_of_magic' }, 'PUT'), 422, 'unknown_department');
    await refused(send(`/api/v1/roster/${date}/town/999999999`, edit(), 'PUT'), 422, 'unknown_town');
    await refused(send(`/api/v1/roster/2026-02-30/county`, edit(), 'PUT'), 400, 'bad_request');
    await refused(send(`/api/v1/roster/${date}/county`, { ...edit(), directorName: ' ' }, 'PUT'), 400, 'bad_request');
    await refused(send(`/api/v1/roster/${date}/county`, { ...edit(), key: 'nope' }, 'PUT'), 400, 'bad_request');
    expect((await send(`/api/v1/roster/${date}/county`, edit(), 'POST')).status).toBe(405);
    // A key spent on another date is not a replay.
    const body = edit();
    expect((await send(`/api/v1/roster/${date}/county`, body, 'PUT')).status).toBe(200);
    await refused(send(`/api/v1/roster/${addDays(date, 1)}/county`, body, 'PUT'), 400, 'bad_request');
  });
});

describe('the roster window', () => {
  it('keeps edits when it is filled again, and moves on with the date, announcing what it added', async () => {
    const date = countyDateOf(Date.now() + 3 * 86_400_000);
    const r = await send(`/api/v1/roster/${date}/county`, { ...write(ADMIN), departmentCode: 'health', directorName: '卫健值班员', directorPhone: '0514-88200001' }, 'PUT');
    const { entry } = RosterSaved.parse(r.body);
    const seq = await hub.store.seq();
    expect(await hub.duty.extendRoster()).toBeNull();
    expect(await hub.store.seq()).toBe(seq);
    expect(await hub.store.record('roster', entry.id)).toEqual(entry);

    // The same desk a day later: one new day for the county and for the town.
    const tomorrow = new DutyDesk({
      store: hub.store, now: () => Date.now() + 86_400_000, data: { plans: PLANS, liaisons: LIAISONS, countyCadres: COUNTY_CADRES, townCadres },
      townCodes: [town.code], gridCodes: new Set(), departmentCodes: () => new Set(), changed: (c, at) => announced.push([c, at]),
    });
    const announced: [string, number][] = [];
    const before = await hub.store.count('roster');
    const added = await tomorrow.extendRoster();
    expect(await hub.store.count('roster')).toBe(before + 2);
    expect(announced).toEqual([['roster', added]]);
    const last = addDays(countyDateOf(Date.now()), ROSTER_DAYS_AHEAD + 1);
    expect((await pull('roster')).filter((x) => x.date === last).map((x) => x.level).sort()).toEqual(['county', 'town']);
  });
});

describe('handovers', () => {
  const create = (a: Actor = DIRECTOR) => ({
    ...write(a), date: countyDateOf(Date.now()), level: 'county', townCode: null, fromName: a.name, toName: NEXT_DIRECTOR.name,
    summary, remarks: '夜间注意防汛',
  });

  it('creates a handover once per key and lets the incoming director acknowledge it once', async () => {
    const body = create();
    const r = await send('/api/v1/handovers', body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const { handover } = HandoverSaved.parse(r.body);
    expect(handover).toMatchObject({ id: body.key, fromName: DIRECTOR.name, toName: NEXT_DIRECTOR.name, summary, remarks: '夜间注意防汛', acknowledgedAt: null, acknowledgedBy: null });
    await live.next('changed', (m) => m.collection === 'handovers');
    const again = await send('/api/v1/handovers', body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(r.body);

    const ack = write(NEXT_DIRECTOR);
    const a = await send(`/api/v1/handovers/${handover.id}/ack`, ack);
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    const acked = HandoverSaved.parse(a.body).handover;
    expect(acked).toMatchObject({ ...handover, acknowledgedAt: expect.any(Number), acknowledgedBy: NEXT_DIRECTOR.name });
    expect(acked.acknowledgedAt).toBeGreaterThanOrEqual(handover.createdAt);
    await live.next('changed', (m) => m.collection === 'handovers');
    expect(await send(`/api/v1/handovers/${handover.id}/ack`, ack)).toEqual(a);
    await refused(send(`/api/v1/handovers/${handover.id}/ack`, write(DIRECTOR)), 422, 'already_acknowledged');
    expect((await pull('handovers')).filter((h) => h.id === handover.id)).toEqual([acked]);
  });

  it('refuses roles other than duty director (403), bad bodies (400) and unknown handovers (404)', async () => {
    for (const a of [COMMANDER, LIAISON, ADMIN, VIEWER]) await refused(send('/api/v1/handovers', create(a)), 403, 'forbidden_role');
    await refused(send('/api/v1/handovers', { ...create(), townCode: town.code }), 400, 'bad_request');
    await refused(send('/api/v1/handovers', { ...create(), summary: {} }), 400, 'bad_request');
    await refused(send('/api/v1/handovers', 'not json'), 400, 'bad_request');
    await refused(send('/api/v1/handovers', { ...create(), level: 'town', townCode: '999999999' }), 422, 'unknown_town');
    await refused(send(`/api/v1/handovers/${randomUUID()}/ack`, write(DIRECTOR)), 404, 'not_found');
    const r = await send('/api/v1/handovers', create());
    const id = HandoverSaved.parse(r.body).handover.id;
    for (const a of [COMMANDER, VIEWER, ADMIN]) await refused(send(`/api/v1/handovers/${id}/ack`, write(a)), 403, 'forbidden_role');
  });
});

describe('incidents', () => {
  const declare = (a: Actor = COMMANDER, extra: Record<string, unknown> = {}) => ({
    ...write(a), type: 'fire', title: '测试社区民房火灾', level: 3, position: unit.center, radiusM: 500, gridCode: unit.code, ...extra,
  });
  const log = (a: Actor, extra: Record<string, unknown>) => ({ ...write(a), stepId: null, text: '', ...extra });

  async function declared(): Promise<Incident> {
    const r = await send('/api/v1/incidents', declare());
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return IncidentSaved.parse(r.body).incident;
  }

  it('declares an incident with its plan and a declared log entry, once per key; several may be active', async () => {
    const body = declare();
    const r = await send('/api/v1/incidents', body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const { incident, entry } = IncidentSaved.parse(r.body);
    expect(incident).toMatchObject({ id: body.key, type: 'fire', state: 'active', planId: 'plan-fire', version: 1, declaredBy: COMMANDER.name, stoodDownAt: null });
    expect(entry).toMatchObject({ incidentId: incident.id, kind: 'declared', actor: COMMANDER, clientAt: body.clientAt });
    const inc = await live.next('changed', (m) => m.collection === 'incidents');
    const lg = await live.next('changed', (m) => m.collection === 'incident_log');
    expect(lg.seq).toBeGreaterThan(inc.seq);
    const again = await send('/api/v1/incidents', body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(r.body);
    // A second incident at the same place is its own incident.
    const second = await send('/api/v1/incidents', declare(DIRECTOR, { type: 'typhoon_flood', title: '强降雨内涝' }));
    expect(second.status).toBe(201);
    expect(IncidentSaved.parse(second.body).incident.planId).toBe('plan-typhoon_flood');
    const active = (await pull('incidents')).filter((i) => i.state === 'active').map((i) => i.id);
    expect(active).toEqual(expect.arrayContaining([incident.id, IncidentSaved.parse(second.body).incident.id]));
    expect((await pull('incident_log')).filter((l) => l.incidentId === incident.id)).toEqual([entry]);
  });

  it('declares once when the same key races', async () => {
    const body = declare();
    const answers = await Promise.all(Array.from({ length: 4 }, () => send('/api/v1/incidents', body)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
    for (const a of answers) expect(a.body).toEqual(answers[0]!.body);
    expect((await pull('incidents')).filter((i) => i.id === body.key)).toHaveLength(1);
    expect((await pull('incident_log')).filter((l) => l.incidentId === body.key)).toHaveLength(1);
  });

  it('refuses declaring by other roles (403), unknown grids or plans (422) and bad bodies (400)', async () => {
    for (const a of [LIAISON, ADMIN, VIEWER]) await refused(send('/api/v1/incidents', declare(a)), 403, 'forbidden_role');
    await refused(send('/api/v1/incidents', declare(COMMANDER, { gridCode: '999999999999999' })), 422, 'unknown_grid');
    await refused(send('/api/v1/incidents', declare(COMMANDER, { planId: 'plan-alien' })), 422, 'unknown_plan');
    for (const bad of [{ type: 'meteor' }, { level: 5 }, { radiusM: 0 }, { title: '' }, { position: [1] }]) {
      await refused(send('/api/v1/incidents', declare(COMMANDER, bad)), 400, 'bad_request');
    }
  });

  it('logs steps, notes, calls and alarms once per key, checking steps against the plan', async () => {
    const incident = await declared();
    const plan = PLANS.find((p) => p.id === incident.planId)!;
    const step = plan.steps[0]!.id;
    const done = log(LIAISON, { kind: 'step_done', stepId: step });
    const r = await send(`/api/v1/incidents/${incident.id}/log`, done);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const { entry } = IncidentLogged.parse(r.body);
    expect(entry).toMatchObject({ id: done.key, incidentId: incident.id, kind: 'step_done', stepId: step, actor: LIAISON });
    await live.next('changed', (m) => m.collection === 'incident_log');
    const again = await send(`/api/v1/incidents/${incident.id}/log`, done);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(r.body);
    for (const extra of [{ kind: 'step_reopened', stepId: step }, { kind: 'note', text: '现场风力较大' }, { kind: 'call', text: '致电消防大队' }, { kind: 'alarm', text: '烟感报警' }]) {
      expect((await send(`/api/v1/incidents/${incident.id}/log`, log(DIRECTOR, extra))).status).toBe(201);
    }
    const kinds = (await pull('incident_log')).filter((l) => l.incidentId === incident.id).map((l: IncidentLogEntry) => l.kind);
    expect(kinds).toEqual(['declared', 'step_done', 'step_reopened', 'note', 'call', 'alarm']);

    await refused(send(`/api/v1/incidents/${incident.id}/log`, log(DIRECTOR, { kind: 'step_done', stepId: 'plan-fire/99' })), 422, 'unknown_step');
    await refused(send(`/api/v1/incidents/${incident.id}/log`, log(DIRECTOR, { kind: 'step_done' })), 400, 'bad_request');
    await refused(send(`/api/v1/incidents/${incident.id}/log`, log(DIRECTOR, { kind: 'note', text: '  ' })), 400, 'bad_request');
    await refused(send(`/api/v1/incidents/${incident.id}/log`, log(DIRECTOR, { kind: 'declared', text: 'x' })), 400, 'bad_request');
    for (const a of [ADMIN, VIEWER]) await refused(send(`/api/v1/incidents/${incident.id}/log`, log(a, { kind: 'note', text: 'x' })), 403, 'forbidden_role');
    await refused(send(`/api/v1/incidents/${randomUUID()}/log`, log(DIRECTOR, { kind: 'note', text: 'x' })), 404, 'not_found');
  });

  it('stands an incident down once (director only), keeping its record; then refuses more', async () => {
    const incident = await declared();
    const down = { ...write(DIRECTOR), reason: '火情已扑灭,现场清理完毕' };
    for (const a of [COMMANDER, LIAISON, ADMIN, VIEWER]) {
      await refused(send(`/api/v1/incidents/${incident.id}/stand-down`, { ...down, key: randomUUID(), actor: a }), 403, 'forbidden_role');
    }
    await refused(send(`/api/v1/incidents/${incident.id}/stand-down`, { ...down, reason: '' }), 400, 'bad_request');
    const r = await send(`/api/v1/incidents/${incident.id}/stand-down`, down);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const saved = IncidentSaved.parse(r.body);
    expect(saved.incident).toMatchObject({ ...incident, state: 'stood_down', stoodDownAt: expect.any(Number), version: 2 });
    expect(saved.incident.stoodDownAt).toBeGreaterThanOrEqual(incident.declaredAt);
    expect(saved.entry).toMatchObject({ id: down.key, kind: 'stood_down', text: down.reason, actor: DIRECTOR });
    await live.next('changed', (m) => m.collection === 'incidents');
    expect(await send(`/api/v1/incidents/${incident.id}/stand-down`, down)).toEqual(r);
    await refused(send(`/api/v1/incidents/${incident.id}/stand-down`, { ...down, key: randomUUID() }), 422, 'already_stood_down');
    await refused(send(`/api/v1/incidents/${incident.id}/log`, log(DIRECTOR, { kind: 'note', text: '补记' })), 422, 'stood_down');
    await refused(send(`/api/v1/incidents/${randomUUID()}/stand-down`, { ...down, key: randomUUID() }), 404, 'not_found');
    expect((await pull('incidents')).find((i) => i.id === incident.id)).toEqual(saved.incident);
    const record = (await pull('incident_log')).filter((l) => l.incidentId === incident.id).map((l) => l.kind);
    expect(record).toEqual(['declared', 'stood_down']);
  });
});

describe('work orders refuse roles that may not act on them', () => {
  it('answers 403 to administrators and viewers on event actions and intake, changing nothing', async () => {
    const { id } = await hub.reportEvent();
    const event = (await hub.store.event(id))!;
    for (const a of [ADMIN, VIEWER]) {
      await refused(
        send(`/api/v1/events/${id}/actions`, { ...write(a), action: 'accept', reason: null, payload: {}, expectedVersion: event.version }),
        403, 'forbidden_role',
      );
      await refused(
        send('/api/v1/events', {
          ...write(a), title: '井盖缺失', category: 'missing_manhole_cover', severity: 3, gridCode: unit.code, position: unit.center,
          address: '测试路', description: '', source: 'manual',
        }),
        403, 'forbidden_role',
      );
    }
    expect(await hub.store.event(id)).toEqual(event);
    // The commander still may.
    const ok = await send(`/api/v1/events/${id}/actions`, { ...write(COMMANDER), action: 'accept', reason: null, payload: {}, expectedVersion: event.version });
    expect(ok.status).toBe(200);
  });
});
