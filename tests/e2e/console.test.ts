// The console end to end: a real browser seat (station + embedded demo hub) and Debian's Chromium.
// One seat, one browser and one page serve every test here, in order, to keep the run short.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openWatchedPage, waitForMap, type PageGlobals, type WatchedPage } from './browser';
import { decodePng, pixelStats } from './png';
import { startSeat, waitForCounty, type Healthz, type RunningSeat } from './seat';

let seat: RunningSeat;
let county: Healthz;
let browser: Browser;
let watched: WatchedPage;
let page: Page;

const probe = <T>(fn: (p: NonNullable<PageGlobals['__watchfloorMap']>) => T): Promise<T> =>
  page.evaluate(`(${fn.toString()})(window.__watchfloorMap)`) as Promise<T>;

beforeAll(async () => {
  seat = await startSeat();
  county = await waitForCounty(seat);
  browser = await launchChromium();
  watched = await openWatchedPage(browser);
  page = watched.page;
  await page.goto(seat.url);
  await waitForMap(page);
  // The work orders open first; these tests are about the grid tree beside them.
  await page.locator('[data-test=event-panel] [data-test=tab-grids]').click();
});

afterAll(async () => {
  await browser?.close();
  await seat?.close();
});

describe('the console', () => {
  it('draws the 3D city with every layer the cache holds', async () => {
    const counts = await probe((p) => p.counts());
    expect(counts.buildings).toBe(county.counts.buildings);
    expect(counts.cameras).toBe(county.counts.cameras);
    expect(counts.workers).toBe(county.counts.workers);
    expect(counts.townLines).toBeGreaterThanOrEqual(15);

    // The map area right of the grid panel: not one flat colour but a drawn city.
    const shot = await page.screenshot({ clip: { x: 400, y: 90, width: 860, height: 520 } });
    const stats = pixelStats(decodePng(shot));
    expect(stats.distinct).toBeGreaterThan(200);
    expect(stats.differentShare).toBeGreaterThan(0.03);
  });

  it('lists the 15 town-level units under the county in the grid tree', async () => {
    const towns = page.locator('[data-test=grid-tree] li[data-level=town] > [data-test=grid-row]');
    await expect.poll(() => towns.count(), { timeout: 20_000 }).toBe(15);
    const names = await towns.locator('.label').allTextContents();
    expect(names).toContain('安宜镇');
  });

  it('selecting a grid shows its detail and flies there', async () => {
    const row = page.locator('[data-test=grid-tree] li[data-level=town] > [data-test=grid-row]', { hasText: '安宜镇' });
    const code = await row.getAttribute('data-code');
    expect(code).toMatch(/^\d{9}$/);
    await row.locator('button.name').click();
    const detail = page.locator(`[data-test=grid-detail][data-code="${code}"]`);
    await expect.poll(() => detail.locator('[data-test=info-code]').textContent(), { timeout: 20_000 }).toBe(code);
    // A town has villages under it and the county above it.
    expect(Number((await detail.locator('[data-test=info-children]').textContent())?.replace(/\D/g, ''))).toBeGreaterThan(0);
    expect(await detail.locator('[data-test=info-path]').textContent()).toContain('宝应县');
  });

  it('finds a grid by name and by code', async () => {
    const search = page.locator('[data-test=grid-search]');
    await search.fill('安宜');
    const results = page.locator('[data-test=grid-results] [data-test=grid-row]');
    await expect.poll(() => results.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await results.first().locator('.label').textContent()).toContain('安宜');

    const code = await results.first().getAttribute('data-code');
    await search.fill(code!);
    await expect.poll(() => results.first().getAttribute('data-code'), { timeout: 20_000 }).toBe(code);
    await search.fill('');
    await expect.poll(() => page.locator('[data-test=grid-tree]').count(), { timeout: 20_000 }).toBe(1);
  });

  it('moves the worker markers as positions stream in', async () => {
    const first = new Map((await probe((p) => p.workerPositions())).map((w) => [w.id, `${w.lon},${w.lat}`]));
    expect(first.size).toBe(county.counts.workers);
    let moved = 0;
    await expect.poll(async () => {
      const now = await probe((p) => p.workerPositions());
      moved = now.filter((w) => first.get(w.id) !== `${w.lon},${w.lat}`).length;
      return moved;
    }, { timeout: 45_000, interval: 1000 }).toBeGreaterThan(first.size / 10);
  });

  it('opens a detail card when a worker marker is clicked', async () => {
    const target = await probe((p) => {
      // Event markers share the map: pick a worker no event point sits on.
      const events = p.eventIds().map((id) => p.markerScreenPosition('event', id)).filter((e): e is { x: number; y: number } => e !== null);
      const clear = (at: { x: number; y: number }): boolean => events.every((e) => Math.hypot(e.x - at.x, e.y - at.y) > 20);
      const inView = p.workerPositions()
        .map((w) => ({ id: w.id, at: p.markerScreenPosition('worker', w.id) }))
        .filter((w) => w.at && w.at.x > 420 && w.at.x < 860 && w.at.y > 120 && w.at.y < 640 && clear(w.at));
      return inView[Math.floor(inView.length / 2)] ?? null;
    });
    expect(target).not.toBeNull();
    await page.mouse.click(target!.at!.x, target!.at!.y);
    const card = page.locator('[data-test=marker-card]');
    await expect.poll(() => card.getAttribute('data-kind'), { timeout: 20_000 }).toMatch(/worker|camera/);
    expect((await card.locator('.title').textContent())?.trim().length).toBeGreaterThan(0);
  });

  it('switches to English and remembers the choice', async () => {
    const title = page.locator('[data-test=grid-panel] .panel-title');
    expect(await title.textContent()).toBe('网格目录');
    await page.locator('[data-test=lang]').click();
    await expect.poll(() => title.textContent()).toBe('Grids');
    expect(await page.locator('[data-test=link] .state').textContent()).toMatch(/Online|Degraded|Offline/);
    expect(await page.evaluate("[document.documentElement.lang, localStorage.getItem('watchfloor.locale')]")).toEqual(['en', 'en']);
    await page.locator('[data-test=lang]').click();
    await expect.poll(() => title.textContent()).toBe('网格目录');
  });

  it('sends no request beyond 127.0.0.1 and throws no page error', () => {
    expect(watched.outside).toEqual([]);
    expect(watched.errors).toEqual([]);
  });
});
