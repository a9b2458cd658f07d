import { EventEmitter } from 'node:events';
import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { guardWebContents, isAppUrl } from './navigation-guard.js';

const BUILT = 'watchfloor://app/index.html';
const DEV = 'http://localhost:5173/';

describe('isAppUrl', () => {
  it.each([
    ['watchfloor://app/index.html#/grid/321023100003', BUILT, true],
    ['watchfloor://app/cesium/Workers/createVerticesFromHeightmap.js', BUILT, true],
    ['watchfloor://other/index.html', BUILT, false],
    ['watchfloor://app.evil.example/index.html', BUILT, false],
    ['file:///etc/passwd', BUILT, false],
    ['https://example.com/', BUILT, false],
    ['http://localhost:5173/?x=1', DEV, true],
    ['http://localhost:5174/', DEV, false],
    ['https://localhost:5173/', DEV, false],
    ['http://127.0.0.1:5173/', DEV, false],
    ['javascript:alert(1)', BUILT, false],
    ['not a url', BUILT, false],
    ['', BUILT, false],
    ['file:///x', 'file:///index.html', false],
  ])('%s against %s → %s', (url, app, expected) => {
    expect(isAppUrl(url, app)).toBe(expected);
  });
});

/** A WebContents stand-in that records handlers and can emit Electron's events. */
function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  const contents = Object.assign(emitter, {
    setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h),
  });
  const event = () => ({ preventDefault: vi.fn() });
  return { contents: contents as unknown as WebContents, emitter, event, open: (url: string) => openHandler?.({ url }) };
}

describe('guardWebContents', () => {
  it('allows the app’s own pages and refuses every other navigation, redirect, popup and webview', () => {
    const f = fakeContents();
    const log = vi.fn();
    guardWebContents(f.contents, BUILT, log);

    const own = f.event();
    f.emitter.emit('will-navigate', own, 'watchfloor://app/index.html');
    expect(own.preventDefault).not.toHaveBeenCalled();

    for (const name of ['will-navigate', 'will-redirect']) {
      const away = f.event();
      f.emitter.emit(name, away, 'https://evil.example/');
      expect(away.preventDefault).toHaveBeenCalledOnce();
    }
    expect(f.open('watchfloor://app/index.html')).toEqual({ action: 'deny' });
    expect(f.open('https://example.com')).toEqual({ action: 'deny' });

    const webview = f.event();
    f.emitter.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalledOnce();
    expect(log).toHaveBeenCalledTimes(5);
  });
});
