// Duty and wartime in the browser seat: today's duty director in the top bar; a viewer sees 宣布战时
// disabled with its reason; the duty director declares an incident (the console turns red, the wartime
// grids light up on the map), ticks two plan steps, adds a note, exports the report and stands down — the
// console returns to peacetime and the incident's record is kept; a handover is submitted and acknowledged;
// the operator signs in and out; a department's overdue work order is supervised in one click; the
// administrator edits a day of the roster.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { launchChromium, openWatchedPage, waitForMap, type PageGlobals, type WatchedPage } from './browser';
import { switchSeatRole } from './seat-role';
import { startSeat, waitForCounty, type RunningSeat } from './seat';
import { SeatClient } from '../integration/api-client';

let seat: RunningSeat;
let browser: Browser;
let watched: WatchedPage;
let page: Page;
let incidentId = '';

const SHOTS = process.env.WATCHFLOOR_SHOTS ?? '/tmp';
const NOTE = '现场水位 5.2 米，已转移群众 120 人';
const probe = <T>(fn: (p: NonNullable<PageGlobals['__watchfloorMap']>) => T): Promise<T> =>
  page.evaluate(`(${fn.toString()})(window.__watchfloorMap)`) as Promise<T>;
const mode = () => page.locator('[data-test=console]').getAttribute('data-mode');

/** Switches the seat's role and waits until the console runs under it. */
const switchRole = (role: string): Promise<void> => switchSeatRole(page, role);

beforeAll(async () => {
  seat = await startSeat();
  await waitForCounty(seat);
  browser = await launchChromium();
  watched = await openWatchedPage(browser, { width: 1600, height: 900 });
  page = watched.page;
  await page.goto(seat.url);
  await waitForMap(page);
});

afterAll(async () => {
  await browser?.close();
  await seat?.close();
});

