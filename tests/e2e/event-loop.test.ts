// The closed event loop in the browser seat: a reported AI video alert (from the demo hub) is accepted,
// dispatched with the suggested department, started, handled, verified, evaluated and archived, role
// switching between commander and department liaison on the way; bad input is refused with a clear error
// and changes nothing; the map shows the events and the dashboard draws; an event is registered by hand and
// the duty director edits the responsibility list. One seat, one browser, in order.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { startHub, type Hub } from '../../hub/server';
import { launchChromium, openWatchedPage, waitForMap, type PageGlobals, type WatchedPage } from './browser';
import { switchSeatRole } from './seat-role';
import { decodePng, pixelStats } from './png';
import { startSeat, waitForCounty, type RunningSeat } from './seat';

let hub: Hub;
let seat: RunningSeat;
let browser: Browser;
let watched: WatchedPage;
let page: Page;
/** The work order this file takes round the loop. */
let eventId = '';

const SHOTS = process.env.WATCHFLOOR_SHOTS ?? '/tmp';
const probe = <T>(fn: (p: NonNullable<PageGlobals['__watchfloorMap']>) => T): Promise<T> =>
  page.evaluate(`(${fn.toString()})(window.__watchfloorMap)`) as Promise<T>;

const detail = () => page.locator('[data-test=event-detail]');
const stateOf = () => detail().getAttribute('data-state');

/** Presses an action button and waits until the hub's answer has moved the event to `to`. */
async function act(action: string, to: string, input?: { reason?: string; rating?: number }): Promise<void> {
  await detail().locator(`[data-test=action-${action}]`).click();
  if (input) {
    const confirm = detail().locator('[data-test=action-confirm]');
    if (input.reason !== undefined) {
      // The confirm button waits for the reason.
      expect(await confirm.isDisabled()).toBe(true);
      await detail().locator('[data-test=action-reason]').fill(input.reason);
    }
    if (input.rating !== undefined) {
      expect(await confirm.isDisabled()).toBe(true);
      await detail().locator(`[data-test=rating-${input.rating}]`).click();
    }
    await confirm.click();
  }
  await expect.poll(stateOf, { timeout: 30_000 }).toBe(to);
  expect(await detail().locator('[data-test=action-error]').count()).toBe(0);
}

/** Switches the seat's role and waits until the console runs under it. */
const switchRole = (role: string): Promise<void> => switchSeatRole(page, role);

beforeAll(async () => {
  // The demo hub, reporting a new event every 1.5 s (instead of 20 s) so an AI alert comes in soon.
  hub = await startHub({ port: 0, eventIntervalMs: 1500 });
  seat = await startSeat({ hubUrl: hub.url });
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
  await hub?.close();
});

