import { describe, expect, it } from 'vitest';
import { readVideoMessage } from './video-message';

const status = { type: 'status', state: 'live', detail: null, profile: 'sub', transcoded: false, codec: 'avc1.4d401f' };

function frame(...bytes: number[]): ArrayBuffer {
  return new Uint8Array(bytes).buffer;
}

describe('readVideoMessage', () => {
  it('reads a status', () => {
    expect(readVideoMessage(JSON.stringify(status))).toEqual({ kind: 'status', status });
  });

  it.each([
    [0, 'init'],
    [1, 'keyframe'],
    [2, 'delta'],
  ] as const)('reads fragment kind %d as %s without copying the payload', (byte, name) => {
    const msg = readVideoMessage(frame(byte, 9, 8, 7));
    expect(msg.kind).toBe('fragment');
    if (msg.kind !== 'fragment') return;
    expect(msg.fragment).toBe(name);
    expect([...msg.bytes]).toEqual([9, 8, 7]);
  });

  it.each([
    ['not json', 'status frame is not JSON'],
    [JSON.stringify({ ...status, state: 'playing' }), 'bad status frame'],
    [JSON.stringify({ ...status, extra: 1 }), 'bad status frame'],
  ])('refuses the text frame %s', (text, reason) => {
    const msg = readVideoMessage(text);
    expect(msg.kind).toBe('bad');
    if (msg.kind === 'bad') expect(msg.reason).toContain(reason);
  });

  it.each([
    [frame(), 'empty fragment'],
    [frame(1), 'empty fragment'],
    [frame(7, 1, 2), 'unknown fragment kind 7'],
  ])('refuses the binary frame %#', (data, reason) => {
    expect(readVideoMessage(data)).toEqual({ kind: 'bad', reason });
  });
});
