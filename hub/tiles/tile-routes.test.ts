// The hub's imagery tiles over real HTTP: valid PNGs of the county (land inside the outline, water where
// the lake is, transparent outside), 404 outside the county or its zooms, 400/405 for bad requests.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lonLatToTileXY } from '../../native/tiles/tile-math.js';
import { fixtureCounty } from '../test-fixture.js';
import { readPng } from './test-png.js';
import { tileRoutes } from './tile-routes.js';

const county = fixtureCounty();
let server: Server;
let base: string;

beforeAll(async () => {
  const routes = tileRoutes({
    county,
    sendError: (res, status, code, message) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code, message } })),
  });
  server = createServer((req, res) => {
    if (!routes.handle(req, res, new URL(req.url ?? '/', 'http://hub'))) res.writeHead(418).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The tile holding a point, and the pixel the point falls on. */
function tileAt(lonLat: [number, number], z: number): { path: string; px: number; py: number } {
  const [x, y] = lonLatToTileXY(lonLat, z);
  return { path: `/api/v1/tiles/${z}/${Math.floor(x)}/${Math.floor(y)}.png`, px: Math.floor((x % 1) * 256), py: Math.floor((y % 1) * 256) };
}

function pixel(png: ReturnType<typeof readPng>, x: number, y: number): number[] {
  const i = (y * png.width + x) * 4;
  return [...png.rgba.subarray(i, i + 4)];
}

describe('hub tiles', () => {
  it('draws the county as a valid 256×256 PNG: land, water, transparent beyond the outline', async () => {
    // The fixture county is 0.004° square from 119.36 E, 33.24 N; its lake sits at 40–45 % of it.
    const lake = tileAt([119.36 + 0.004 * 0.425, 33.24 + 0.004 * 0.425], 16);
    const res = await fetch(base + lake.path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = readPng(Buffer.from(await res.arrayBuffer()));
    expect(png).toMatchObject({ width: 256, height: 256, chunks: ['IHDR', 'IDAT', 'IEND'] });
    const water = pixel(png, lake.px, lake.py);
    expect(water[3]).toBe(255);
    expect(water[2]!).toBeGreaterThan(water[0]! + 40);

    const land = tileAt([119.36 + 0.004 * 0.1, 33.24 + 0.004 * 0.1], 16);
    const landPng = readPng(Buffer.from(await (await fetch(base + land.path)).arrayBuffer()));
    expect(pixel(landPng, land.px, land.py)).toEqual([12, 22, 38, 255]);

    // At z14 a tile is ~2 km wide and the county 400 m: most of it lies beyond the outline, left transparent.
    const wide = readPng(Buffer.from(await (await fetch(base + tileAt([119.362, 33.242], 14).path)).arrayBuffer()));
    const alphas = Array.from({ length: 256 * 256 }, (_, i) => wide.rgba[i * 4 + 3]!);
    expect(alphas.filter((a) => a === 0).length).toBeGreaterThan(256 * 128);
    expect(alphas.filter((a) => a === 255).length).toBeGreaterThan(100);
  });

  it('answers HEAD without a body and the same tile twice alike', async () => {
    const t = tileAt([119.362, 33.242], 14);
    const head = await fetch(base + t.path, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const a = Buffer.from(await (await fetch(base + t.path)).arrayBuffer());
    const b = Buffer.from(await (await fetch(base + t.path)).arrayBuffer());
    expect(a.equals(b)).toBe(true);
    expect(Number(head.headers.get('content-length'))).toBe(a.length);
  });

  it.each([
    ['/api/v1/tiles/14/0/0.png', 404, 'not_found'],
    [tileAt([119.362, 33.242], 17).path, 404, 'not_found'],
    [tileAt([119.362, 33.242], 7).path, 404, 'not_found'],
    ['/api/v1/tiles/14/abc/1.png', 400, 'bad_request'],
    ['/api/v1/tiles/2/9/0.png', 400, 'bad_request'],
  ])('answers %s with %i', async (path, status, code) => {
    const res = await fetch(base + path);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error: { code } });
  });

  it('refuses writes', async () => {
    const res = await fetch(`${base}${tileAt([119.362, 33.242], 14).path}`, { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });

  it('leaves other paths to the rest of the hub', async () => {
    expect((await fetch(`${base}/api/v1/info`)).status).toBe(418);
  });
});

describe('hub tiles without a county outline', () => {
  it('answers 404 for every tile instead of failing the hub', async () => {
    const routes = tileRoutes({
      county: { ...county, grids: county.grids.filter((g) => g.level !== 'county') },
      sendError: (res, status) => res.writeHead(status).end(),
    });
    expect(routes.renderer).toBeNull();
    const bare = createServer((req, res) => void routes.handle(req, res, new URL(req.url ?? '/', 'http://hub')));
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(bare.address() as AddressInfo).port}${tileAt([119.362, 33.242], 14).path}`);
      expect(res.status).toBe(404);
    } finally {
      await new Promise<void>((resolve) => bare.close(() => resolve()));
    }
  });
});
