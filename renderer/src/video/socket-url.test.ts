import { describe, expect, it } from 'vitest';
import { VideoSocketParams } from '../../../native/api/video';
import { videoSocketUrl } from './socket-url';

const seatPage = { href: 'http://127.0.0.1:5173/wall/1?token=abc' };

describe('videoSocketUrl', () => {
  it.each([
    ['/video?token=t%2B1', seatPage, 'ws://127.0.0.1:5173/video?token=t%2B1&camera=CAM-1&profile=sub&h265=0'],
    ['/video?token=t', { href: 'https://seat.example:8443/' }, 'wss://seat.example:8443/video?token=t&camera=CAM-1&profile=sub&h265=0'],
    ['ws://127.0.0.1:40123/video?token=x', { href: 'app://watchfloor/wall/2' }, 'ws://127.0.0.1:40123/video?token=x&camera=CAM-1&profile=sub&h265=0'],
  ])('%s from %j', (endpoint, base, expected) => {
    expect(videoSocketUrl(endpoint, base, { cameraId: 'CAM-1', profile: 'sub', h265: false })).toBe(expected);
  });

  it('carries what the station validates', () => {
    const url = new URL(videoSocketUrl('/video?token=t', seatPage, { cameraId: '摄像机 7&x', profile: 'main', h265: true }));
    url.searchParams.delete('token');
    expect(VideoSocketParams.parse(Object.fromEntries(url.searchParams))).toEqual({ camera: '摄像机 7&x', profile: 'main', h265: true });
  });

  it('refuses an endpoint that is no socket', () => {
    expect(() => videoSocketUrl('file:///etc/passwd', seatPage, { cameraId: 'c', profile: 'main', h265: false })).toThrow(/not a WebSocket URL/);
  });
});
