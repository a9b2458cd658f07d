// The video wall end to end: the test RTSP server, a hub whose cameras point at it, a browser seat and
// Debian's Chromium showing the console and the wall page `/wall/1`. A grid's cameras go on the wall from
// the grid card, a camera is dragged from the camera list onto a tile, the wall plays, two tiles on one
// camera share one relay, the cameras drop and come back without a click, a dead camera says so, and a
// preset survives a seat restart. Screenshots (zh-CN, en) of the wall page and the console's wall tab.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../hub/server';
import { SeatClient } from '../integration/api-client';
import { startRtspCameras, type RtspCameras } from '../support/rtsp-cameras';
import { videoCounty } from '../support/video-county';
import { launchChromium, openWatchedPage, type WatchedPage } from './browser';
import { startSeat, waitForCounty, type RunningSeat } from './seat';

const SHOTS = join(import.meta.dirname, '..', '..', 'test-results');

let cams: RtspCameras;
let hub: Hub;
let dataDir: string;
let seat: RunningSeat;
let api: SeatClient;
let browser: Browser;
let consoleView: WatchedPage;
let wallView: WatchedPage;
const watched: WatchedPage[] = [];
/** Cameras 0–3 play from the RTSP server; camera 4 points at a port nothing listens on. */
let ids: string[] = [];
let presetId = '';

interface Tile {
  cameraId: string;
  state: string;
  currentTime: number;
  framesDecoded: number;
}

/** What each playing tile of the page reports (renderer/src/video/probe.ts). */
const probeTiles = (page: Page): Promise<Tile[]> =>
  page.evaluate(`(window.__watchfloorVideo?.tiles() ?? []).map((t) => ({
    cameraId: t.cameraId, state: t.state, currentTime: t.currentTime, framesDecoded: t.framesDecoded }))`) as Promise<Tile[]>;

/** The state each tile of the wall shows, in tile order ('empty' for a tile without a camera). */
const tileStates = (page: Page): Promise<string[]> =>
  page.locator('[data-test=wall-tile] [data-test=video-tile]').evaluateAll((els) => els.map((e) => e.getAttribute('data-state') ?? ''));

/** Waits until every tile on `cameraIds` is live and its picture moves on: time advances, frames decode. */
async function expectPlaying(page: Page, cameraIds: readonly string[], timeout = 60_000): Promise<void> {
  // Each poll answers what is still wrong, so a failure names the tiles.
  await expect.poll(async () => {
    const tiles = await probeTiles(page);
    return cameraIds.filter((id) => !tiles.some((t) => t.cameraId === id && t.state === 'live' && t.currentTime > 0))
      .map((id) => ({ id, tiles: tiles.filter((t) => t.cameraId === id) }));
  }, { timeout, interval: 500 }).toEqual([]);
  const before = await probeTiles(page);
  await expect.poll(async () => {
    const now = await probeTiles(page);
    return now.filter((t, i) => !(t.currentTime > (before[i]?.currentTime ?? Infinity) + 1 && t.framesDecoded > (before[i]?.framesDecoded ?? Infinity) + 10))
      .map((t, i) => ({ now: t, before: before[i] }));
  }, { timeout: 45_000, interval: 500 }).toEqual([]);
}

async function openSeatPages(): Promise<void> {
  api = await SeatClient.open(seat.origin, seat.token);
  // Wide enough for the English top bar: a click there must not scroll the console sideways.
  consoleView = await openWatchedPage(browser, { width: 1600, height: 900 });
  wallView = await openWatchedPage(browser);
  watched.push(consoleView, wallView);
  await consoleView.page.goto(seat.url);
  await wallView.page.goto(`${seat.origin}/wall/1?token=${encodeURIComponent(seat.token)}`);
  await wallView.page.locator('[data-test=wall-grid][data-wall="1"]').waitFor({ timeout: 60_000 });
}

async function closeSeatPages(): Promise<void> {
  api?.close();
  await consoleView?.page.context().close();
  await wallView?.page.context().close();
}

