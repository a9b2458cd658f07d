// The hub as the authority over work orders, over real sockets against a real PGlite: actions (applied
// once per key, version-checked, refused by the state machine), manual intake, list edits, snapshots and
// the simulated field.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionName, Actor, GridEvent } from '../native/api/model.js';
import { suggestRoute } from '../native/api/work-order.js';
import {
  ActionApplied, ActionConflict, HubError, IntakeCreated, ResponsibilitySaved, syncPage, type ActionRequest,
} from '../native/sync/hub-protocol.js';
import { DEFAULT_FIELD_RATES, FieldSimulation } from './field.js';
import { SHIPPED_LISTS } from './lists.js';
import { startHub, type Hub } from './server.js';
import { fixtureCounty } from './test-fixture.js';
import { LiveTestClient } from './test-live-client.js';
import { replayTrail } from './test-replay.js';

const county = fixtureCounty();
const HUB_START_TIMEOUT = 60_000;
const COMMANDER: Actor = { role: 'duty_commander', name: '测试值班长', seat: 'seat-test' };
const DIRECTOR: Actor = { role: 'duty_director', name: '测试主任', seat: 'seat-test' };
const LIAISON: Actor = { role: 'department_liaison', name: '测试联络员', seat: null };
const WORKER: Actor = { role: 'grid_worker', name: '测试网格员', seat: null };

let hub: Hub;

beforeAll(async () => {
  hub = await startHub({
    port: 0, county, dataDir: null, historyEvents: 40,
    positionIntervalMs: 60_000, eventIntervalMs: 600_000, workerWriteBackMs: 600_000, fieldIntervalMs: 600_000,
    fieldRates: { startMs: 0, feedbackMs: 0, verifyMs: 0, returnShare: 0, reopenShare: 0 },
  });
}, HUB_START_TIMEOUT);
afterAll(() => hub?.close());