describe('duty directors and wartime', () => {
  it("shows today's duty director and opens the roster with towns and liaisons", async () => {
    await expect.poll(() => page.locator('[data-test=duty-director]').textContent(), { timeout: 30_000 }).toMatch(/\S/);
    await page.locator('[data-test=duty-strip]').click();
    const roster = page.locator('[data-test=roster]');
    await expect.poll(() => roster.locator('[data-test=roster-liaison]').count(), { timeout: 10_000 }).toBeGreaterThan(3);
    expect(await roster.locator('[data-test=roster-county]').textContent()).toMatch(/\d{6,}/);
    await page.screenshot({ path: `${SHOTS}/watchfloor-roster-zh.png` });
    await page.locator('[data-test=duty-strip]').click();
    expect(await roster.count()).toBe(0);
  });

  it('a viewer sees 宣布战时 disabled, with the reason', async () => {
    await switchRole('viewer');
    const declare = page.locator('[data-test=declare-open]');
    expect(await declare.isDisabled()).toBe(true);
    expect(await page.locator('[data-test=declare-why]').textContent()).toContain('只读');
    expect(await declare.getAttribute('title')).toContain('宣布战时');
    await page.screenshot({ path: `${SHOTS}/watchfloor-viewer-zh.png` });
    await switchRole('duty_director');
    expect(await declare.isDisabled()).toBe(false);
    expect(await page.locator('[data-test=declare-why]').count()).toBe(0);
  });

  it('declares an incident: the console turns to wartime with the plan, the wartime grids and the resources', async () => {
    await page.locator('[data-test=declare-open]').click();
    const form = page.locator('[data-test=declare-form]');
    const confirm = form.locator('[data-test=declare-confirm]');
    // No title, no declaration.
    expect(await confirm.isDisabled()).toBe(true);
    await form.locator('[data-test=declare-type]').selectOption('typhoon_flood');
    await form.locator('[data-test=declare-level]').selectOption('2');
    await form.locator('[data-test=declare-title]').fill('宝应湖堤防管涌险情');
    await form.locator('[data-test=declare-radius]').fill('2500');
    expect(await form.locator('[data-test=declare-location]').textContent()).toMatch(/\S/);
    await confirm.click();

    await expect.poll(mode, { timeout: 30_000 }).toBe('wartime');
    const banner = page.locator('[data-test=incident-banner]');
    incidentId = (await banner.getAttribute('data-id'))!;
    expect(await banner.locator('[data-test=incident-title]').textContent()).toBe('宝应湖堤防管涌险情');
    expect(await banner.getAttribute('data-level')).toBe('2');
    await expect.poll(() => page.locator('[data-test=plan-step]').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(6);
    await expect.poll(() => probe((p) => p.counts().wartimeGrids ?? 0), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await page.locator('[data-test=incident-department]').count()).toBeGreaterThan(0);
    const timeline = page.locator('[data-test=incident-timeline] [data-test=timeline-entry]');
    expect(await timeline.first().getAttribute('data-kind')).toBe('declared');
  });

  it('the incident wall shows the nearest cameras, kept as the incident preset; 上墙 puts them back after a change', async () => {
    const api = await SeatClient.open(seat.origin, seat.token);
    try {
      await expect.poll(async () => (await api.call('wall.get', { wallId: 1 })).layout.kind, { timeout: 20_000 }).toBe('9');
      const presets = await api.call('wall.presets', {});
      expect(presets.map((p) => p.name)).toContain('应急·宝应湖堤防管涌险情');
      const wall = await api.call('wall.get', { wallId: 1 });
      const nearest = (await api.call('incident.active', {}))!.cameras.slice(0, 9).map((c) => c.camera.id);
      expect(nearest.length).toBeGreaterThan(0);
      expect(wall.tiles.slice(0, nearest.length)).toEqual(nearest);
      await api.call('wall.setLayout', { wallId: 1, layout: { kind: '1', cols: 1, rows: 1 } });
      await page.locator('[data-test=incident-to-wall]').click();
      await expect.poll(async () => (await api.call('wall.get', { wallId: 1 })).tiles, { timeout: 10_000 }).toEqual(wall.tiles);
    } finally {
      api.close();
    }
  });

  it('ticks two plan steps and adds a note, each on the timeline', async () => {
    const steps = page.locator('[data-test=plan-step]');
    for (const i of [0, 1]) {
      await steps.nth(i).locator('[data-test=plan-tick]').click();
      await expect.poll(() => steps.nth(i).getAttribute('data-done'), { timeout: 30_000 }).toBe('true');
    }
    expect(await page.locator('[data-test=plan-progress]').textContent()).toMatch(/^2\//);
    expect(await steps.nth(2).getAttribute('data-done')).toBe('false');

    await page.locator('[data-test=incident-note]').fill(NOTE);
    await page.locator('[data-test=incident-note-add]').click();
    const timeline = page.locator('[data-test=incident-timeline]');
    await expect.poll(() => timeline.textContent(), { timeout: 30_000 }).toContain(NOTE);
    const kinds = await timeline.locator('[data-test=timeline-entry]').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds.filter((k) => k === 'step_done')).toHaveLength(2);
    await page.screenshot({ path: `${SHOTS}/watchfloor-wartime-zh.png` });
    await page.locator('[data-test=lang]').click();
    await expect.poll(() => page.locator('[data-test=stand-down]').textContent()).toContain('Stand down');
    await page.screenshot({ path: `${SHOTS}/watchfloor-wartime-en.png` });
    await page.locator('[data-test=lang]').click();
  });

  it('exports the incident report as XLSX', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.locator('[data-test=incident-export]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(readFileSync((await download.path())!).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('stands down: peacetime again, and the record is kept with every step', async () => {
    await page.locator('[data-test=stand-down]').click();
    const confirm = page.locator('[data-test=stand-down-confirm]');
    expect(await confirm.isDisabled()).toBe(true);
    await page.locator('[data-test=stand-down-reason]').fill('险情排除，水位回落');
    await confirm.click();
    await expect.poll(mode, { timeout: 30_000 }).toBe('peacetime');
    expect(await page.locator('[data-test=incident-banner]').count()).toBe(0);
    await expect.poll(() => probe((p) => p.counts().wartimeGrids ?? 0), { timeout: 10_000 }).toBe(0);

    await page.locator('[data-test=event-panel] [data-test=tab-duty]').click();
    await page.locator('[data-test=duty-view-incidents]').click();
    const row = page.locator(`[data-test=history-row][data-id="${incidentId}"]`);
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 20_000 }).toBe('stood_down');
    await row.click();
    const record = page.locator('[data-test=record-timeline]');
    await expect.poll(() => record.locator('[data-test=timeline-entry]').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(5);
    const kinds = await record.locator('[data-test=timeline-entry]').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds[0]).toBe('stood_down');
    expect(kinds).toEqual(expect.arrayContaining(['declared', 'step_done', 'note', 'stood_down']));
    expect(await record.textContent()).toContain(NOTE);
    await page.screenshot({ path: `${SHOTS}/watchfloor-record-zh.png` });
    await page.locator('[data-test=record-back]').click();
  });

  it('submits a handover and the incoming director acknowledges it', async () => {
    await page.locator('[data-test=duty-view-handover]').click();
    const view = page.locator('[data-test=handover]');
    await expect.poll(() => view.locator('[data-test=handover-summary] li').count(), { timeout: 20_000 }).toBe(5);
    await view.locator('[data-test=handover-remarks]').fill('堤防险情已解除，请继续关注水位。');
    await view.locator('[data-test=handover-submit]').click();
    const pending = view.locator('[data-test=handover-pending]');
    await expect.poll(() => pending.count(), { timeout: 30_000 }).toBe(1);
    expect(await pending.textContent()).toContain('堤防险情已解除');
    await page.screenshot({ path: `${SHOTS}/watchfloor-handover-zh.png` });
    await pending.locator('[data-test=handover-ack]').click();
    await expect.poll(() => pending.count(), { timeout: 30_000 }).toBe(0);
  });

  it('signs the operator in and out: the name shows in the top bar', async () => {
    await page.locator('[data-test=sign-in]').click();
    await page.locator('[data-test=sign-name]').fill('李值班');
    await page.locator('[data-test=sign-confirm]').click();
    await expect.poll(() => page.locator('[data-test=seat] .name').textContent(), { timeout: 10_000 }).toBe('李值班');
    await page.locator('[data-test=sign-out]').click();
    await expect.poll(() => page.locator('[data-test=sign-in]').count(), { timeout: 10_000 }).toBe(1);
  });

  it('coordination: one click supervises (督办) an overdue work order and the hub stamps it', async () => {
    await page.locator('[data-test=duty-view-coordination]').click();
    const view = page.locator('[data-test=coordination]');
    await expect.poll(() => view.locator('[data-test=coord-supervise]').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const item = view.locator('[data-test=coord-item]', { has: page.locator('[data-test=coord-supervise]') }).first();
    const title = await item.locator('.title').textContent();
    await item.locator('[data-test=coord-supervise]').click();
    // Supervised once the hub took it: the row shows 已督办 instead of the button.
    const row = view.locator('[data-test=coord-item]', { hasText: title ?? '' }).first();
    await expect.poll(() => row.locator('[data-test=coord-supervise]').count(), { timeout: 30_000 }).toBe(0);
    expect(await row.textContent()).toContain('已督办');
  });

  it('the roster: a duty director may not edit it (with the reason); the administrator changes a day and the hub keeps it', async () => {
    await page.locator('[data-test=duty-view-roster]').click();
    const editor = page.locator('[data-test=roster-editor]');
    await expect.poll(() => editor.locator('[data-test=roster-row]').count(), { timeout: 20_000 }).toBe(14);
    expect(await editor.locator('[data-test=roster-edit]').first().isDisabled()).toBe(true);
    expect(await editor.locator('[data-test=roster-why]').textContent()).toContain('系统管理员');
    await switchRole('administrator');
    const day = editor.locator('[data-test=roster-row]').nth(2);
    await day.locator('[data-test=roster-edit]').click();
    await day.locator('[data-test=roster-name]').fill('周建国');
    await day.locator('[data-test=roster-phone]').fill('0514-88123456');
    await day.locator('[data-test=roster-save]').click();
    // The form closes once the station has the write (an error would keep it open and say why).
    await expect.poll(async () => (await day.locator('[data-test=roster-name]').count()) === 0 || (await editor.locator('[data-test=roster-error]').textContent()), { timeout: 10_000 }).toBe(true);
    const date = await day.getAttribute('data-date');
    // The seat's cache takes the roster from the hub only: once it shows the new director, the hub kept it.
    const api = await SeatClient.open(seat.origin, seat.token);
    try {
      await expect.poll(async () => (await api.call('duty.roster', { from: date!, to: date! })).find((r) => r.level === 'county')?.directorName, { timeout: 30_000 }).toBe('周建国');
    } finally {
      api.close();
    }
    await expect.poll(() => editor.locator('[data-test=roster-pending]').count(), { timeout: 10_000 }).toBe(0);
    expect(await day.textContent()).toContain('周建国');
    expect(await day.textContent()).toContain('0514-88123456');
    await page.screenshot({ path: `${SHOTS}/watchfloor-roster-edit-zh.png` });
    await switchRole('duty_director');
  });

  it('sends no request beyond 127.0.0.1 and throws no page error', () => {
    expect(watched.outside).toEqual([]);
    expect(watched.errors).toEqual([]);
  });
});
