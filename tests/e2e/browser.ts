// Debian's Chromium under playwright-core for end-to-end tests and the map benchmark: headless, WebGL
// through SwiftShader, nothing phoning home, and a record of every request that leaves 127.0.0.1.
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
  '--ignore-gpu-blocklist',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--no-first-run',
  '--disable-quic',
  '--no-sandbox',
  '--enable-precise-memory-info',
  '--js-flags=--expose-gc',
];

export async function launchChromium(): Promise<Browser> {
  // launch() gives every run a fresh temporary profile.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: chromiumArgs });
}

export interface WatchedPage {
  page: Page;
  /** URLs requested anywhere but 127.0.0.1 (data: and blob: URLs are local by nature). */
  outside: string[];
  /** Uncaught page errors and console errors (a CSP violation shows up here). */
  errors: string[];
}

const LOCAL = /^(https?|wss?):\/\/127\.0\.0\.1(:\d+)?\//;

export async function openWatchedPage(browser: Browser, viewport = { width: 1280, height: 720 }): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  const outside: string[] = [];
  const errors: string[] = [];
  const check = (url: string): void => {
    if (!LOCAL.test(url) && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
  };
  page.on('request', (r) => check(r.url()));
  page.on('websocket', (ws) => check(ws.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return { page, outside, errors };
}

/** The map probe the renderer sets on `window.__watchfloorMap` (renderer/src/map/probe.ts), as tests see it. */
export interface MapProbe {
  ready: boolean;
  firstFrameMs: number | null;
  globeMs: number | null;
  readyMs: number | null;
  workerPositions(): Array<{ id: string; lon: number; lat: number }>;
  eventIds(): string[];
  counts(): Record<string, number>;
  markerScreenPosition(kind: 'camera' | 'worker' | 'event', id: string): { x: number; y: number } | null;
  benchWorkerUpdate(): number;
}

/** The page's global object as these tests use it (this project compiles without the DOM library). */
export type PageGlobals = typeof globalThis & { __watchfloorMap?: MapProbe };

/** Waits until the map probe says every layer is drawn. */
export async function waitForMap(page: Page, timeoutMs = 150_000): Promise<void> {
  await page.waitForFunction(() => (globalThis as PageGlobals).__watchfloorMap?.ready === true, null, { timeout: timeoutMs, polling: 250 });
}