describe('the closed event loop', () => {
  it('lists work orders and draws the open ones on the map', async () => {
    const rows = page.locator('[data-test=event-list] [data-test=event-row]');
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBeGreaterThan(5);
    await expect.poll(() => probe((p) => p.counts().events ?? 0), { timeout: 30_000 }).toBeGreaterThan(5);
    expect(await page.locator('[data-test=seat]').getAttribute('data-role')).toBe('duty_commander');
    await page.screenshot({ path: `${SHOTS}/watchfloor-events-zh.png` });
  });

  it('finds a reported AI video alert and opens it with its snapshot, flying the map to it', async () => {
    await page.locator('[data-test=filter-state]').selectOption('reported');
    await page.locator('[data-test=filter-source]').selectOption('ai_video');
    const rows = page.locator('[data-test=event-list] [data-test=event-row]');
    await expect.poll(async () => {
      const states = await rows.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-state')}/${e.getAttribute('data-source')}`));
      return states.length > 0 && states.every((s) => s === 'reported/ai_video');
    }, { timeout: 60_000, message: 'a reported AI video alert in the list' }).toBe(true);
    const row = rows.first();
    eventId = (await row.getAttribute('data-id'))!;
    await row.locator('button.open').click();

    await expect.poll(() => detail().getAttribute('data-id')).toBe(eventId);
    await expect.poll(stateOf, { timeout: 20_000 }).toBe('reported');
    expect(await detail().locator('[data-test=info-source]').textContent()).toBe('AI视频告警');
    expect((await detail().locator('[data-test=info-camera]').textContent())?.trim().length).toBeGreaterThan(0);
    // The snapshot is a real image the browser decoded.
    const snapshot = detail().locator('[data-test=snapshot]');
    await expect.poll(() => snapshot.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth).catch(() => 0), { timeout: 20_000 }).toBeGreaterThan(0);
    // The map flew there: the selected marker sits in the open part of the map.
    await expect.poll(async () => {
      const at = (await page.evaluate(`window.__watchfloorMap.markerScreenPosition('event', ${JSON.stringify(eventId)})`)) as { x: number; y: number } | null;
      return at !== null && at.x > 400 && at.x < 1600 - 480 && at.y > 80 && at.y < 900;
    }, { timeout: 20_000 }).toBe(true);
    await page.locator('[data-test=filter-source]').selectOption('');
    await page.locator('[data-test=filter-state]').selectOption('');
  });

  it('takes it from accept to archive, each step stamped on the timeline', async () => {
    await act('accept', 'accepted');

    // Bad input first: a deadline in the past is refused by the station with a clear reason; nothing changes.
    const version = await detail().getAttribute('data-version');
    await expect.poll(() => detail().locator('[data-test=dispatch-suggestion]').textContent(), { timeout: 20_000 }).toContain('智能派单建议');
    const suggested = await detail().locator('[data-test=dispatch-deadline]').inputValue();
    expect(suggested).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    await detail().locator('[data-test=dispatch-deadline]').fill('2020-01-01T08:00');
    await detail().locator('[data-test=action-dispatch]').click();
    const error = detail().locator('[data-test=action-error]');
    await expect.poll(() => error.getAttribute('data-code'), { timeout: 20_000 }).toBe('bad_payload');
    expect(await error.textContent()).toMatch(/操作未执行/);
    expect(await stateOf()).toBe('accepted');
    expect(await detail().getAttribute('data-version')).toBe(version);

    // One click with the suggestion as the router gave it.
    await detail().locator('[data-test=dispatch-deadline]').fill(suggested);
    const department = await detail().locator('[data-test=dispatch-department]').inputValue();
    expect(department.length).toBeGreaterThan(0);
    await act('dispatch', 'dispatched');
    expect(await detail().locator('[data-test=info-department]').textContent()).not.toBe('—');
    expect(await detail().locator('[data-test=countdown]').getAttribute('data-state')).toMatch(/ok|warning/);

    await switchRole('department_liaison');
    // The liaison sees the liaison's buttons, not the commander's.
    expect(await detail().locator('[data-test=action-archive]').count()).toBe(0);
    await act('start', 'in_progress');
    await act('feedback', 'handled', { reason: '已到现场清理完毕，恢复原状。' });

    await switchRole('duty_commander');
    await act('verify', 'verified');
    await act('evaluate', 'evaluated', { rating: 4 });
    await page.screenshot({ path: `${SHOTS}/watchfloor-detail-zh.png` });
    await act('archive', 'archived');

    const steps = await detail().locator('[data-test=timeline-item]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(steps.slice(-7)).toEqual(['accept', 'dispatch', 'start', 'feedback', 'verify', 'evaluate', 'archive']);
    const timeline = await detail().locator('[data-test=timeline]').textContent();
    expect(timeline).toContain('部门联络员');
    expect(timeline).toContain('值班长');
    expect(timeline).toContain('已到现场清理完毕');
    expect(await detail().locator('[data-test=event-actions]').textContent()).toContain('无可执行操作');
    // Archived work leaves the map.
    await expect.poll(() => probe((p) => p.eventIds()).then((ids) => ids.includes(eventId)), { timeout: 30_000 }).toBe(false);
    // No write of this seat is left pending or rejected.
    await expect.poll(() => page.locator('[data-test=outbox-entry]').count(), { timeout: 20_000 }).toBe(0);
  });

  it('opens the dashboard, draws its charts and exports the bulletin', async () => {
    await page.locator('[data-test=stats-toggle]').click();
    const dash = page.locator('[data-test=dashboard]');
    await expect.poll(() => dash.locator('[data-test=stat-intake] .value').textContent(), { timeout: 20_000 }).toMatch(/\d/);
    await page.locator('[data-test=range-month]').click();
    await expect.poll(() => dash.locator('[data-test=stat-closureRate] .value').textContent(), { timeout: 20_000 }).toMatch(/%/);
    const chart = dash.locator('[data-test=chart-department]');
    await expect.poll(() => chart.locator('canvas').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const stats = pixelStats(decodePng(await chart.screenshot()));
    expect(stats.differentShare).toBeGreaterThan(0.01);
    await page.screenshot({ path: `${SHOTS}/watchfloor-dashboard-zh.png` });

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), dash.locator('[data-test=export-bulletin]').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');

    await page.locator('[data-test=lang]').click();
    await expect.poll(() => dash.locator('figcaption').first().textContent()).toBe('Resolved at level');
    await page.screenshot({ path: `${SHOTS}/watchfloor-dashboard-en.png` });
    await page.locator('[data-test=stats-toggle]').click();
    await page.screenshot({ path: `${SHOTS}/watchfloor-detail-en.png` });
    await page.locator('[data-test=lang]').click();
  });

  it('opens a work order when its marker is clicked on the map', async () => {
    // Fly to an open work order from the list, close its card, then find it again on the map.
    const row = page.locator('[data-test=event-list] [data-test=event-row]').first();
    const id = (await row.getAttribute('data-id'))!;
    await row.locator('button.open').click();
    await expect.poll(() => detail().getAttribute('data-id')).toBe(id);
    await page.locator('[data-test=event-detail] .close').click();
    await expect.poll(() => detail().count()).toBe(0);
    let at: { x: number; y: number } | null = null;
    await expect.poll(async () => {
      at = (await page.evaluate(`window.__watchfloorMap.markerScreenPosition('event', ${JSON.stringify(id)})`)) as { x: number; y: number } | null;
      return at !== null && at.x > 420 && at.x < 1580 && at.y > 90 && at.y < 880;
    }, { timeout: 20_000 }).toBe(true);
    await page.mouse.click(at!.x, at!.y);
    await expect.poll(() => detail().getAttribute('data-id'), { timeout: 20_000 }).toBe(id);
  });

  it('registers an event by hand (事件登记): a missing title keeps submit disabled; the new one opens and is listed as manual', async () => {
    await page.locator('[data-test=intake-open]').click();
    const form = page.locator('[data-test=intake-form]');
    const submit = form.locator('[data-test=intake-submit]');
    expect(await submit.isDisabled()).toBe(true);
    expect(await form.locator('[data-test=intake-missing]').textContent()).toContain('标题');
    // Everything but the title: still refused, and the form says what is missing.
    const category = await form.locator('[data-test=intake-category] optgroup option').first().getAttribute('value');
    await form.locator('[data-test=intake-category]').selectOption(category!);
    await form.locator('[data-test=intake-severity]').selectOption('3');
    await form.locator('[data-test=intake-grid-search]').fill('321023100003');
    await form.locator('[data-test=intake-grid-find]').click();
    await form.locator('[data-test=intake-grid-option]').first().click();
    await expect.poll(() => form.locator('[data-test=intake-grid]').getAttribute('data-code')).toMatch(/^321023100003/);
    await form.locator('[data-test=intake-address]').fill('安宜镇叶挺路与白田路交叉口');
    await form.locator('[data-test=intake-description]').fill('群众来电反映路口占道经营，影响通行。');
    expect(await submit.isDisabled()).toBe(true);
    expect(await form.locator('[data-test=intake-missing]').textContent()).toBe('请填写：标题');
    const title = `手工登记测试 ${Date.now()}`;
    await form.locator('[data-test=intake-title]').fill(title);
    expect(await submit.isDisabled()).toBe(false);
    expect(await form.locator('[data-test=intake-missing]').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/watchfloor-intake-zh.png` });
    await page.locator('[data-test=lang]').click();
    await expect.poll(() => submit.textContent()).toBe('Register');
    await page.screenshot({ path: `${SHOTS}/watchfloor-intake-en.png` });
    await page.locator('[data-test=lang]').click();

    await submit.click();
    // The hub's answer opens the new work order; the form closes.
    await expect.poll(() => detail().locator('h2.title').textContent().catch(() => ''), { timeout: 30_000 }).toContain(title);
    expect(await form.count()).toBe(0);
    expect(await stateOf()).toBe('reported');
    expect(await detail().locator('[data-test=info-source]').textContent()).toBe('手工登记');
    await page.locator('[data-test=filter-source]').selectOption('manual');
    const row = page.locator('[data-test=event-list] [data-test=event-row]', { hasText: title });
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    expect(await row.getAttribute('data-source')).toBe('manual');
    expect(await row.getAttribute('data-state')).toBe('reported');
    expect(await row.textContent()).toContain('手工登记');
    await page.locator('[data-test=filter-source]').selectOption('');
  });

  it('shows the responsibility list read-only to a commander and lets the duty director edit a row', async () => {
    await page.locator('[data-test=stats-toggle]').click();
    await page.locator('[data-test=duties-toggle]').click();
    const list = page.locator('[data-test=responsibility-list]');
    await expect.poll(() => list.locator('[data-test=duty-row]').count(), { timeout: 20_000 }).toBeGreaterThan(10);
    expect(await list.getAttribute('data-editable')).toBe('false');
    expect(await list.locator('[data-test=duty-save]').count()).toBe(0);

    await switchRole('duty_director');
    await expect.poll(() => list.getAttribute('data-editable')).toBe('true');
    const row = list.locator('[data-test=duty-row]').first();
    const key = (await row.getAttribute('data-key'))!;
    const save = row.locator('[data-test=duty-save]');
    expect(await save.isDisabled()).toBe(true);
    await row.locator('[data-test=duty-hours]').fill('0');
    expect(await save.isDisabled()).toBe(true);
    await row.locator('[data-test=duty-hours]').fill('7');
    const options = await row.locator('[data-test=duty-department] option').evaluateAll((els) => els.map((e) => e.getAttribute('value')));
    const current = await row.locator('[data-test=duty-department]').inputValue();
    const next = options.find((o) => o !== current)!;
    await row.locator('[data-test=duty-department]').selectOption(next);
    expect(await save.isDisabled()).toBe(false);
    await page.screenshot({ path: `${SHOTS}/watchfloor-duties-zh.png` });
    await save.click();
    await expect.poll(() => row.locator('[data-test=duty-saved]').count(), { timeout: 20_000 }).toBe(1);
    // The saved row is the list's own now (back from the station), not a draft.
    const same = list.locator(`[data-test=duty-row][data-key="${key}"]`);
    expect(await same.locator('[data-test=duty-hours]').inputValue()).toBe('7');
    expect(await same.locator('[data-test=duty-department]').inputValue()).toBe(next);
    await page.locator('[data-test=lang]').click();
    await expect.poll(() => page.locator('[data-test=duties-note]').textContent()).toContain('Duty director');
    await page.screenshot({ path: `${SHOTS}/watchfloor-duties-en.png` });
    await page.locator('[data-test=lang]').click();

    await switchRole('duty_commander');
    await page.locator('[data-test=duties-toggle]').click();
    await page.locator('[data-test=stats-toggle]').click();
    await expect.poll(() => page.locator('[data-test=dashboard]').count()).toBe(0);
  });

  it('sends no request beyond 127.0.0.1 and throws no page error', () => {
    expect(watched.outside).toEqual([]);
    expect(watched.errors).toEqual([]);
  });
});
