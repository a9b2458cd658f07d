import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient, HubError } from './hub-client.js';

// A real HTTP server that answers each path with a canned status and body.
const answers: Record<string, [number, string]> = {
  '/api/v1/info': [200, JSON.stringify({ protocol: 1, county: { code: '321023', name: '宝应县', nameEn: 'Baoying', center: [119.36, 33.24] }, serverTime: 1, seq: 7 })],
  '/api/v1/sync/grids?after=0&limit=10': [200, JSON.stringify({ collection: 'grids', rows: [], cursor: 0, more: false })],
  '/api/v1/sync/cameras?after=0&limit=10': [200, '{"collection":"cameras","rows":[{"seq":1,"data":{"id":"123"}}],"cursor":1,"more":false}'],
  '/api/v1/sync/events?after=0&limit=10': [200, '<html>proxy error</html>'],
  '/api/v1/sync/workers?after=0&limit=10': [503, 'busy'],
  '/api/v1/sync/basemap?after=0&limit=10': [200, JSON.stringify({ collection: 'grids', rows: [], cursor: 0, more: false })],
};

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const [status, body] = answers[req.url ?? ''] ?? [404, 'not found'];
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('HubClient', () => {
  it('returns validated answers', async () => {
    const hub = new HubClient(`${base}/`);
    expect((await hub.info()).seq).toBe(7);
    expect(await hub.page('grids', 0, 10)).toEqual({ collection: 'grids', rows: [], cursor: 0, more: false });
    expect(hub.liveUrl()).toBe(`${base.replace('http', 'ws')}/api/v1/live`);
  });

  it.each([
    ['cameras', /GET \/api\/v1\/sync\/cameras\?after=0&limit=10 breaks the protocol: rows\.0\.data\.id: .*\(\+\d+ more\)/],
    ['events', /hub sent invalid JSON for GET \/api\/v1\/sync\/events.*: <html>/],
    ['workers', /hub answered 503 to GET \/api\/v1\/sync\/workers.*: busy/],
    ['basemap', /breaks the protocol: collection: /],
  ] as const)('turns a bad %s answer into a clear HubError', async (collection, message) => {
    const err = await new HubClient(base).page(collection, 0, 10).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HubError);
    expect((err as Error).message).toMatch(message);
  });

  it('says when the hub cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(new HubClient(`http://127.0.0.1:${port}`).info()).rejects.toThrow(/hub unreachable: GET \/api\/v1\/info: ECONNREFUSED/);
  });
});
