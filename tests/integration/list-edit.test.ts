// An administrator's edit of the responsibility list (部门事件责任清单) over the real wire: a duty commander
// is refused and nothing changes anywhere; the duty director's edit reaches the hub, comes back in
// lists.get, and smart dispatch (lists.route) suggests the new department and deadline at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub } from '../../hub/server.js';
import type { Responsibility } from '../../native/api/model.js';
import { startSeat, type Seat } from '../../native/seat/server.js';
import { tempDir } from '../../native/store/test-fixtures.js';
import { HubClient } from '../../native/sync/hub-client.js';
import { ApiError, SeatClient } from './api-client.js';
import { within } from './wait.js';

type Hub = Awaited<ReturnType<typeof startHub>>;
const TOKEN = 'list-edit-token';
const COUNTY = '321023';
let hub: Hub;
let seat: Seat;
let client: SeatClient;
const dir = tempDir('watchfloor-list-edit-');

/** The hub's own responsibility list, read through its sync API. */
async function hubRows(): Promise<Responsibility[]> {
  const page = await new HubClient(hub.url).page('responsibilities', 0, 1000);
  return page.rows.map((r) => r.data);
}

async function refused(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

beforeAll(async () => {
  hub = await startHub({ port: 0, dataDir: null, positionIntervalMs: 600_000, eventIntervalMs: 600_000, fieldIntervalMs: 3_600_000, historyEvents: 5 });
  seat = await startSeat({ port: 0, hubUrl: hub.url, dataDir: dir.dir, token: TOKEN, pingIntervalMs: 500 });
  await within(seat.station.whenSynced(), 60_000, 'seat synced');
  client = await SeatClient.open(seat.url, TOKEN);
}, 90_000);

afterAll(async () => {
  client?.close();
  await seat?.close();
  await hub?.close();
  dir.remove();
});

describe('editing the responsibility list at a seat', () => {
  it('refuses a duty commander with forbidden_role; nothing changes at the seat or the hub', async () => {
    const before = await client.call('lists.get', {});
    const row = before.responsibilities.find((r) => r.category === 'street_vending' && r.level === 'village')!;
    expect((await client.call('seat.identity', {})).role).toBe('duty_commander');
    const err = await refused(client.call('lists.setResponsibility', { responsibility: { ...row, timeLimitHours: row.timeLimitHours + 1 } }));
    expect(err.code).toBe('forbidden_role');
    expect(err.message).toContain('轮值主任');
    expect((await client.call('lists.get', {})).responsibilities).toEqual(before.responsibilities);
    expect(await hubRows()).toContainEqual(row);
  });

  it("sends the duty director's edit to the hub; lists.get and lists.route show it", async () => {
    await client.call('seat.setIdentity', { name: '张主任', role: 'duty_director', seatId: 'seat-admin' });
    const { responsibilities, departments } = await client.call('lists.get', {});
    const row = responsibilities.find((r) => r.category === 'street_vending' && r.level === 'village')!;
    const other = departments.find((d) => d.code !== row.department)!;
    const edit: Responsibility = { ...row, department: other.code, timeLimitHours: 10 };
    const before = await client.call('lists.route', { category: 'street_vending', severity: 2, gridCode: COUNTY });
    expect(before.department).toBe(row.department);

    expect(await client.call('lists.setResponsibility', { responsibility: edit })).toEqual(edit);
    expect(await hubRows()).toContainEqual(edit);
    expect((await client.call('lists.get', {})).responsibilities).toContainEqual(edit);
    const t0 = Date.now();
    const route = await client.call('lists.route', { category: 'street_vending', severity: 2, gridCode: COUNTY });
    expect(route).toMatchObject({ department: other.code, departmentName: other.name, baseHours: 10, timeLimitHours: 10 });
    expect(route.deadlineAt).toBeGreaterThanOrEqual(t0 + 10 * 3_600_000 - 1000);
    expect(route.deadlineAt).toBeLessThanOrEqual(Date.now() + 10 * 3_600_000 + 1000);
  });

  it("refuses the director's unknown department with a clear error; the list stays as it was", async () => {
    const before = (await client.call('lists.get', {})).responsibilities;
    const row = before[0]!;
    const err = await refused(client.call('lists.setResponsibility', { responsibility: { ...row, department: 'no_such_dept' } }));
    expect(err.code).toBe('bad_params');
    expect(err.message).toContain("unknown department 'no_such_dept'");
    expect((await client.call('lists.get', {})).responsibilities).toEqual(before);
  });
});