const wallTab = (page: Page) => page.locator('[data-test=tab-wall]:visible');
const miniTile = (page: Page, tile: number) => page.locator(`[data-test=wall-panel] [data-test=wall-tile][data-tile="${tile}"]`);

beforeAll(async () => {
  // A key frame every second: a tile starts (and restarts) within a second of its camera.
  cams = await startRtspCameras({ gop: 25 });
  const county = videoCounty(cams.port, { size: { villages: 1, unitsPerVillage: 5, buildingsPerUnit: 1 }, sub: 'none', deadCameras: [4] });
  ids = county.cameras.map((c) => c.id);
  hub = await startHub({ port: 0, dataDir: null, county, eventIntervalMs: 600_000, historyEvents: 0 });
  dataDir = mkdtempSync(join(tmpdir(), 'watchfloor-e2e-wall-'));
  seat = await startSeat({ hubUrl: hub.url, dataDir });
  await waitForCounty(seat);
  browser = await launchChromium();
  await openSeatPages();
});

afterAll(async () => {
  api?.close();
  await browser?.close();
  await seat?.close();
  await hub?.close();
  await cams?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the video wall', () => {
  it("puts a grid's cameras on the wall from the grid card, and the wall page plays them", async () => {
    const page = consoleView.page;
    await page.locator('[data-test=tab-grids]:visible').click();
    const town = page.locator('[data-test=grid-tree] li[data-level=town] > [data-test=grid-row]').first();
    await town.locator('button.name').click();
    const put = page.locator('[data-test=grid-detail] [data-test=put-on-wall-button]');
    // Five cameras in the town, four tiles on the wall: the first four go up.
    await expect.poll(() => put.textContent(), { timeout: 30_000 }).toMatch(/5/);
    await put.click();
    await expect.poll(() => page.locator('[data-test=put-on-wall-done]').count(), { timeout: 20_000 }).toBe(1);
    expect((await api.call('wall.get', { wallId: 1 })).tiles).toEqual(ids.slice(0, 4));

    await expectPlaying(wallView.page, ids.slice(0, 4));
    expect(await tileStates(wallView.page)).toEqual(['live', 'live', 'live', 'live']);
  });

  it('takes a camera dragged from the camera list onto a tile; two tiles on one camera share one relay', async () => {
    const page = consoleView.page;
    await wallTab(page).click();
    await expect.poll(() => miniTile(page, 1).getAttribute('data-camera'), { timeout: 20_000 }).toBe(ids[1]);
    await page.locator(`[data-test=wall-camera][data-camera="${ids[0]}"]`).dragTo(miniTile(page, 1));
    await expect.poll(() => miniTile(page, 1).getAttribute('data-camera'), { timeout: 20_000 }).toBe(ids[0]);
    // The console's mini wall stops playing once the tab is left: only the wall page watches now.
    await page.locator('[data-test=tab-grids]:visible').click();

    await expect.poll(async () => (await probeTiles(wallView.page)).filter((t) => t.cameraId === ids[0] && t.state === 'live').length, { timeout: 30_000 }).toBe(2);
    const relays = (await api.call('video.relays', {})).filter((r) => r.cameraId === ids[0]);
    expect(relays).toHaveLength(1);
    expect(relays[0]!.viewers).toBeGreaterThanOrEqual(2);
    expect(relays[0]!.pid).not.toBeNull();
  });

  it('saves the wall as a preset', async () => {
    const page = consoleView.page;
    await wallTab(page).click();
    await page.locator('[data-test=wall-view-presets]').click();
    await page.locator('[data-test=wall-preset-name]').fill('早班四画面');
    await page.locator('[data-test=wall-preset-save]').click();
    const row = page.locator('[data-test=wall-preset]', { hasText: '早班四画面' });
    await row.waitFor({ timeout: 20_000 });
    presetId = (await row.getAttribute('data-preset')) ?? '';
    const presets = await api.call('wall.presets', {});
    expect(presets.find((p) => p.id === presetId)).toMatchObject({ name: '早班四画面', layout: { kind: '4' }, tiles: [ids[0], ids[0], ids[2], ids[3]] });
    await page.locator('[data-test=tab-grids]:visible').click();
  });

  it('shows no signal when the cameras drop, and plays again without a click when they return', async () => {
    const wall = wallView.page;
    await cams.kill();
    await expect.poll(() => tileStates(wall), { timeout: 45_000, interval: 500 })
      .toEqual(Array.from({ length: 4 }, () => expect.stringMatching(/^(reconnecting|no_signal)$/)));
    expect(await wall.locator('[data-test=video-state]').first().textContent()).toMatch(/重连中|无信号/);

    await cams.restart();
    await expectPlaying(wall, [ids[0]!, ids[2]!, ids[3]!], 90_000);
    expect(await tileStates(wall)).toEqual(['live', 'live', 'live', 'live']);
  });

  it('says why a camera that cannot be reached shows no picture', async () => {
    await api.call('wall.assign', { wallId: 1, tile: 3, cameraId: ids[4]! });
    const tile = wallView.page.locator('[data-test=wall-tile][data-tile="3"] [data-test=video-tile]');
    await expect.poll(() => tile.getAttribute('data-state'), { timeout: 45_000, interval: 500 }).toMatch(/^(no_signal|error)$/);
    const overlay = tile.locator('[data-test=video-state]');
    expect(await overlay.locator('.big').textContent()).toMatch(/无信号|错误/);
    expect((await overlay.locator('.small').textContent())?.trim().length).toBeGreaterThan(0);
    // The other tiles play on.
    expect((await tileStates(wallView.page)).slice(0, 3)).toEqual(['live', 'live', 'live']);
  });

  it('keeps the preset through a seat restart and restores the wall from it', async () => {
    for (const w of [consoleView, wallView]) {
      expect(w.outside).toEqual([]);
      expect(w.errors).toEqual([]);
    }
    await closeSeatPages();
    await seat.close();
    seat = await startSeat({ hubUrl: hub.url, dataDir });
    await waitForCounty(seat);
    await openSeatPages();
    expect((await api.call('wall.presets', {})).map((p) => p.id)).toContain(presetId);

    await api.call('wall.setLayout', { wallId: 1, layout: { kind: '1', cols: 1, rows: 1 } });
    await expect.poll(() => wallView.page.locator('[data-test=wall-tile]').count(), { timeout: 20_000 }).toBe(1);

    const page = consoleView.page;
    await wallTab(page).click();
    await page.locator('[data-test=wall-view-presets]').click();
    await page.locator(`[data-test=wall-preset][data-preset="${presetId}"] [data-test=wall-preset-apply]`).click();
    await expect.poll(() => wallView.page.locator('[data-test=wall-preset]').textContent(), { timeout: 20_000 }).toContain('早班四画面');
    expect(await wallView.page.locator('[data-test=wall-tile]').evaluateAll((els) => els.map((e) => e.getAttribute('data-camera'))))
      .toEqual([ids[0], ids[0], ids[2], ids[3]]);
    await page.locator('[data-test=tab-grids]:visible').click();
    await expectPlaying(wallView.page, [ids[0]!, ids[2]!, ids[3]!]);
  });

  it('draws the wall page and the wall tab in Chinese and in English', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const page = consoleView.page;
    await wallTab(page).click();
    for (const locale of ['zh-CN', 'en'] as const) {
      if (locale === 'en') {
        await page.locator('[data-test=lang]').click();
        await wallView.page.evaluate("localStorage.setItem('watchfloor.locale', 'en')");
        await wallView.page.reload();
        await expectPlaying(wallView.page, [ids[0]!, ids[2]!, ids[3]!]);
      }
      const title = locale === 'en' ? 'Video wall 1' : '视频墙 1';
      expect(await wallView.page.locator('.bar .name').textContent()).toBe(title);
      expect(await page.locator('[data-test=wall-select] option:checked').textContent()).toBe(title);
      await wallView.page.screenshot({ path: join(SHOTS, `video-wall-page-${locale}.png`) });
      await page.screenshot({ path: join(SHOTS, `video-wall-console-${locale}.png`) });
    }
    for (const w of watched) {
      expect(w.outside).toEqual([]);
      expect(w.errors).toEqual([]);
    }
  });
});
