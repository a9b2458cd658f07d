// Video dispatch (视频调度) end to end through the real SFU: a duty commander's browser seat, a department
// liaison's browser seat and four grid workers' field pages, each in its own Chromium context with a fake
// camera and microphone. The commander calls the nearest worker from an event and both sides decode each
// other's video; hang-up leaves nothing on the SFU and a row in the call log. Group dispatch rings the three
// nearest workers and the liaison's seat; a worker's link drops and only that worker leaves. A participant goes
// on a wall tile, the seat reloads and the call comes back; bad media requests are refused mid-call; a
// declined call is reported as such.
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHub, type Hub } from '../../hub/server';
import { fixtureCounty } from '../../hub/test-fixture';
import type { Params } from '../../native/api/contract';
import { FIELD_PATH } from '../../native/calls/protocol';
import { ApiError, SeatClient } from '../integration/api-client';
import { CHROMIUM, chromiumArgs, waitForMap } from './browser';
import { startSeat, waitForCounty, type RunningSeat } from './seat';

const SHOTS = '/tmp/wf-shots';
const LIAISON_DEPARTMENT = 'town_grid_center';
const county = fixtureCounty();

let hub: Hub;
let commander: RunningSeat;
let liaisonSeat: RunningSeat;
let api: SeatClient;
let liaisonApi: SeatClient;
let browser: Browser;
let seat: Page;
let liaison: Page;
let selfKey = '';
let eventId = '';
const phones = new Map<string, Page>();
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', permissions: ['camera', 'microphone'] });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return page;
}

/** Frames decoded per participant key, read from the page's receivers (getStats) through its probe. */
const seatFrames = (page: Page): Promise<Record<string, number>> =>
  page.evaluate('window.__watchfloorCalls ? window.__watchfloorCalls.framesDecoded() : {}') as Promise<Record<string, number>>;
const phoneFrames = (page: Page): Promise<Record<string, number>> =>
  page.evaluate('window.__watchfloorField ? window.__watchfloorField.framesDecoded() : {}') as Promise<Record<string, number>>;

/** Waits until `key`'s decoded frames grow past what they were when asked: video really flows now. */
async function decodes(frames: () => Promise<Record<string, number>>, key: string): Promise<void> {
  let first = 0;
  try {
    await expect.poll(async () => (first = (await frames())[key] ?? 0), { timeout: 60_000, interval: 250 }).toBeGreaterThan(0);
    await expect.poll(async () => (await frames())[key] ?? 0, { timeout: 30_000, interval: 250 }).toBeGreaterThan(first);
  } catch (err) {
    throw new Error(`no video decoded from ${key}: frames ${JSON.stringify(await frames())}, SFU ${JSON.stringify(hub.calls.stats())}`, { cause: err });
  }
}

async function answer(phone: Page): Promise<void> {
  await phone.locator('[data-test=incoming]').waitFor({ timeout: 30_000 });
  // The 接听 button pulses; on a loaded machine Playwright may never see it "stable".
  await phone.locator('[data-test=answer]').click({ force: true });
  await phone.locator('[data-test=in-call]').waitFor({ timeout: 30_000 });
}

async function backToIdle(phone: Page): Promise<void> {
  await phone.locator('[data-test=ended]').waitFor({ timeout: 30_000 });
  await phone.locator('[data-test=ended-back]').click();
  await phone.locator('[data-test=idle]').waitFor({ timeout: 10_000 });
}

const sfuEmpty = (): Promise<void> =>
  expect.poll(() => hub.calls.stats(), { timeout: 30_000 }).toMatchObject({ routers: 0, transports: 0, producers: 0, consumers: 0 });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  hub = await startHub({ port: 0, dataDir: null, county, positionIntervalMs: 600_000, eventIntervalMs: 600_000, fieldIntervalMs: 3_600_000, historyEvents: 3 });
  [commander, liaisonSeat] = await Promise.all([startSeat({ hubUrl: hub.url }), startSeat({ hubUrl: hub.url })]);
  await Promise.all([waitForCounty(commander), waitForCounty(liaisonSeat)]);
  api = await SeatClient.open(commander.origin, commander.token);
  liaisonApi = await SeatClient.open(liaisonSeat.origin, liaisonSeat.token);
  await liaisonApi.call('seat.setIdentity', { name: '王联络', role: 'department_liaison', seatId: 'seat-liaison', departmentCode: LIAISON_DEPARTMENT });
  browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: [...chromiumArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'],
  });
  seat = await newPage({ width: 1600, height: 900 });
  liaison = await newPage({ width: 1600, height: 900 });
  await Promise.all([seat.goto(commander.url), liaison.goto(liaisonSeat.url)]);
  for (const worker of county.workers) {
    const phone = await newPage({ width: 390, height: 844 });
    await phone.goto(`${hub.url}${FIELD_PATH}`);
    await phone.fill('[data-test=worker-id]', worker.id);
    await phone.fill('[data-test=pin]', worker.phone.slice(-4));
    await phone.click('[data-test=sign-in-submit]');
    await phone.locator('[data-test=idle]').waitFor({ timeout: 30_000 });
    phones.set(worker.id, phone);
  }
  await waitForMap(seat);
  await vi.waitFor(async () => expect((await api.call('calls.status', {})).available).toBe(true), { timeout: 30_000, interval: 200 });
  selfKey = (await api.call('calls.status', {})).selfKey ?? '';
  const reported = await hub.reportEvent();
  eventId = reported.id;
  await vi.waitFor(async () => expect((await api.call('events.open', { limit: 50 })).some((e) => e.id === eventId)).toBe(true), { timeout: 30_000, interval: 200 });
});

