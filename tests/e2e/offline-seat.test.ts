// The browser seat when the link to the county platform fails (issue 5): the offline banner says since
// when and how many writes wait, the link light counts them; after the heal, a write the hub refused
// because another seat got there first is one click away, with what happened meanwhile. zh-CN, then en.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../hub/server';
import type { GridEvent } from '../../native/api/model';
import { HubClient } from '../../native/sync/hub-client';
import { SeatClient } from '../integration/api-client';
import { FaultProxy } from '../support/fault-proxy';
import { launchChromium, openWatchedPage, type WatchedPage } from './browser';
import { startSeat, waitForCounty, type RunningSeat } from './seat';

let hub: Hub;
let proxy: FaultProxy;
let seat: RunningSeat;
let api: SeatClient;
let browser: Browser;
let watched: WatchedPage;
let page: Page;
let contested: GridEvent;
/** Paths the seat answered 404: map tiles it has not cached answer so while offline, by design. */
const notFound: string[] = [];

const SHOTS = process.env.WATCHFLOOR_SHOTS ?? 'test-results';
const OTHER_SEAT = '二号席值班长';
const banner = () => page.locator('[data-test=offline-banner]');

async function intake(n: number): Promise<void> {
  const { collectionItems } = await api.call('lists.get', {});
  await api.call('events.create', {
    title: `断网登记 ${n}`, category: collectionItems[0]!.category, severity: 2, gridCode: contested.gridCode, position: contested.position,
  });
}

async function goOffline(): Promise<void> {
  proxy.cut();
  await banner().and(page.locator('[data-mode=offline]')).waitFor({ timeout: 30_000 });
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // The hub changes only when the test says: no timed events, no simulated field work.
  hub = await startHub({ port: 0, eventIntervalMs: 3_600_000, fieldIntervalMs: 3_600_000, historyEvents: 100 });
  proxy = await FaultProxy.start({ port: Number(new URL(hub.url).port) });
  seat = await startSeat({ hubUrl: proxy.url });
  await waitForCounty(seat);
  api = await SeatClient.open(seat.origin, seat.token);
  browser = await launchChromium();
  watched = await openWatchedPage(browser, { width: 1600, height: 900 });
  page = watched.page;
  page.on('response', (r) => {
    if (r.status() === 404) notFound.push(new URL(r.url()).pathname);
  });
  await page.goto(seat.url);
  await page.locator('[data-test=link][data-state=online]').waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  api?.close();
  await browser?.close();
  await seat?.close();
  await proxy?.close();
  await hub?.close();
});

describe('the seat offline', () => {
  it('shows since when it is offline and how many writes wait (zh-CN)', async () => {
    expect(await banner().count()).toBe(0);
    const { items } = await api.call('events.list', { states: ['reported'], limit: 1 });
    contested = items[0]!;
    const cutAt = Date.now();
    await goOffline();
    expect(await page.locator('[data-test=link]').getAttribute('data-state')).toBe('offline');
    // Accept a work order and register two events while offline: all three wait in the outbox.
    await api.call('events.transition', { eventId: contested.id, action: 'accept', expectedVersion: contested.version, reason: null, payload: {} });
    await intake(1);
    await intake(2);
    await page.locator('[data-test=offline-pending][data-count="3"]').waitFor({ timeout: 10_000 });
    // Offline the banner carries the count; the light keeps to its state.
    expect(await page.locator('[data-test=link-pending]').count()).toBe(0);
    expect(await banner().innerText()).toContain('3 条操作待发送');
    const since = await page.locator('[data-test=offline-since]').innerText();
    const hhmm = new Date(cutAt).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false });
    expect(since).toContain(hhmm);
    await page.screenshot({ path: `${SHOTS}/offline-seat-zh-CN.png` });
  });

  it('after the heal, sends what waited and shows the refused write with what happened meanwhile', async () => {
    // Another seat accepted the same work order at the platform while this one was cut off.
    const other = await new HubClient(hub.url).postAction(contested.id, {
      key: randomUUID(), action: 'accept', actor: { role: 'duty_commander', name: OTHER_SEAT, seat: 'seat-2' },
      reason: null, payload: {}, clientAt: Date.now(), expectedVersion: contested.version,
    });
    expect(other.kind).toBe('ok');
    await proxy.heal();
    await page.locator('[data-test=link][data-state=online]').waitFor({ timeout: 30_000 });
    const rejectedChip = page.locator('[data-test=link-rejected]');
    await rejectedChip.waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('[data-test=link-pending]').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => banner().count(), { timeout: 30_000 }).toBe(0);
    await rejectedChip.click();
    const entry = page.locator('[data-test=outbox-entry][data-state=rejected]');
    await entry.waitFor({ timeout: 10_000 });
    const meanwhile = entry.locator('[data-test=outbox-meanwhile]');
    await meanwhile.waitFor({ timeout: 10_000 });
    expect(await meanwhile.innerText()).toContain(OTHER_SEAT);
    expect(await meanwhile.innerText()).toContain('期间发生');
    await page.screenshot({ path: `${SHOTS}/offline-conflict-zh-CN.png` });
  });

  it('says the same in English', async () => {
    await page.locator('[data-test=lang]').click();
    await goOffline();
    await intake(3);
    await page.locator('[data-test=offline-pending][data-count="1"]').waitFor({ timeout: 10_000 });
    const text = await banner().innerText();
    expect(text).toContain('OFFLINE');
    expect(text).toContain('1 write waiting to be sent');
    expect(text).toContain('1 rejected');
    expect(await page.locator('[data-test=outbox-meanwhile]').innerText()).toContain('Meanwhile');
    await page.screenshot({ path: `${SHOTS}/offline-seat-en.png` });
  });

  it('shows the catch-up after the outage with its progress, then clears the banner (zh-CN)', async () => {
    await page.locator('[data-test=lang]').click();
    // The platform takes in 300 events while the seat is still cut off.
    for (let i = 0; i < 6; i++) await Promise.all(Array.from({ length: 50 }, () => hub.reportEvent()));
    await proxy.heal();
    // A slow link (every chunk 400 ms late each way) stretches the catch-up's sixteen pulls over seconds.
    proxy.delay(400);
    const catchUp = page.locator('[data-test=offline-banner][data-mode=catchup]');
    await catchUp.waitFor({ timeout: 30_000 });
    expect(await catchUp.innerText()).toContain('正在补齐离线期间的变更');
    await page.screenshot({ path: `${SHOTS}/offline-catchup-zh-CN.png` });
    const percent = Number((await page.locator('[data-test=catchup-percent]').innerText()).replace('%', ''));
    expect(percent).toBeGreaterThanOrEqual(0);
    expect(percent).toBeLessThan(100);
    proxy.delay(0);
    await expect.poll(() => banner().count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => page.locator('[data-test=link-pending]').count(), { timeout: 30_000 }).toBe(0);
  });

  it('sends no request beyond 127.0.0.1 and throws no page error', () => {
    expect(watched.outside).toEqual([]);
    expect(notFound.filter((p) => !p.startsWith('/tiles/'))).toEqual([]);
    expect(watched.errors.filter((e) => !/status of 404/.test(e) || notFound.length === 0)).toEqual([]);
  });
});
