// The app protocol with a mocked `electron.protocol`, serving real files from a temp folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  handlers: new Map<string, (request: { url: string }) => Promise<Response>>(),
  privileged: [] as unknown[],
}));
vi.mock('electron', () => ({
  protocol: {
    handle: (scheme: string, handler: (request: { url: string }) => Promise<Response>) => electron.handlers.set(scheme, handler),
    registerSchemesAsPrivileged: (schemes: unknown[]) => electron.privileged.push(...schemes),
  },
}));

const { registerAppScheme, serveRenderer } = await import('./app-protocol.js');

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'wf-renderer-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>网格指挥台</title>');
  writeFileSync(join(root, 'assets', 'index.js'), 'export {}');
  writeFileSync(join(root, '..', `${root.split('/').pop()}-secret.txt`), 'secret');
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(join(root, '..', `${root.split('/').pop()}-secret.txt`), { force: true });
});

describe('app protocol', () => {
  it('registers watchfloor: as a standard, secure scheme with fetch support', () => {
    registerAppScheme();
    expect(electron.privileged).toEqual([
      { scheme: 'watchfloor', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) },
    ]);
  });

  it('serves the built renderer with its type and the CSP header, and nothing outside it', async () => {
    serveRenderer(root, "default-src 'none'");
    const handle = electron.handlers.get('watchfloor');
    if (!handle) throw new Error('no handler');

    const page = await handle({ url: 'watchfloor://app/' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(await page.text()).toContain('网格指挥台');

    const script = await handle({ url: 'watchfloor://app/assets/index.js' });
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');

    // The wall page is the app.
    const wall = await handle({ url: 'watchfloor://app/wall/2' });
    expect(wall.status).toBe(200);
    expect(wall.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(await wall.text()).toContain('网格指挥台');
    expect((await handle({ url: 'watchfloor://app/wall/x' })).status).toBe(404);

    expect((await handle({ url: 'watchfloor://app/missing.js' })).status).toBe(404);
    expect((await handle({ url: 'watchfloor://app/assets' })).status).toBe(404); // a folder
    const escape = `watchfloor://app/..%2f${root.split('/').pop()}-secret.txt`;
    expect((await handle({ url: escape })).status).toBe(404);
  });
});
