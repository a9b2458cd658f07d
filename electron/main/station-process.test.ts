// StationProcess with a mocked `electron`: utilityProcess.fork yields a scripted child, MessageChannelMain
// is a real worker_threads channel so the hand-over is checked by passing a message through it.
import { EventEmitter, once } from 'node:events';
import type { MessagePort } from 'node:worker_threads';
import type { MessagePortMain } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

class FakeChild extends EventEmitter {
  readonly posted: Array<{ message: unknown; ports: unknown[] }> = [];
  readonly kill = vi.fn(() => true);
  constructor(readonly modulePath: string, readonly args: string[], readonly options: unknown) {
    super();
  }
  postMessage(message: unknown, ports: unknown[] = []): void {
    this.posted.push({ message, ports });
  }
}

const forked = vi.hoisted(() => [] as unknown[]);
vi.mock('electron', async () => {
  const { MessageChannel: NodeChannel } = await import('node:worker_threads');
  return {
    utilityProcess: {
      fork: vi.fn((modulePath: string, args: string[], options: unknown) => {
        const child = new FakeChild(modulePath, args, options);
        forked.push(child);
        return child;
      }),
    },
    MessageChannelMain: NodeChannel,
  };
});

const { StationProcess } = await import('./station-process.js');
type Target = { id: number; isDestroyed: () => boolean; postPort: (port: MessagePortMain) => void; ports: MessagePort[]; destroyed: boolean };

function target(id: number): Target {
  const t: Target = {
    id,
    destroyed: false,
    ports: [],
    isDestroyed: () => t.destroyed,
    postPort: (port) => t.ports.push(port as unknown as MessagePort),
  };
  return t;
}
const child = (i: number) => forked[i] as FakeChild;

let station: InstanceType<typeof StationProcess>;
let log: ReturnType<typeof vi.fn<(line: string) => void>>;
beforeEach(() => {
  forked.length = 0;
  log = vi.fn<(line: string) => void>();
  station = new StationProcess({ modulePath: '/app/out/main/station.js', args: ['--data-dir=/d'], log, stopTimeoutMs: 5_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('StationProcess', () => {
  it('forks the station entry and, once it runs, hands a window one end of a channel and the station the other', async () => {
    station.start();
    expect(forked).toHaveLength(1);
    expect(child(0).modulePath).toBe('/app/out/main/station.js');
    expect(child(0).args).toEqual(['--data-dir=/d']);
    expect(child(0).options).toMatchObject({ serviceName: 'Watchfloor station' });

    const win = target(11);
    station.connect(win);
    expect(child(0).posted).toHaveLength(0); // not spawned yet
    child(0).emit('spawn');
    expect(child(0).posted).toHaveLength(1);
    const [{ message, ports }] = child(0).posted as [{ message: unknown; ports: MessagePort[] }];
    expect(message).toEqual({ type: 'connect', windowId: 11 });
    expect(ports).toHaveLength(1);
    expect(win.ports).toHaveLength(1);

    // The two ends are one channel: a frame from the window reaches the station's end.
    const stationEnd = ports[0] as MessagePort;
    const arrived = once(stationEnd, 'message');
    win.ports[0]?.postMessage({ kind: 'req', id: 1, method: 'grids.tree', params: {} });
    expect((await arrived)[0]).toEqual({ kind: 'req', id: 1, method: 'grids.tree', params: {} });
    stationEnd.close();

    const late = target(12);
    station.connect(late);
    expect(child(0).posted).toHaveLength(2);
    expect(late.ports).toHaveLength(1);
  });

  it('restarts after an unexpected exit with growing delays and re-hands ports to live windows only', () => {
    vi.useFakeTimers();
    const a = target(1);
    const b = target(2);
    const gone = target(3);
    station.start();
    station.connect(a);
    station.connect(b);
    station.connect(gone);
    child(0).emit('spawn');
    station.disconnect(b.id);
    gone.destroyed = true;

    child(0).emit('exit', 1);
    expect(log).toHaveBeenLastCalledWith(expect.stringMatching(/code 1.*500 ms/));
    vi.advanceTimersByTime(499);
    expect(forked).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(forked).toHaveLength(2);
    child(1).emit('spawn');
    expect(child(1).posted.map((p) => p.message)).toEqual([{ type: 'connect', windowId: 1 }]);
    expect(a.ports).toHaveLength(2);
    expect(b.ports).toHaveLength(1);

    child(1).emit('exit', 1);
    vi.advanceTimersByTime(999);
    expect(forked).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(forked).toHaveLength(3);

    // A run that lasted long enough resets the backoff.
    child(2).emit('spawn');
    vi.advanceTimersByTime(60_000);
    child(2).emit('exit', 0);
    vi.advanceTimersByTime(500);
    expect(forked).toHaveLength(4);
    for (const t of [a, b, gone]) for (const p of t.ports) p.close();
  });

  it('stops on request: asks the station to shut down, does not restart it, kills it if it hangs', async () => {
    vi.useFakeTimers();
    station.start();
    child(0).emit('spawn');
    const stopped = station.stop();
    expect(child(0).posted.map((p) => p.message)).toEqual([{ type: 'shutdown' }]);
    vi.advanceTimersByTime(5_000);
    expect(child(0).kill).toHaveBeenCalledOnce();
    child(0).emit('exit', 0);
    await stopped;
    vi.advanceTimersByTime(60_000);
    expect(forked).toHaveLength(1);
    expect(station.running).toBe(false);
  });

  it('cancels a pending restart when stopped between a crash and the restart', async () => {
    vi.useFakeTimers();
    station.start();
    child(0).emit('exit', 1);
    await station.stop();
    vi.advanceTimersByTime(60_000);
    expect(forked).toHaveLength(1);
  });

  it('logs what the station reports and ignores what it should not send', () => {
    station.start();
    child(0).emit('message', { type: 'ready' });
    child(0).emit('message', { type: 'fatal', message: 'no sqlite' });
    child(0).emit('message', { type: 'surprise' });
    expect(log.mock.calls.map((c) => c[0])).toEqual(['station ready', 'station could not start: no sqlite', expect.stringMatching(/does not know/)]);
  });
});
