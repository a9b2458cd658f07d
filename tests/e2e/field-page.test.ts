// The grid worker's field page (/field/ on the hub) end to end, phone-sized in Debian's Chromium with a fake
// camera and microphone: sign-in refused with a wrong PIN then accepted, the idle screen, position sharing
// reaching the hub's simulator, a ring answered, and a group call in which two field pages decode each
// other's video through the real SFU; hang-up leaves nothing on the SFU. Screenshots (zh-CN and en) go to
// /tmp/wf-shots/.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startHub, type Hub } from '../../hub/server';
import { fixtureCounty } from '../../hub/test-fixture';
import { CallClient } from '../../native/calls/call-client';
import { CALLS_PATH, FIELD_PATH, type CallInfo, type CallNotice } from '../../native/calls/protocol';
import { CHROMIUM, chromiumArgs } from './browser';

const SHOTS = '/tmp/wf-shots';
const PHONE = { width: 390, height: 844 };
const county = fixtureCounty();
const [W1, W2] = county.workers;
const pinOf = (w: { phone: string }): string => w.phone.slice(-4);

let hub: Hub;
let browser: Browser;
const contexts: BrowserContext[] = [];
const seats: CallClient[] = [];
const pageErrors: string[] = [];

/** A phone: its own browser context (own sessionStorage), fake media, a position fix near the worker's grid. */
async function phone(position: [number, number]): Promise<Page> {
  const context = await browser.newContext({
    viewport: PHONE, deviceScaleFactor: 1, locale: 'zh-CN', isMobile: true, hasTouch: true,
    permissions: ['geolocation', 'camera', 'microphone'],
    geolocation: { longitude: position[0], latitude: position[1], accuracy: 8 },
  });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${hub.url}${FIELD_PATH}`);
  return page;
}

async function signIn(page: Page, workerId: string, pin: string): Promise<void> {
  await page.fill('[data-test=worker-id]', workerId);
  await page.fill('[data-test=pin]', pin);
  await page.click('[data-test=sign-in-submit]');
}

/** A duty commander's seat, as the station speaks for it: a bare call socket from Node. */
async function seat(seatId: string): Promise<CallClient> {
  const client = new CallClient(new WebSocket(`${hub.url.replace(/^http/, 'ws')}${CALLS_PATH}`));
  seats.push(client);
  await client.request('hello', { as: 'seat', seatId, name: '值班长王', role: 'duty_commander', departmentCode: null });
  return client;
}

function nextNotice(client: CallClient, accept: (n: CallNotice) => boolean): Promise<CallNotice> {
  return new Promise((resolve) => {
    const off = client.onNotice((n) => {
      if (!accept(n)) return;
      off();
      resolve(n);
    });
  });
}

const stateOf = (call: CallInfo, key: string): string | undefined => call.participants.find((p) => p.key === key)?.state;

/** Video frames the page's large remote video has shown (0 without one). */
const remoteFrames = (page: Page): Promise<number> => page.evaluate(
  // A string: this project's tests compile without the DOM library.
  `document.querySelector('[data-test=remote-video]')?.getVideoPlaybackQuality().totalVideoFrames ?? 0`,
) as Promise<number>;

/** Frames the page's MediaSession decoded, by participant key (getStats, through the page's probe). */
const decoded = (page: Page): Promise<Record<string, number>> =>
  page.evaluate('window.__watchfloorField?.framesDecoded() ?? {}') as Promise<Record<string, number>>;

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

beforeAll(async () => {
  if (!existsSync('out/field/index.html')) throw new Error('the field page is not built: run npm run build:field');
  mkdirSync(SHOTS, { recursive: true });
  hub = await startTestHub();
  browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: [...chromiumArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'],
  });
});

afterAll(async () => {
  for (const s of seats) s.close();
  for (const c of contexts) await c.close();
  await browser?.close();
  await hub?.close();
});

function startTestHub(port = 0): Promise<Hub> {
  return startHub({
    port, county, dataDir: null, historyEvents: 0,
    positionIntervalMs: 60_000, eventIntervalMs: 600_000, workerWriteBackMs: 600_000, fieldIntervalMs: 600_000,
  });
}

describe('field page', () => {
  let first: Page;
  let other: Page;

  it('refuses a wrong PIN with a clear message, then signs in and shows the idle screen', async () => {
    first = await phone(W1!.position);
    await expect.poll(() => first.textContent('h1')).toBe('网格员登录');
    await expect.poll(() => first.textContent('.hint')).toContain('演示县 PIN 为手机号后四位');
    await shot(first, 'field-sign-in-zh');

    const wrong = pinOf(W1!) === '0000' ? '1111' : '0000';
    await signIn(first, W1!.id, wrong);
    await first.waitForSelector('[data-test=sign-in-error]');
    expect(await first.textContent('[data-test=sign-in-error]')).toBe('PIN 不正确');
    await shot(first, 'field-wrong-pin-zh');
    // The hub's message is bilingual; each language shows its own half.
    await first.click('[data-test=lang]');
    await expect.poll(() => first.textContent('[data-test=sign-in-error]')).toBe('wrong PIN for this worker');
    expect(await first.textContent('h1')).toBe('Grid worker sign-in');
    await shot(first, 'field-wrong-pin-en');
    await first.click('[data-test=lang]');

    await signIn(first, W1!.id, pinOf(W1!));
    await first.waitForSelector('[data-test=idle]');
    expect(await first.textContent('[data-test=worker-name]')).toBe(W1!.name);
    expect(await first.textContent('[data-test=link-status]')).toContain('在线');
  });

  it('shares the phone\'s position, which the hub then places the worker at', async () => {
    await expect.poll(() => first.textContent('[data-test=last-fix]')).toContain('最近定位');
    await expect.poll(() => {
      const fix = hub.simulator.positions().find((p) => p.id === W1!.id);
      return fix && [fix.position[0], fix.position[1]].map((v) => v.toFixed(5));
    }, { timeout: 10_000 }).toEqual(W1!.position.map((v) => v.toFixed(5)));
    await shot(first, 'field-idle-zh');
  });

  it('switches to English and back', async () => {
    await first.click('[data-test=lang]');
    await expect.poll(() => first.textContent('[data-test=link-status]')).toContain('Online');
    expect(await first.textContent('[data-test=sign-out]')).toBe('Sign out');
    await shot(first, 'field-idle-en');
    await first.click('[data-test=lang]');
    await expect.poll(() => first.textContent('[data-test=sign-out]')).toBe('退出登录');
  });

  it('keeps the sign-in over a reload of the tab', async () => {
    await first.reload();
    await first.waitForSelector('[data-test=idle]');
    expect(await first.textContent('[data-test=worker-name]')).toBe(W1!.name);
  });

  it('rings, answers, and two field pages decode each other\'s video in a group call; hang-up empties the SFU', async () => {
    const second = await phone(W2!.position);
    await signIn(second, W2!.id, pinOf(W2!));
    await second.waitForSelector('[data-test=idle]');

    const commander = await seat('field-e2e-seat');
    const call = await commander.request('call.dial', {
      targets: [{ kind: 'worker', workerId: W1!.id }, { kind: 'worker', workerId: W2!.id }], eventId: null, title: '河道漂浮物核查',
    });
    await first.waitForSelector('[data-test=incoming]');
    expect(await first.textContent('[data-test=caller]')).toBe('值班长王');
    expect(await first.textContent('[data-test=call-title]')).toContain('河道漂浮物核查');
    await shot(first, 'field-incoming-zh');

    const bothJoined = nextNotice(commander, (n) => n.notice === 'call' && n.call.id === call.id
      && stateOf(n.call, `worker:${W1!.id}`) === 'joined' && stateOf(n.call, `worker:${W2!.id}`) === 'joined'
      && n.call.participants.every((p) => p.kind === 'seat' || p.producers.length === 2));
    await first.click('[data-test=answer]');
    await second.waitForSelector('[data-test=incoming]');
    await second.click('[data-test=answer]');
    await bothJoined;

    // The seat sends nothing, so each phone shows the other phone's camera, decoded from the SFU.
    await first.waitForSelector('[data-test=remote-video]', { timeout: 30_000 });
    await second.waitForSelector('[data-test=remote-video]', { timeout: 30_000 });
    const before = await remoteFrames(first);
    await expect.poll(() => remoteFrames(first), { timeout: 30_000 }).toBeGreaterThan(before + 10);
    await expect.poll(() => remoteFrames(second), { timeout: 30_000 }).toBeGreaterThan(10);
    // The same from the receivers' statistics: each phone decodes the other's video, and nothing from the seat.
    await expect.poll(async () => Object.keys(await decoded(first))).toEqual([`worker:${W2!.id}`]);
    const statsBefore = (await decoded(second))[`worker:${W1!.id}`] ?? 0;
    await expect.poll(async () => (await decoded(second))[`worker:${W1!.id}`] ?? 0, { timeout: 30_000 }).toBeGreaterThan(statsBefore + 10);
    expect(hub.calls.stats()).toMatchObject({ transports: 4, producers: 4, consumers: 4 });
    await first.waitForSelector('[data-test=self-preview] video');
    for (const page of [first, second]) expect(await page.locator('[data-test=media-problem]').count()).toBe(0);
    await shot(first, 'field-in-call-zh');

    // Mute pauses the audio producer at the SFU: the hub's call shows it paused.
    const muted = nextNotice(commander, (n) => n.notice === 'call' && n.call.participants.some((p) => p.key === `worker:${W1!.id}` && p.producers.some((x) => x.kind === 'audio' && x.paused)));
    await first.click('[data-test=mute]');
    await muted;
    await expect.poll(() => first.textContent('[data-test=mute]')).toContain('取消静音');

    // Front/back camera: the track is replaced in place, so the other phone keeps decoding.
    await first.click('[data-test=camera]');
    await expect.poll(() => first.textContent('[data-test=camera]')).toContain('后置');
    const afterSwitch = await remoteFrames(second);
    await expect.poll(() => remoteFrames(second), { timeout: 30_000 }).toBeGreaterThan(afterSwitch + 10);
    expect(hub.calls.stats()).toMatchObject({ producers: 4 });

    await first.click('[data-test=lang]');
    await expect.poll(() => first.textContent('[data-test=hang-up]')).toBe('Hang up');
    await shot(first, 'field-in-call-en');
    await first.click('[data-test=lang]');

    // The commander hangs up: both phones say so, and the SFU holds nothing of the call.
    await commander.request('call.leave', { callId: call.id });
    await first.waitForSelector('[data-test=ended]');
    await second.waitForSelector('[data-test=ended]');
    expect(await first.textContent('[data-test=end-reason]')).toBe('对方已挂断');
    await shot(first, 'field-ended-zh');
    await expect.poll(() => hub.calls.stats()).toMatchObject({ transports: 0, producers: 0, consumers: 0 });
    await first.click('[data-test=ended-back]');
    await first.waitForSelector('[data-test=idle]');
  });

  it('declines a call: the seat learns it, the phone says so', async () => {
    const commander = await seat('field-e2e-seat-2');
    const call = await commander.request('call.dial', { targets: [{ kind: 'worker', workerId: W1!.id }], eventId: null, title: '' });
    const over = nextNotice(commander, (n) => n.notice === 'call' && n.call.id === call.id && n.call.endedAt !== null);
    await first.waitForSelector('[data-test=incoming]');
    await first.click('[data-test=decline]');
    expect((await over as Extract<CallNotice, { notice: 'call' }>).call.outcome).toBe('declined');
    await first.waitForSelector('[data-test=ended]');
    expect(await first.textContent('[data-test=end-reason]')).toBe('你已拒绝来电');
  });

  it('gives way when the same worker signs in on another page, instead of taking the identity back', async () => {
    other = await phone(W1!.position);
    await signIn(other, W1!.id, pinOf(W1!));
    await other.waitForSelector('[data-test=idle]');
    await first.waitForSelector('[data-test=sign-in]');
    expect(await first.textContent('[data-test=sign-in-error]')).toBe('此工号已在其他页面登录，本页已退出');
    // The first page signed out (its stored sign-in is gone), so a reload does not take the identity back either.
    await first.reload();
    await first.waitForSelector('[data-test=sign-in]');
    expect(await other.textContent('[data-test=link-status]')).toContain('在线');
  });

  it('says when the hub is gone, reconnects and signs in again by itself once it is back', async () => {
    await hub.close();
    await expect.poll(() => other.textContent('[data-test=link-status]')).toContain('离线');
    hub = await startTestHub(hub.port);
    await expect.poll(() => other.textContent('[data-test=link-status]'), { timeout: 30_000 }).toContain('在线');
    // Signed in on the new hub: it rings this page.
    const commander = await seat('field-e2e-seat-3');
    await commander.request('call.dial', { targets: [{ kind: 'worker', workerId: W1!.id }], eventId: null, title: '' });
    await other.waitForSelector('[data-test=incoming]');
    expect(pageErrors).toEqual([]);
  });
});
