import type { Session } from 'electron';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, installDevCsp } from './csp.js';

const directives = (policy: string) =>
  new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources] as const));

describe('contentSecurityPolicy', () => {
  it('allows only the app itself when built', () => {
    const d = directives(contentSecurityPolicy('watchfloor://app/index.html'));
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'", 'watchfloor://app', "'wasm-unsafe-eval'"]);
    expect(d.get('connect-src')).toEqual(["'self'", 'watchfloor://app', 'data:', 'blob:', 'ws://127.0.0.1:*', 'http://127.0.0.1:*']);
    expect(d.get('img-src')).toEqual(["'self'", 'watchfloor://app', 'data:', 'blob:', 'http://127.0.0.1:*']);
    // MSE players attach a MediaSource through a blob: URL.
    expect(d.get('media-src')).toContain('blob:');
    for (const name of ['object-src', 'frame-src', 'base-uri', 'form-action', 'frame-ancestors']) expect(d.get(name)).toEqual(["'none'"]);
    const all = [...d.values()].flat();
    expect(all).not.toContain("'unsafe-eval'");
    expect(d.get('script-src')).not.toContain("'unsafe-inline'");
    // Loopback tiles only: no other http source.
    expect(all.filter((s) => s.startsWith('http'))).toEqual(['http://127.0.0.1:*', 'http://127.0.0.1:*']);
    // Loopback video sockets only: no other host, no wss:/ws: wildcard.
    expect(all.filter((s) => s.startsWith('ws'))).toEqual(['ws://127.0.0.1:*']);
  });

  it('adds the dev server and its HMR socket in development', () => {
    const d = directives(contentSecurityPolicy('http://localhost:5173/'));
    expect(d.get('script-src')).toContain('http://localhost:5173');
    expect(d.get('connect-src')).toContain('ws://localhost:5173');
    expect(d.get('connect-src')).toContain('ws://127.0.0.1:*');
    expect(d.get('script-src')).not.toContain("'unsafe-inline'");
  });
});

describe('installDevCsp', () => {
  type Listener = (details: { responseHeaders?: Record<string, string[]> }, callback: (r: { responseHeaders?: Record<string, string[]> }) => void) => void;

  function fakeSession() {
    const installed: Array<{ urls: string[]; listener: Listener }> = [];
    const session = { webRequest: { onHeadersReceived: (filter: { urls: string[] }, listener: Listener) => installed.push({ urls: filter.urls, listener }) } };
    return { session: session as unknown as Session, installed };
  }

  it('replaces any CSP the dev server sends with ours, for the dev server only', () => {
    const f = fakeSession();
    expect(installDevCsp(f.session, 'http://localhost:5173/')).toBe(true);
    expect(f.installed).toHaveLength(1);
    expect(f.installed[0]?.urls).toEqual(['http://localhost:5173/*']);
    let headers: Record<string, string[]> | undefined;
    f.installed[0]?.listener({ responseHeaders: { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] } }, (r) => (headers = r.responseHeaders));
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [contentSecurityPolicy('http://localhost:5173/')] });
  });

  it('leaves the built app to the app protocol', () => {
    const f = fakeSession();
    expect(installDevCsp(f.session, 'watchfloor://app/index.html')).toBe(false);
    expect(f.installed).toHaveLength(0);
  });
});
