// The seat's role switch in the top bar, as the end-to-end tests use it.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Switches the seat's role and waits until the console runs under it. */
export async function switchSeatRole(page: Page, role: string): Promise<void> {
  await page.locator('[data-test=seat-role]').selectOption(role);
  await expect.poll(() => page.locator('[data-test=seat]').getAttribute('data-role'), { timeout: 10_000 }).toBe(role);
}
