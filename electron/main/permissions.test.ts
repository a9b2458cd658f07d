import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { installPermissionHandlers, isPermissionGranted } from './permissions.js';

const APP = 'watchfloor://app/index.html';

describe('isPermissionGranted', () => {
  it.each([
    ['media', 'watchfloor://app/index.html', true],
    ['fullscreen', 'watchfloor://app/index.html', true],
    ['media', 'watchfloor://app', true],
    ['media', 'https://evil.example/', false],
    ['media', 'watchfloor://elsewhere/', false],
    ['media', undefined, false],
    ['geolocation', 'watchfloor://app/index.html', false],
    ['notifications', 'watchfloor://app/index.html', false],
    ['clipboard-read', 'watchfloor://app/index.html', false],
    ['openExternal', 'watchfloor://app/index.html', false],
  ])('%s from %s → %s', (permission, url, expected) => {
    expect(isPermissionGranted(permission, url, APP)).toBe(expected);
  });
});

describe('installPermissionHandlers', () => {
  type RequestHandler = Parameters<Session['setPermissionRequestHandler']>[0];
  type CheckHandler = Parameters<Session['setPermissionCheckHandler']>[0];
  type DeviceHandler = Parameters<Session['setDevicePermissionHandler']>[0];

  function install() {
    const handlers: { request?: RequestHandler; check?: CheckHandler; device?: DeviceHandler } = {};
    const session = {
      setPermissionRequestHandler: (h: RequestHandler) => (handlers.request = h),
      setPermissionCheckHandler: (h: CheckHandler) => (handlers.check = h),
      setDevicePermissionHandler: (h: DeviceHandler) => (handlers.device = h),
    } as unknown as Session;
    installPermissionHandlers(session, APP, () => undefined);
    return handlers;
  }
  const page = (url: string) => ({ getURL: () => url }) as unknown as WebContents;

  function ask(h: RequestHandler, contents: WebContents | null, permission: string, requestingUrl: string): boolean {
    const callback = vi.fn();
    h?.(contents as WebContents, permission as 'media', callback, { requestingUrl, isMainFrame: true } as never);
    expect(callback).toHaveBeenCalledOnce();
    return callback.mock.calls[0]?.[0] as boolean;
  }

  it('grants camera and microphone to the app’s own page only', () => {
    const h = install();
    expect(ask(h.request ?? null, page(APP), 'media', APP)).toBe(true);
    expect(ask(h.request ?? null, page(APP), 'media', 'https://evil.example/frame')).toBe(false);
    expect(ask(h.request ?? null, page('https://evil.example/'), 'media', APP)).toBe(false);
    expect(ask(h.request ?? null, page(APP), 'geolocation', APP)).toBe(false);
    expect(h.check?.(null, 'media', 'watchfloor://app', {} as never)).toBe(true);
    expect(h.check?.(null, 'media', 'https://evil.example', {} as never)).toBe(false);
    expect(h.device?.({} as never)).toBe(false);
  });
});
