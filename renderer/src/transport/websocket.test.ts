import { describe, expect, it } from 'vitest';
import { socketUrl } from './websocket';

describe('socketUrl', () => {
  it.each([
    [{ protocol: 'http:', host: '127.0.0.1:8765', search: '?token=abc' }, 'ws://127.0.0.1:8765/ws?token=abc'],
    [{ protocol: 'https:', host: 'seat.local', search: '?x=1&token=a%2Bb' }, 'wss://seat.local/ws?token=a%2Bb'],
    [{ protocol: 'http:', host: 'localhost:1', search: '' }, 'ws://localhost:1/ws?token='],
  ])('%j → %s', (location, expected) => {
    expect(socketUrl(location)).toBe(expected);
  });
});
