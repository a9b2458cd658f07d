// The preload with a mocked `electron`, end to end over real MessagePorts: page → bridge → port → the
// station's connection router → a real ApiHost, and back.
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import { TopicBus } from '../../native/api/bus.js';
import { ApiHost } from '../../native/api/host.js';
import { createConnectionRouter } from '../../native/utility/connection-router.js';
import { asStationPort } from '../../native/utility/port-fixture.js';
import { PORT_CHANNEL } from '../shared/ipc-channels.js';
import type { WatchfloorBridge } from './bridge.js';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  ipcListeners: new Map<string, (event: { ports: unknown[] }) => void>(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => electron.exposed.set(key, api)) },
  ipcRenderer: { on: vi.fn((channel: string, listener: (event: { ports: unknown[] }) => void) => electron.ipcListeners.set(channel, listener)) },
}));

describe('preload', () => {
  it('exposes only watchfloorBridge { post, onFrame } and carries frames over the port main pushes', async () => {
    await import('./index.js');
    expect([...electron.exposed.keys()]).toEqual(['watchfloorBridge']);
    const bridge = electron.exposed.get('watchfloorBridge') as WatchfloorBridge;
    expect(Object.keys(bridge).sort()).toEqual(['onFrame', 'post']);
    expect([...electron.ipcListeners.keys()]).toEqual([PORT_CHANNEL]);

    const frames: unknown[] = [];
    bridge.onFrame((f) => frames.push(f));
    // The page asks before the station is connected: the bridge holds the request.
    bridge.post({ kind: 'req', id: 1, method: 'cameras.list', params: {} });

    const host = new ApiHost({ 'cameras.list': () => [] } as unknown as ConstructorParameters<typeof ApiHost>[0], new TopicBus());
    const router = createConnectionRouter({ host: Promise.resolve(host), onShutdown: () => undefined, log: () => undefined });
    const { port1, port2 } = new MessageChannel();
    router.handle({ data: { type: 'connect', windowId: 1 }, ports: [asStationPort(port1)] });
    electron.ipcListeners.get(PORT_CHANNEL)?.({ ports: [port2] });

    await vi.waitFor(() => expect(frames).toHaveLength(2), { timeout: 5_000 });
    expect(frames).toEqual([{ kind: 'hello', contract: 1 }, { kind: 'res', id: 1, ok: true, result: [] }]);
    router.closeAll();
  });
});