// A failed test must not leave its call ringing or running into the next one.
afterEach(async () => {
  for (const c of (await api.call('calls.status', {})).calls) await api.call('calls.leave', { callId: c.id }).catch(() => undefined);
  for (const phone of phones.values()) {
    if ((await phone.locator('[data-test=ended-back]').count()) > 0) await phone.locator('[data-test=ended-back]').click();
  }
});

afterAll(async () => {
  api?.close();
  liaisonApi?.close();
  await browser?.close();
  await Promise.all([commander?.close(), liaisonSeat?.close()]);
  await hub?.close();
});

describe('video dispatch calls', () => {
  it("calls the event's nearest worker: both sides decode each other's video, hang-up empties the SFU and logs the call", async () => {
    const [nearest] = await api.call('events.nearestWorkers', { id: eventId, limit: 1 });
    const worker = nearest!.worker;
    await seat.locator(`[data-test=event-row][data-id="${eventId}"]`).click({ timeout: 60_000 });
    await seat.locator('[data-test=nearest-workers] li').first().locator('[data-test=call-button]').click();
    const phone = phones.get(worker.id)!;
    await answer(phone);
    await seat.locator('[data-test=call-participant][data-state=joined]').nth(1).waitFor({ timeout: 30_000 });
    await decodes(() => seatFrames(seat), `worker:${worker.id}`);
    await decodes(() => phoneFrames(phone), selfKey);
    expect(hub.calls.stats()).toMatchObject({ routers: 1, transports: 4, producers: 4, consumers: 4 });
    await seat.screenshot({ path: `${SHOTS}/calls-1to1-zh.png` });

    await seat.locator('[data-test=call-hang-up]').click();
    await seat.locator('[data-test=call-panel]').waitFor({ state: 'detached', timeout: 10_000 });
    await backToIdle(phone);
    await sfuEmpty();
    const [row] = await api.call('calls.log', { limit: 1 });
    expect(row).toMatchObject({ eventId, outcome: 'completed' });
    expect(row!.durationS).toBeGreaterThanOrEqual(0);
    expect(row!.participants.find((p) => p.key === `worker:${worker.id}`)).toMatchObject({ state: 'left' });
  });

  it("group dispatch: three workers and a liaison's seat in one participant grid; a worker whose link drops leaves alone", async () => {
    const near = await api.call('events.nearestWorkers', { id: eventId, limit: 3 });
    if ((await seat.locator('[data-test=event-detail]').count()) === 0) await seat.locator(`[data-test=event-row][data-id="${eventId}"]`).click();
    await seat.locator('[data-test=event-detail] [data-test=call-button][data-targets="3"]').click();
    await Promise.all(near.map((n) => answer(phones.get(n.worker.id)!)));
    await seat.locator('[data-test=call-invite]').click();
    await seat.locator('[data-test=call-invite-menu]').waitFor();
    await seat.locator(`[data-test=invite-department][data-code="${LIAISON_DEPARTMENT}"]`).click({ timeout: 30_000 });
    await liaison.locator('[data-test=incoming-call]').waitFor({ timeout: 30_000 });
    await liaison.locator('[data-test=incoming-answer]').click({ force: true });
    await expect.poll(() => seat.locator('[data-test=call-participant][data-state=joined]').count(), { timeout: 30_000 }).toBe(5);
    // Everyone decodes everyone: the commander each worker and the liaison, each worker the commander, the liaison the workers.
    for (const n of near) await decodes(() => seatFrames(seat), `worker:${n.worker.id}`);
    await decodes(() => seatFrames(seat), 'seat:seat-liaison');
    for (const n of near) await decodes(() => phoneFrames(phones.get(n.worker.id)!), selfKey);
    await decodes(() => seatFrames(liaison), `worker:${near[0]!.worker.id}`);

    // The third worker's phone loses its page (and with it the socket and the peer connection).
    const dropped = near[2]!.worker.id;
    const producersBefore = hub.calls.stats().producers;
    await phones.get(dropped)!.context().close();
    phones.delete(dropped);
    await seat.locator(`[data-test=call-participant][data-key="worker:${dropped}"][data-state=left]`).waitFor({ timeout: 30_000 });
    await expect.poll(() => hub.calls.stats().producers, { timeout: 30_000 }).toBe(producersBefore - 2);
    await decodes(() => seatFrames(seat), `worker:${near[0]!.worker.id}`);
    expect((await api.call('calls.status', {})).calls.find((c) => c.endedAt === null)?.participants.find((p) => p.key === `worker:${dropped}`))
      .toMatchObject({ state: 'left', reason: expect.stringContaining('连接中断') });

    await seat.locator('[data-test=call-hang-up]').click();
    await Promise.all(near.slice(0, 2).map((n) => backToIdle(phones.get(n.worker.id)!)));
    await liaison.locator('[data-test=call-panel]').waitFor({ state: 'detached', timeout: 30_000 });
    await sfuEmpty();
  });

  it('a participant on a wall tile; the call survives a seat reload; bad media requests are refused mid-call', async () => {
    const workerId = [...phones.keys()][0]!;
    const phone = phones.get(workerId)!;
    const call = await api.call('calls.dial', { targets: [{ kind: 'worker', workerId }], eventId, title: '现场核查' });
    await answer(phone);
    await decodes(() => seatFrames(seat), `worker:${workerId}`);

    await seat.locator(`[data-test=call-participant][data-key="worker:${workerId}"] [data-test=call-to-wall]`).click();
    await seat.locator('[data-test=call-placed]').waitFor({ timeout: 10_000 });
    const wall = await newPage({ width: 1280, height: 720 });
    await wall.goto(`${commander.origin}/wall/1?token=${encodeURIComponent(commander.token)}`);
    await wall.locator(`[data-test=wall-call-tile][data-key="worker:${workerId}"][data-live=true]`).waitFor({ timeout: 60_000 });
    await decodes(() => seatFrames(wall), `worker:${workerId}`);

    await seat.reload();
    await decodes(() => seatFrames(seat), `worker:${workerId}`);
    await decodes(() => phoneFrames(phone), selfKey);

    // Refused by the station's checks or the hub's, and the call goes on.
    // Deliberately malformed: what a broken or hostile renderer could send.
    const refused = async (request: { method: string; params: unknown }): Promise<string> => {
      try {
        await api.call('calls.sfu', request as unknown as Params<'calls.sfu'>);
      } catch (err) {
        if (err instanceof ApiError) return err.code;
        throw err;
      }
      return 'accepted';
    };
    expect(await refused({ method: 'produce', params: { transportId: 'x', kind: 'video', rtpParameters: { codecs: [] } } })).toBe('bad_params');
    expect(await refused({ method: 'consumer.resume', params: { consumerId: 'not-a-consumer' } })).toBe('not_found');
    expect(await refused({ method: 'launch', params: {} })).toBe('bad_params');
    await decodes(() => seatFrames(seat), `worker:${workerId}`);
    await decodes(() => seatFrames(wall), `worker:${workerId}`);

    await api.call('calls.leave', { callId: call.id });
    await wall.locator('[data-test=wall-call-ended]').waitFor({ timeout: 30_000 });
    await backToIdle(phone);
    await sfuEmpty();
    await wall.close();
  });

  it('a declined call: the seat says so and the log keeps it', async () => {
    const workerId = [...phones.keys()][0]!;
    const phone = phones.get(workerId)!;
    await api.call('calls.dial', { targets: [{ kind: 'worker', workerId }], eventId: null, title: '' });
    await phone.locator('[data-test=incoming]').waitFor({ timeout: 30_000 });
    await phone.locator('[data-test=decline]').click({ force: true });
    await seat.locator('[data-test=call-ended][data-outcome=declined]').waitFor({ timeout: 30_000 });
    await seat.screenshot({ path: `${SHOTS}/calls-declined-zh.png` });
    await backToIdle(phone);
    const [row] = await api.call('calls.log', { limit: 1 });
    expect(row).toMatchObject({ outcome: 'declined', durationS: null });
    await sfuEmpty();
    expect(pageErrors).toEqual([]);
  });
});
