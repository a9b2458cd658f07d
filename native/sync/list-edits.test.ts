// The responsibility-list edit at the seat: only the duty director may make it, it goes to the hub and the
// cache takes the hub's answer; refused or unreachable, nothing changes.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SeatIdentity } from '../api/contract.js';
import { RefusedError } from '../api/host.js';
import type { Actor, Responsibility } from '../api/model.js';
import { openStore, type Store } from '../store/store.js';
import { fixtureResponsibilities, tempDir, tinyCounty } from '../store/test-fixtures.js';
import { HubError, type HubListWriter } from './hub-client.js';
import { setResponsibility } from './list-edits.js';

let tmp: ReturnType<typeof tempDir>;
let store: Store;
let sent: Array<{ row: Responsibility; actor: Actor }>;

const commander: SeatIdentity = { name: '值班长', role: 'duty_commander', seatId: 's1' };
const director: SeatIdentity = { name: '张主任', role: 'duty_director', seatId: 's1' };
const EDIT: Responsibility = { category: 'street_vending', level: 'village', department: 'town_office', timeLimitHours: 6 };

const savingHub: HubListWriter = {
  putResponsibility: async (row, actor) => {
    sent.push({ row, actor });
    return { kind: 'ok', value: { responsibility: row, seq: 5000 } };
  },
};

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(RefusedError);
  return { code: (err as RefusedError).code, message: (err as RefusedError).message };
}

beforeEach(() => {
  tmp = tempDir();
  store = openStore(join(tmp.dir, 'cache.sqlite'));
  const c = tinyCounty();
  store.applyPage('departments', c.departments.map((data, i) => ({ seq: 1 + i, data })), 100);
  store.applyPage('collection_items', c.collectionItems.map((data, i) => ({ seq: 101 + i, data })), 200);
  store.applyPage('responsibilities', c.responsibilities.map((data, i) => ({ seq: 201 + i, data })), 300);
  sent = [];
});
afterEach(() => {
  store.close();
  tmp.remove();
});

describe('setResponsibility', () => {
  it.each([['duty_commander'], ['department_liaison']] as const)('refuses a %s with forbidden_role and changes nothing', async (role) => {
    const r = await refusal(setResponsibility({ store, hub: savingHub, identity: () => ({ ...commander, role }) }, EDIT));
    expect(r.code).toBe('forbidden_role');
    expect(r.message).toContain('轮值主任');
    expect(sent).toEqual([]);
    expect(store.lists.responsibilities()).toEqual(expect.arrayContaining(fixtureResponsibilities));
    expect(store.lists.responsibilities()).not.toContainEqual(EDIT);
  });

  it("sends a director's edit to the hub, as the acting director, and caches the hub's answer", async () => {
    expect(await setResponsibility({ store, hub: savingHub, identity: () => director }, EDIT)).toEqual(EDIT);
    expect(sent).toEqual([{ row: EDIT, actor: { role: 'duty_director', name: '张主任', seat: 's1' } }]);
    expect(store.lists.responsibilities()).toContainEqual(EDIT);
    expect(store.lists.responsibilities()).toHaveLength(fixtureResponsibilities.length);
  });

  it.each([
    ['an unknown category', { ...EDIT, category: 'ufo' }, /unknown category 'ufo'/],
    ['an unknown department', { ...EDIT, department: 'nasa' }, /unknown department 'nasa'/],
  ])('refuses %s before the hub hears of it', async (_what, row, message) => {
    const r = await refusal(setResponsibility({ store, hub: savingHub, identity: () => director }, row));
    expect(r).toMatchObject({ code: 'bad_params', message: expect.stringMatching(message) });
    expect(sent).toEqual([]);
  });

  it('fails with hub_unreachable when the hub cannot be reached, and changes nothing', async () => {
    const offline: HubListWriter = { putResponsibility: () => Promise.reject(new HubError('hub unreachable: PUT …: ECONNREFUSED')) };
    const r = await refusal(setResponsibility({ store, hub: offline, identity: () => director }, EDIT));
    expect(r.code).toBe('hub_unreachable');
    expect(r.message).toMatch(/not changed/);
    expect(store.lists.responsibilities()).not.toContainEqual(EDIT);
  });

  it("lets an administrator make the same edit (the shared permission table)", async () => {
    const admin: SeatIdentity = { name: '系统管理员', role: 'administrator', seatId: 's9' };
    expect(await setResponsibility({ store, hub: savingHub, identity: () => admin }, EDIT)).toEqual(EDIT);
    expect(sent.map((s) => s.actor.role)).toEqual(['administrator']);
  });

  it("passes on the hub's role refusal as forbidden_role", async () => {
    const refusing: HubListWriter = { putResponsibility: async () => ({ kind: 'refused', status: 403, code: 'forbidden_role', message: '值班长无权修改责任清单' }) };
    const r = await refusal(setResponsibility({ store, hub: refusing, identity: () => director }, EDIT));
    expect(r).toMatchObject({ code: 'forbidden_role', message: expect.stringContaining('值班长无权') });
    expect(store.lists.responsibilities()).not.toContainEqual(EDIT);
  });

  it("passes on the hub's refusal as bad_params with its reason", async () => {
    const refusing: HubListWriter = { putResponsibility: async () => ({ kind: 'refused', status: 422, code: 'unknown_department', message: "Unknown department 'x'." }) };
    const r = await refusal(setResponsibility({ store, hub: refusing, identity: () => director }, EDIT));
    expect(r).toMatchObject({ code: 'bad_params', message: expect.stringContaining('unknown_department') });
    expect(store.lists.responsibilities()).not.toContainEqual(EDIT);
  });
});
