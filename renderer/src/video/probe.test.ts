import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerProbedPlayer, type TileProbe } from './probe';

const sample = (cameraId: string): TileProbe => ({
  cameraId, state: 'live', profile: 'sub', transcoded: false, codec: 'avc1.42c01e', currentTime: 1, bufferedEnd: 1.1,
  framesDecoded: 25, framesDropped: 0, startedAt: 0, firstFrameAt: 300, latencyMs: () => null,
});

describe('the video probe', () => {
  // The unit project runs in node: a bare object stands in for the page's window.
  beforeEach(() => {
    Object.assign(globalThis, { window: {} });
  });
  afterEach(() => {
    Reflect.deleteProperty(globalThis, 'window');
  });

  it('lists the players registered now, in the order they came', () => {
    const offA = registerProbedPlayer({ probe: () => sample('A') });
    const offB = registerProbedPlayer({ probe: () => sample('B') });
    expect(window.__watchfloorVideo?.tiles().map((t) => t.cameraId)).toEqual(['A', 'B']);
    offA();
    expect(window.__watchfloorVideo?.tiles().map((t) => t.cameraId)).toEqual(['B']);
    offB();
    expect(window.__watchfloorVideo?.tiles()).toEqual([]);
  });
});
