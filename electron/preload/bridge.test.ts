import { once } from 'node:events';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createBridge, type BridgePort } from './bridge.js';

/** The station's end of a real channel: collects what the bridge posts. */
function stationEnd(port: MessagePort) {
  const got: unknown[] = [];
  port.on('message', (m: unknown) => got.push(m));
  return {
    got,
    async waitFor(n: number): Promise<unknown[]> {
      while (got.length < n) await once(port, 'message');
      return got;
    },
  };
}

function received(b: ReturnType<typeof createBridge>) {
  const frames: unknown[] = [];
  b.bridge.onFrame((f) => frames.push(f));
  return frames;
}

const asBridgePort = (p: MessagePort): BridgePort => p as unknown as BridgePort;

describe('preload bridge', () => {
  it('queues frames posted before the port arrives and sends them in order once it does', async () => {
    const b = createBridge();
    b.bridge.post({ kind: 'sub', topic: 'link' });
    b.bridge.post({ kind: 'req', id: 1, method: 'grids.tree', params: {} });
    const { port1, port2 } = new MessageChannel();
    const station = stationEnd(port1);
    b.attach(asBridgePort(port2));
    expect(await station.waitFor(2)).toEqual([
      { kind: 'sub', topic: 'link' },
      { kind: 'req', id: 1, method: 'grids.tree', params: {} },
    ]);
    port1.close();
  });

  it('delivers every frame from the station to every listener, even when one throws', async () => {
    const b = createBridge();
    b.bridge.onFrame(() => {
      throw new Error('a broken listener');
    });
    const frames = received(b);
    const { port1, port2 } = new MessageChannel();
    b.attach(asBridgePort(port2));
    port1.postMessage({ kind: 'hello', contract: 1 });
    port1.postMessage({ kind: 'evt', topic: 'link', data: { state: 'online' } });
    while (frames.length < 2) await once(port2, 'message');
    expect(frames).toEqual([{ kind: 'hello', contract: 1 }, { kind: 'evt', topic: 'link', data: { state: 'online' } }]);
    port1.close();
  });

  it('on a new port closes the old one, fails its unanswered requests and renews subscriptions', async () => {
    const b = createBridge();
    const frames = received(b);
    const first = new MessageChannel();
    const oldStation = stationEnd(first.port1);
    b.attach(asBridgePort(first.port2));
    b.bridge.post({ kind: 'sub', topic: 'link' });
    b.bridge.post({ kind: 'sub', topic: 'workers.positions' });
    b.bridge.post({ kind: 'unsub', topic: 'link' });
    b.bridge.post({ kind: 'req', id: 1, method: 'grids.tree', params: {} });
    b.bridge.post({ kind: 'req', id: 2, method: 'station.status', params: {} });
    first.port1.postMessage({ kind: 'res', id: 1, ok: true, result: [] });
    await once(first.port2, 'message');

    const second = new MessageChannel();
    const station = stationEnd(second.port1);
    const firstClosed = once(first.port1, 'close');
    b.attach(asBridgePort(second.port2));
    await firstClosed;
    expect(frames).toEqual([
      { kind: 'res', id: 1, ok: true, result: [] },
      { kind: 'res', id: 2, ok: false, error: { code: 'internal', message: expect.stringMatching(/restarted/) } },
    ]);
    expect(await station.waitFor(1)).toEqual([{ kind: 'sub', topic: 'workers.positions' }]);
    expect(oldStation.got).toHaveLength(5);

    b.bridge.post({ kind: 'req', id: 3, method: 'grids.tree', params: {} });
    expect((await station.waitFor(2))[1]).toEqual({ kind: 'req', id: 3, method: 'grids.tree', params: {} });
    second.port1.close();
  });

  it('refuses to queue without bound while no station is connected', () => {
    const b = createBridge(3);
    for (let i = 0; i < 3; i++) b.bridge.post({ kind: 'req', id: i, method: 'grids.tree', params: {} });
    expect(() => b.bridge.post({ kind: 'req', id: 3, method: 'grids.tree', params: {} })).toThrow(/not connected/);
  });
});
