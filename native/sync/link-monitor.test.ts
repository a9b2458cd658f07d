import { describe, expect, it } from 'vitest';
import { assessLink, LinkTracker, type LinkInputs } from './link-monitor.js';

const healthy: LinkInputs = { socketOpen: true, socketError: null, silenceMs: 1_000, rttMs: 20, pullError: null };
const t = { silenceDegradedMs: 12_000, rttDegradedMs: 1_500 };

describe('assessLink', () => {
  it.each<[string, Partial<LinkInputs>, string, string | null]>([
    ['all well', {}, 'online', null],
    ['no RTT measured yet', { rttMs: null }, 'online', null],
    ['RTT at the threshold', { rttMs: 1_500 }, 'online', null],
    ['slow RTT', { rttMs: 2_300 }, 'degraded', 'slow link: round trip 2300 ms'],
    ['silence at the threshold', { silenceMs: 12_000 }, 'online', null],
    ['silent hub', { silenceMs: 20_400 }, 'degraded', 'hub silent for 20 s'],
    ['failed pull', { pullError: 'hub answered 500' }, 'degraded', 'sync failed: hub answered 500'],
    ['silence beats a failed pull', { silenceMs: 30_000, pullError: 'x' }, 'degraded', 'hub silent for 30 s'],
    ['socket closed, cause unknown', { socketOpen: false }, 'offline', 'no live connection to the hub'],
    ['socket closed with an error', { socketOpen: false, socketError: 'ECONNREFUSED' }, 'offline', 'hub unreachable: ECONNREFUSED'],
    ['socket closed and pull failed', { socketOpen: false, socketError: 'closed 1006', pullError: 'timeout' }, 'offline', 'hub unreachable: timeout'],
  ])('%s', (_name, change, state, reason) => {
    expect(assessLink({ ...healthy, ...change }, t)).toEqual({ state, reason });
  });
});

describe('LinkTracker', () => {
  it('starts offline and reports changes with since', () => {
    const tracker = new LinkTracker(100, t);
    expect(tracker.status).toMatchObject({ state: 'offline', since: 100 });
    expect(tracker.update(healthy, 200)).toEqual({ state: 'online', since: 200, rttMs: 20, reason: null });
    expect(tracker.update({ ...healthy, rttMs: 30 }, 300)).toBeNull(); // RTT alone is not news
    expect(tracker.status).toEqual({ state: 'online', since: 200, rttMs: 30, reason: null });
    expect(tracker.update({ ...healthy, rttMs: 2_000 }, 400)).toMatchObject({ state: 'degraded', since: 400 });
    // Same state, another reason: published, since kept.
    expect(tracker.update({ ...healthy, pullError: 'x' }, 500)).toEqual({ state: 'degraded', since: 400, rttMs: 20, reason: 'sync failed: x' });
    expect(tracker.update({ ...healthy, socketOpen: false }, 600)).toMatchObject({ state: 'offline', since: 600 });
  });
});