async function post(path: string, body: unknown, method = 'POST'): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${hub.url}${path}`, {
    method, headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

function request(event: GridEvent, action: ActionName, actor: Actor, extra: Partial<ActionRequest> = {}): ActionRequest {
  return { key: randomUUID(), action, actor, reason: null, payload: {}, clientAt: Date.now(), expectedVersion: event.version, ...extra };
}

/** Applies an action that must succeed; resolves to the event after it. */
async function act(event: GridEvent, action: ActionName, actor: Actor, extra: Partial<ActionRequest> = {}): Promise<GridEvent> {
  const r = await post(`/api/v1/events/${event.id}/actions`, request(event, action, actor, extra));
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return ActionApplied.parse(r.body).event;
}

async function freshEvent(): Promise<GridEvent> {
  const { id } = await hub.reportEvent();
  const e = await hub.store.event(id);
  expect(e?.state).toBe('reported');
  return e!;
}

function dispatchPayload(e: GridEvent): Record<string, unknown> {
  const route = suggestRoute(e.category, e.severity, e.level, SHIPPED_LISTS, Date.now())!;
  return { department: route.department, deadlineAt: route.deadlineAt };
}

async function dispatched(): Promise<GridEvent> {
  const e = await act(await freshEvent(), 'accept', COMMANDER);
  return act(e, 'dispatch', COMMANDER, { payload: dispatchPayload(e) });
}

describe('POST /api/v1/events/<id>/actions', () => {
  it('carries an event around the whole loop, announcing each step; the trail replays to the event', async () => {
    const live = await LiveTestClient.connect(hub.url);
    try {
      await live.next('hello');
      let e = await freshEvent();
      const steps: [ActionName, Actor, Partial<ActionRequest>][] = [
        ['accept', COMMANDER, {}],
        ['dispatch', COMMANDER, { payload: dispatchPayload(e) }],
        ['start', LIAISON, {}],
        ['feedback', LIAISON, { reason: '已清理完毕' }],
        ['verify', WORKER, {}],
        ['evaluate', DIRECTOR, { payload: { rating: 5 } }],
        ['archive', COMMANDER, {}],
      ];
      for (const [action, actor, extra] of steps) {
        const before = e.version;
        e = await act(e, action, actor, extra);
        expect(e.version).toBe(before + 1);
        const events = await live.next('changed', (m) => m.collection === 'events');
        const actions = await live.next('changed', (m) => m.collection === 'event_actions');
        expect(actions.seq).toBeGreaterThan(events.seq);
      }
      expect(e.state).toBe('archived');
      expect(e.rating).toBe(5);
      expect(e.closedAt).not.toBeNull();

      const trail = await hub.store.actions(e.id);
      expect(trail.map((a) => a.action)).toEqual(steps.map((s) => s[0]));
      expect(trail.map((a) => a.actor.name)).toEqual(steps.map((s) => s[1].name));
      expect(replayTrail(e, trail)).toEqual(e);
      // What a station pulls: the same event and trail.
      const pulled = syncPage('event_actions').parse(await (await fetch(`${hub.url}/api/v1/sync/event_actions?after=0`)).json());
      expect(pulled.rows.filter((r) => r.data.eventId === e.id).map((r) => r.data)).toEqual(trail);
    } finally {
      await live.close();
    }
  });

  it('applies a key once: a replay answers the same stored result, sequentially and concurrently', async () => {
    const e = await freshEvent();
    const body = request(e, 'accept', COMMANDER);
    const first = await post(`/api/v1/events/${e.id}/actions`, body);
    const again = await post(`/api/v1/events/${e.id}/actions`, body);
    expect(first.status).toBe(200);
    expect(again).toEqual(first);

    const next = ActionApplied.parse(first.body).event;
    const racing = request(next, 'dispatch', COMMANDER, { payload: dispatchPayload(next) });
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(`/api/v1/events/${e.id}/actions`, racing)));
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0]!.status).toBe(200);
    const trail = await hub.store.actions(e.id);
    expect(trail.map((a) => a.action)).toEqual(['accept', 'dispatch']);
    expect((await hub.store.event(e.id))!.version).toBe(3);
    // A late replay of the first key still answers what it answered then, not the event as it is now.
    expect(await post(`/api/v1/events/${e.id}/actions`, body)).toEqual(first);
  });

  it('lets exactly one of two seats win a race on the same version; the other gets 409 with what happened', async () => {
    const e = await dispatched();
    const a = request(e, 'start', LIAISON);
    const b = request(e, 'escalate', COMMANDER, { reason: '需县级协调' });
    const [ra, rb] = await Promise.all([post(`/api/v1/events/${e.id}/actions`, a), post(`/api/v1/events/${e.id}/actions`, b)]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    const [won, lost] = ra.status === 200 ? [ra, rb] : [rb, ra];
    const winner = ActionApplied.parse(won.body);
    const conflict = ActionConflict.parse(lost.body);
    expect(conflict.error.code).toBe('version_conflict');
    expect(conflict.event).toEqual(winner.event);
    expect(conflict.since).toEqual([winner.action]);
    expect(await hub.store.actions(e.id)).toHaveLength(3);
  });

  it('answers a stale version with 409, the current event and every action since', async () => {
    let e = await freshEvent();
    const stale = e;
    e = await act(e, 'accept', COMMANDER);
    e = await act(e, 'supervise', DIRECTOR, { reason: '重点督办' });
    const before = await hub.store.seq();
    const r = await post(`/api/v1/events/${e.id}/actions`, request(stale, 'accept', DIRECTOR));
    expect(r.status).toBe(409);
    const conflict = ActionConflict.parse(r.body);
    expect(conflict.event).toEqual(e);
    expect(conflict.since.map((x) => x.action)).toEqual(['accept', 'supervise']);
    expect(await hub.store.seq()).toBe(before);
  });

  it('refuses what the state machine refuses with 422 and a reason, changing nothing', async () => {
    const e = await act(await freshEvent(), 'accept', COMMANDER);
    const cases: [ActionName, Actor, Partial<ActionRequest>, string][] = [
      ['archive', COMMANDER, {}, 'forbidden_transition'],
      ['accept', COMMANDER, {}, 'forbidden_transition'],
      ['dispatch', LIAISON, { payload: dispatchPayload(e) }, 'forbidden_role'],
      ['escalate', COMMANDER, { reason: '   ' }, 'missing_reason'],
      ['dispatch', COMMANDER, { payload: { department: 'urban_mgmt', deadlineAt: Date.now() - 1000 } }, 'bad_payload'],
      ['dispatch', COMMANDER, { payload: { department: 'no_such_department', deadlineAt: Date.now() + 3_600_000 } }, 'bad_payload'],
      ['merge', COMMANDER, { reason: '重复', payload: { mergedInto: 'EV20000101999999' } }, 'bad_payload'],
      ['evaluate', COMMANDER, { payload: { rating: 9 } }, 'forbidden_transition'],
    ];
    const seq = await hub.store.seq();
    for (const [action, actor, extra, code] of cases) {
      const r = await post(`/api/v1/events/${e.id}/actions`, request(e, action, actor, extra));
      expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(422);
      const err = HubError.parse(r.body);
      expect(err.error.code, action).toBe(code);
      expect(err.error.message.length).toBeGreaterThan(10);
    }
    expect(await hub.store.seq()).toBe(seq);
    expect(await hub.store.event(e.id)).toEqual(e);
    expect(await hub.store.actions(e.id)).toHaveLength(1);
  });

  it('answers bad bodies with 400, unknown events with 404 and other methods with 405', async () => {
    const e = await freshEvent();
    const good = request(e, 'accept', COMMANDER);
    for (const body of [
      'not json',
      {},
      { ...good, key: 'not-a-uuid' },
      { ...good, action: 'approve' },
      { ...good, actor: { role: 'mayor', name: 'x', seat: null } },
      { ...good, expectedVersion: 0 },
      { ...good, payload: [] },
    ]) {
      const r = await post(`/api/v1/events/${e.id}/actions`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(HubError.parse(r.body).error.code).toBe('bad_request');
    }
    expect((await post('/api/v1/events/EV20000101999999/actions', good)).status).toBe(404);
    expect((await fetch(`${hub.url}/api/v1/events/${e.id}/actions`)).status).toBe(405);
    // A key already spent on another event is not a replay.
    const other = await freshEvent();
    await act(other, 'accept', COMMANDER, { key: good.key });
    expect((await post(`/api/v1/events/${e.id}/actions`, good)).status).toBe(400);
    expect((await hub.store.event(e.id))!.version).toBe(1);
  });
});

describe('POST /api/v1/events (manual intake)', () => {
  const unit = county.grids.find((g) => g.level === 'unit')!;
  const body = () => ({
    key: randomUUID(), title: '窨井盖缺失', category: 'missing_manhole_cover', severity: 4, gridCode: unit.code,
    position: unit.center, address: '测试路1号', description: '群众来电反映井盖缺失', source: 'manual',
    reporter: '王女士', actor: COMMANDER, clientAt: Date.now(),
  });

  it('creates a reported event once per key, even when the same key races', async () => {
    const b = body();
    const before = await hub.store.count('events');
    const answers = await Promise.all([post('/api/v1/events', b), post('/api/v1/events', b), post('/api/v1/events', b)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
    const events = answers.map((a) => IntakeCreated.parse(a.body).event);
    for (const ev of events) expect(ev).toEqual(events[0]);
    const e = events[0]!;
    expect(e).toMatchObject({ state: 'reported', source: 'manual', version: 1, category: 'missing_manhole_cover', reporter: '王女士', level: 'town' });
    expect(await hub.store.count('events')).toBe(before + 1);
    expect(await hub.store.event(e.id)).toEqual(e);
  });

  it('refuses an unknown category or grid with 422, and a bad body with 400', async () => {
    const before = await hub.store.count('events');
    const cat = await post('/api/v1/events', { ...body(), category: 'alien_landing' });
    expect(cat.status).toBe(422);
    expect(HubError.parse(cat.body).error.code).toBe('unknown_category');
    const grid = await post('/api/v1/events', { ...body(), gridCode: '999999999999999' });
    expect(grid.status).toBe(422);
    expect(HubError.parse(grid.body).error.code).toBe('unknown_grid');
    for (const bad of [{ ...body(), title: '' }, { ...body(), severity: 7 }, { ...body(), source: 'ai_video' }, { ...body(), key: undefined }]) {
      expect((await post('/api/v1/events', bad)).status).toBe(400);
    }
    expect(await hub.store.count('events')).toBe(before);
  });
});

describe('PUT /api/v1/lists/responsibilities', () => {
  const director = { role: 'duty_director', name: '张主任', seat: 'seat-a' } as const;
  const edit = (responsibility: object, actor: object = director): object => ({ responsibility, actor });

  it('saves an administrator’s edit with a new seq, announces it, and a station pulls it', async () => {
    const live = await LiveTestClient.connect(hub.url);
    try {
      await live.next('hello');
      const row = { category: 'street_vending', level: 'village', department: 'town_enforcement', timeLimitHours: 12 };
      const r = await post('/api/v1/lists/responsibilities', edit(row), 'PUT');
      expect(r.status).toBe(200);
      const saved = ResponsibilitySaved.parse(r.body);
      expect(saved.responsibility).toEqual(row);
      const changed = await live.next('changed', (m) => m.collection === 'responsibilities');
      expect(changed.seq).toBe(saved.seq);
      const page = syncPage('responsibilities').parse(await (await fetch(`${hub.url}/api/v1/sync/responsibilities?after=${saved.seq - 1}`)).json());
      expect(page.rows).toEqual([{ seq: saved.seq, data: row }]);
      const byPath = await post('/api/v1/lists/responsibilities/street_vending/village', edit({ ...row, timeLimitHours: 18 }), 'PUT');
      expect(byPath.status).toBe(200);
      expect(hub.orders.currentLists.responsibilities.find((x) => x.category === 'street_vending' && x.level === 'village')?.timeLimitHours).toBe(18);
    } finally {
      await live.close();
    }
  });

  it('refuses unknown categories and departments with 422, bad bodies and mismatched paths with 400', async () => {
    const seq = await hub.store.seq();
    const row = { category: 'street_vending', level: 'town', department: 'urban_mgmt', timeLimitHours: 24 };
    const cat = await post('/api/v1/lists/responsibilities', edit({ ...row, category: 'nope' }), 'PUT');
    expect([cat.status, HubError.parse(cat.body).error.code]).toEqual([422, 'unknown_category']);
    const dep = await post('/api/v1/lists/responsibilities', edit({ ...row, department: 'nope' }), 'PUT');
    expect([dep.status, HubError.parse(dep.body).error.code]).toEqual([422, 'unknown_department']);
    expect((await post('/api/v1/lists/responsibilities', edit({ ...row, timeLimitHours: -1 }), 'PUT')).status).toBe(400);
    expect((await post('/api/v1/lists/responsibilities', edit({ ...row, level: 'province' }), 'PUT')).status).toBe(400);
    expect((await post('/api/v1/lists/responsibilities/clutter/town', edit(row), 'PUT')).status).toBe(400);
    expect((await post('/api/v1/lists/responsibilities', edit(row), 'POST')).status).toBe(405);
    expect((await post('/api/v1/lists/responsibilities', row, 'PUT')).status).toBe(400);
    expect(await hub.store.seq()).toBe(seq);
  });

  it.each([['duty_commander'], ['department_liaison'], ['viewer']])('refuses a %s with 403 forbidden_role and changes nothing', async (role) => {
    const seq = await hub.store.seq();
    const row = { category: 'street_vending', level: 'town', department: 'urban_mgmt', timeLimitHours: 24 };
    const r = await post('/api/v1/lists/responsibilities', edit(row, { role, name: '某人', seat: 'seat-b' }), 'PUT');
    expect([r.status, HubError.parse(r.body).error.code]).toEqual([403, 'forbidden_role']);
    expect(await hub.store.seq()).toBe(seq);
  });
});

describe('GET /api/v1/snapshots/<id>.svg', () => {
  it('draws an AI alert’s camera frame and has none for other events', async () => {
    let video: GridEvent | null = null;
    let other: GridEvent | null = null;
    for (let i = 0; i < 60 && (!video || !other); i++) {
      const e = await freshEvent();
      if (e.source === 'ai_video') video ??= e;
      else other ??= e;
    }
    expect(video?.snapshot).toBe(`/api/v1/snapshots/${video!.id}.svg`);
    const res = await fetch(`${hub.url}${video!.snapshot}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
    const svg = await res.text();
    const camera = county.cameras.find((c) => c.id === video!.cameraId)!;
    expect(svg).toContain(camera.name);
    expect(svg).toContain('data-role="detection"');
    expect(svg).toMatch(/<svg[^>]*width="640"/);
    expect(svg).toMatch(/占道经营|乱堆物料|违停车辆|垃圾满溢/);
    expect((await fetch(`${hub.url}/api/v1/snapshots/${other!.id}.svg`)).status).toBe(404);
    expect((await fetch(`${hub.url}/api/v1/snapshots/EV20000101999999.svg`)).status).toBe(404);
  });
});

