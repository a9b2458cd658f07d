import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../store/test-fixtures.js';
import { resolveStatic, serveStatic } from './static-files.js';

let tmp: ReturnType<typeof tempDir>;
let server: Server;
let base: string;

beforeAll(async () => {
  tmp = tempDir();
  const root = join(tmp.dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  mkdirSync(join(root, 'cesium', 'Workers'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index-abc123.css'), 'body{}');
  writeFileSync(join(root, 'cesium', 'Workers', 'draco.wasm'), Buffer.from([0, 97, 115, 109]));
  writeFileSync(join(root, 'model.glb'), 'glTF');
  writeFileSync(join(root, 'tex.ktx2'), 'ktx');
  writeFileSync(join(tmp.dir, 'secret.txt'), 'do not serve');
  server = createServer((req, res) => void serveStatic(root, req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  tmp.remove();
});

describe('serveStatic', () => {
  it.each([
    ['/', 'text/html; charset=utf-8', 'no-cache'],
    ['/assets/index-abc123.js', 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable'],
    ['/assets/index-abc123.css', 'text/css; charset=utf-8', 'public, max-age=31536000, immutable'],
    ['/cesium/Workers/draco.wasm', 'application/wasm', 'no-cache'],
    ['/model.glb', 'model/gltf-binary', 'no-cache'],
    ['/tex.ktx2', 'image/ktx2', 'no-cache'],
  ])('serves %s as %s', async (path, type, cache) => {
    const res = await fetch(base + path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('cache-control')).toBe(cache);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('falls back to the app for client routes, with the query string ignored', async () => {
    for (const path of ['/wall/1', '/console?token=abc', '/grids/321023100/']) {
      const res = await fetch(base + path);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain('<title>app</title>');
    }
  });

  it('answers 404 for a missing asset, not the app', async () => {
    const res = await fetch(`${base}/assets/missing.js`);
    expect(res.status).toBe(404);
  });

  it('never leaves its root', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await fetch(base + path);
      expect(res.status, path).not.toBe(200);
    }
    expect(resolveStatic('/srv/r', '/%2e%2e/secret.txt')).toEqual({ kind: 'reject', status: 404 });
    expect(resolveStatic('/srv/r', '/%zz')).toEqual({ kind: 'reject', status: 400 });
    expect(resolveStatic('/srv/r', '/a%00.js')).toEqual({ kind: 'reject', status: 400 });
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await fetch(`${base}/assets/index-abc123.js`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('14');
    expect((await fetch(base, { method: 'POST' })).status).toBe(405);
  });
});
