import { describe, expect, it } from 'vitest';
import { bannerMode, type BannerInputs, type BannerMode } from './banner-mode';

const base: BannerInputs = { transport: 'open', link: 'online', since: 0, catchUpRunning: false, now: 10_000 };

describe('bannerMode', () => {
  it.each<[string, Partial<BannerInputs>, BannerMode]>([
    ['online, nothing to say', {}, null],
    ['offline for 10 s', { link: 'offline' }, 'offline'],
    ['offline for a second: the light only', { link: 'offline', since: 9_000 }, null],
    ['offline exactly 2 s', { link: 'offline', since: 8_000 }, 'offline'],
    ['catching up after the outage', { catchUpRunning: true }, 'catchup'],
    ['degraded while catching up', { link: 'degraded', catchUpRunning: true }, 'catchup'],
    ['offline wins over a catch-up that broke off', { link: 'offline', catchUpRunning: true }, 'offline'],
    ['the station has not said anything yet', { link: null, catchUpRunning: true }, null],
    ['this window lost its station', { transport: 'closed' }, 'seat-lost'],
    ['reconnecting to its station', { transport: 'connecting' }, 'seat-lost'],
    ['first connect at start-up', { transport: 'connecting', since: null }, null],
    ['token refused', { transport: 'unauthorized' }, null],
  ])('%s', (_, inputs, expected) => {
    expect(bannerMode({ ...base, ...inputs })).toBe(expected);
  });
});