describe('the simulated field', () => {
  it('starts, reports back and verifies dispatched work through the same transition path', async () => {
    const seeded = await hub.store.eventsInStates(['dispatched', 'in_progress', 'handled'], 1000);
    expect(seeded.length).toBeGreaterThan(0);
    const e = await dispatched();
    const states: string[] = [];
    for (let i = 0; i < 3; i++) {
      await hub.fieldTick();
      states.push((await hub.store.event(e.id))!.state);
    }
    expect(states).toEqual(['in_progress', 'handled', 'verified']);
    const trail = await hub.store.actions(e.id);
    expect(trail.slice(2).map((a) => [a.action, a.actor.role])).toEqual([
      ['start', 'department_liaison'], ['feedback', 'department_liaison'], ['verify', 'grid_worker'],
    ]);
    const now = (await hub.store.event(e.id))!;
    expect(replayTrail(now, trail)).toEqual(now);
    // The seeded history's open work stays as the history tells it: the field moves what changed since start.
    const history = seeded.filter((x) => x.reportedAt < Date.now() - 60_000 && x.updatedAt < Date.now() - 60_000);
    expect(history.length).toBeGreaterThan(0);
    for (const x of history) expect(await hub.store.event(x.id)).toEqual(x);
  });

  it('now and then returns work as not theirs, or finds it not done on verification and reopens it', async () => {
    const since = Date.now();
    const picky = new FieldSimulation(hub.store, hub.orders, hub.simulator, { ...DEFAULT_FIELD_RATES, startMs: 0, feedbackMs: 0, verifyMs: 0, returnShare: 1, reopenShare: 1 }, Date.now, 1, since);
    const e = await dispatched();
    await picky.tick();
    const returned = (await hub.store.event(e.id))!;
    expect(returned).toMatchObject({ state: 'returned', department: null });
    const again = await act(returned, 'dispatch', COMMANDER, { payload: dispatchPayload(returned) });
    const handled = await act(await act(again, 'start', LIAISON), 'feedback', LIAISON, { reason: '已处理' });
    await picky.tick();
    expect((await hub.store.event(handled.id))!.state).toBe('reopened');
    const trail = await hub.store.actions(e.id);
    expect(trail.filter((a) => a.action === 'return' || a.action === 'reopen').map((a) => [a.action, a.actor.role, Boolean(a.reason)])).toEqual([
      ['return', 'department_liaison', true], ['reopen', 'grid_worker', true],
    ]);
  });

  it('applies an action in a few milliseconds', () => {
    const times = [...hub.actionApplyMs].sort((a, b) => a - b);
    expect(times.length).toBeGreaterThan(20);
    const median = times[Math.floor(times.length / 2)]!;
    expect(median).toBeLessThan(50);
  });
});
