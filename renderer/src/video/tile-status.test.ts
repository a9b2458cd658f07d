import { describe, expect, it } from 'vitest';
import type { VideoStatus } from '../../../native/api/video';
import { playerStatus, type PlayerFacts } from './tile-status';

const station = (state: VideoStatus['state'], detail: string | null = null): VideoStatus => ({
  type: 'status', state, detail, profile: 'main', transcoded: true, codec: 'avc1.42c01f',
});
const facts = (over: Partial<PlayerFacts>): PlayerFacts => ({
  asked: 'sub', station: null, socketDown: null, playerError: null, frameShown: false, everShown: false, ...over,
});

describe('playerStatus', () => {
  it.each([
    ['nothing heard yet', facts({}), 'connecting', null],
    ['station live, no frame yet', facts({ station: station('live') }), 'connecting', null],
    ['station live, frame shown', facts({ station: station('live'), frameShown: true, everShown: true }), 'live', null],
    ['camera unreachable', facts({ station: station('no_signal', 'Connection refused') }), 'no_signal', 'Connection refused'],
    ['relay retrying over a frozen frame', facts({ station: station('reconnecting', 'EOF'), frameShown: true, everShown: true }), 'reconnecting', 'EOF'],
    ['hub offline', facts({ station: station('offline', 'hub unreachable') }), 'offline', 'hub unreachable'],
    ['socket never opened', facts({ socketDown: 'video socket closed' }), 'connecting', 'video socket closed'],
    ['socket dropped after playing', facts({ station: station('live'), socketDown: 'video socket closed', everShown: true }), 'reconnecting', 'video socket closed'],
    ['decoder fault wins over everything', facts({ station: station('live'), socketDown: 'x', playerError: 'cannot decode hvc1', frameShown: true }), 'error', 'cannot decode hvc1'],
  ] as const)('%s → %s', (_name, input, state, detail) => {
    const s = playerStatus(input);
    expect(s.state).toBe(state);
    expect(s.detail).toBe(detail);
  });

  it('reports what the station serves, else what was asked', () => {
    expect(playerStatus(facts({ station: station('live') }))).toMatchObject({ profile: 'main', transcoded: true, codec: 'avc1.42c01f' });
    expect(playerStatus(facts({}))).toMatchObject({ profile: 'sub', transcoded: false, codec: null });
  });
});
