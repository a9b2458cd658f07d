import { describe, expect, it, vi } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import { TopicBus } from '../api/bus.js';
import { ApiHost } from '../api/host.js';
import { createConnectionRouter, type ApiHostLike } from './connection-router.js';
import { asStationPort, closed, windowChannel } from './port-fixture.js';

function realHost(): { host: ApiHost; bus: TopicBus } {
  const bus = new TopicBus();
  // Only the methods these tests call; the host answers unknown_method for names outside the contract.
  const handlers = { 'cameras.list': () => [] } as unknown as ConstructorParameters<typeof ApiHost>[0];
  return { host: new ApiHost(handlers, bus), bus };
}

function router(host: Promise<ApiHostLike>) {
  const log = vi.fn<(line: string) => void>();
  const onShutdown = vi.fn();
  return { r: createConnectionRouter({ host, onShutdown, log }), log, onShutdown };
}

describe('connection router', () => {
  it('turns a connect with a port into a Station API connection over that port', async () => {
    const { host } = realHost();
    const { r } = router(Promise.resolve(host));
    const ch = windowChannel();
    r.handle({ data: { type: 'connect', windowId: 7 }, ports: [ch.station] });

    expect(await ch.nextFrame()).toEqual({ kind: 'hello', contract: 1 });
    ch.window.postMessage({ kind: 'req', id: 1, method: 'cameras.list', params: {} });
    expect(await ch.nextFrame()).toEqual({ kind: 'res', id: 1, ok: true, result: [] });
    ch.window.postMessage({ kind: 'req', id: 2, method: 'no.such', params: {} });
    expect(await ch.nextFrame()).toMatchObject({ kind: 'res', id: 2, ok: false, error: { code: 'unknown_method' } });
    expect(r.openWindows()).toEqual([7]);
    expect(host.connections).toBe(1);
    ch.window.close();
  });

  it('holds frames until the station is up, then answers them', async () => {
    const { host } = realHost();
    let resolve!: (h: ApiHostLike) => void;
    const { r } = router(new Promise((res) => (resolve = res)));
    const ch = windowChannel();
    r.handle({ data: { type: 'connect', windowId: 1 }, ports: [ch.station] });
    ch.window.postMessage({ kind: 'req', id: 5, method: 'cameras.list', params: {} });
    expect(r.openWindows()).toEqual([]);
    resolve(host);
    expect(await ch.nextFrame()).toEqual({ kind: 'hello', contract: 1 });
    expect(await ch.nextFrame()).toEqual({ kind: 'res', id: 5, ok: true, result: [] });
    ch.window.close();
  });

  it('ends the connection and its subscriptions when the window end closes', async () => {
    const { host, bus } = realHost();
    const { r } = router(Promise.resolve(host));
    const ch = windowChannel();
    r.handle({ data: { type: 'connect', windowId: 3 }, ports: [ch.station] });
    await ch.nextFrame();
    ch.window.postMessage({ kind: 'sub', topic: 'workers.positions' });
    await vi.waitFor(() => expect(bus.listenerCount('workers.positions')).toBe(1), { timeout: 5_000 });

    ch.window.close();
    await vi.waitFor(() => expect(host.connections).toBe(0), { timeout: 5_000 });
    expect(bus.listenerCount('workers.positions')).toBe(0);
    expect(r.openWindows()).toEqual([]);
  });

  it('replaces the connection of a window that connects again (reload, station restart)', async () => {
    const { host } = realHost();
    const { r } = router(Promise.resolve(host));
    const first = windowChannel();
    const firstClosed = closed(first.window);
    r.handle({ data: { type: 'connect', windowId: 9 }, ports: [first.station] });
    await first.nextFrame();
    const second = windowChannel();
    r.handle({ data: { type: 'connect', windowId: 9 }, ports: [second.station] });
    expect(await second.nextFrame()).toEqual({ kind: 'hello', contract: 1 });
    await firstClosed;
    expect(host.connections).toBe(1);
    expect(r.openWindows()).toEqual([9]);
    second.window.close();
  });

  it('refuses control messages that are not in the protocol and closes their ports', async () => {
    const { host } = realHost();
    const { r, log } = router(Promise.resolve(host));
    const { port1, port2 } = new MessageChannel();
    const gone = closed(port2);
    r.handle({ data: { type: 'connect', windowId: -1 }, ports: [asStationPort(port1)] });
    await gone;
    r.handle({ data: { type: 'connect', windowId: 2 }, ports: [] });
    r.handle({ data: 'hello', ports: [] });
    expect(log).toHaveBeenCalledTimes(3);
    expect(log.mock.calls[1]?.[0]).toMatch(/without a port/);
    expect(host.connections).toBe(0);
  });

  it('closes waiting ports when the station fails to start', async () => {
    const { r } = router(Promise.reject(new Error('no sqlite')));
    const ch = windowChannel();
    const gone = closed(ch.window);
    r.handle({ data: { type: 'connect', windowId: 1 }, ports: [ch.station] });
    await gone;
    expect(r.openWindows()).toEqual([]);
  });

  it('passes shutdown on and closes every connection on closeAll', async () => {
    const { host } = realHost();
    const { r, onShutdown } = router(Promise.resolve(host));
    const a = windowChannel();
    const b = windowChannel();
    r.handle({ data: { type: 'connect', windowId: 1 }, ports: [a.station] });
    r.handle({ data: { type: 'connect', windowId: 2 }, ports: [b.station] });
    await a.nextFrame();
    await b.nextFrame();
    r.handle({ data: { type: 'shutdown' }, ports: [] });
    expect(onShutdown).toHaveBeenCalledOnce();
    r.closeAll();
    await Promise.all([closed(a.window), closed(b.window)]);
    expect(host.connections).toBe(0);
  });
});
