import { describe, expect, it } from 'vitest';
import { StationClient, StationRequestError } from './station-client';
import type { Transport, TransportState } from './transport';

/** A transport the test drives by hand: it records what the client sends and delivers what the test says. */
class FakeTransport implements Transport {
  readonly sent: Array<Record<string, unknown>> = [];
  private readonly frameListeners: Array<(f: unknown) => void> = [];
  private readonly stateListeners: Array<(s: TransportState) => void> = [];
  constructor(public state: TransportState = 'open') {}
  send(f: object): void {
    this.sent.push(f as Record<string, unknown>);
  }
  onFrame(l: (f: unknown) => void): void {
    this.frameListeners.push(l);
  }
  onState(l: (s: TransportState) => void): void {
    this.stateListeners.push(l);
  }
  deliver(f: unknown): void {
    for (const l of this.frameListeners) l(f);
  }
  setState(s: TransportState): void {
    this.state = s;
    for (const l of this.stateListeners) l(s);
  }
}
const fakeTransport = (initial?: TransportState) => new FakeTransport(initial);

const status = {
  county: { code: '321023', name: '宝应县', nameEn: 'Baoying', center: [119.36, 33.24] },
  hubUrl: 'http://127.0.0.1:1',
  embeddedHub: true,
  link: { state: 'online', since: 1, rttMs: 2, reason: null },
  lastSyncAt: null,
  counts: { grids: 1, buildings: 2, cameras: 3, workers: 4, events: 5 },
};

describe('StationClient', () => {
  it('resolves a request with its validated result', async () => {
    const t = fakeTransport();
    const client = new StationClient(t);
    const pending = client.request('station.status');
    await Promise.resolve();
    expect(t.sent[0]).toMatchObject({ kind: 'req', method: 'station.status', params: {} });
    t.deliver({ kind: 'res', id: t.sent[0]!.id, ok: true, result: status });
    await expect(pending).resolves.toMatchObject({ county: { name: '宝应县' }, counts: { events: 5 } });
  });

  it.each([
    ['an error frame', { ok: false, error: { code: 'not_found', message: 'no such grid' } }, 'not_found'],
    ['a result the contract does not allow', { ok: true, result: { county: 'nope' } }, 'bad_response'],
  ])('rejects on %s', async (_label, answer, code) => {
    const t = fakeTransport();
    const client = new StationClient(t);
    const pending = client.request('station.status');
    await Promise.resolve();
    t.deliver({ kind: 'res', id: t.sent[0]!.id, ...answer });
    await expect(pending).rejects.toMatchObject({ code });
    await expect(pending).rejects.toBeInstanceOf(StationRequestError);
  });

  it('waits for the transport to open, and fails pending requests when it drops', async () => {
    const t = fakeTransport('connecting');
    const client = new StationClient(t);
    const pending = client.request('grids.tree');
    await Promise.resolve();
    expect(t.sent).toHaveLength(0);
    t.setState('open');
    await Promise.resolve();
    expect(t.sent[0]).toMatchObject({ kind: 'req', method: 'grids.tree' });
    t.setState('closed');
    await expect(pending).rejects.toMatchObject({ code: 'disconnected' });
  });

  it('delivers valid topic events only, and renews subscriptions after a reconnect', () => {
    const t = fakeTransport();
    const client = new StationClient(t);
    const got: unknown[] = [];
    const stop = client.subscribe('link', (l) => got.push(l.state));
    expect(t.sent).toEqual([{ kind: 'sub', topic: 'link' }]);
    t.deliver({ kind: 'evt', topic: 'link', data: { state: 'degraded', since: 5, rttMs: null, reason: 'slow' } });
    t.deliver({ kind: 'evt', topic: 'link', data: { state: 'sideways' } });
    t.deliver({ kind: 'evt', topic: 'nope', data: {} });
    t.deliver('garbage');
    expect(got).toEqual(['degraded']);

    t.setState('closed');
    t.setState('open');
    expect(t.sent.filter((f) => f.kind === 'sub')).toHaveLength(2);
    stop();
    expect(t.sent.at(-1)).toEqual({ kind: 'unsub', topic: 'link' });
  });
});
