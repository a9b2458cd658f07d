// video.endpoint before and after a server listens; video.relays is the relay's own list.
import { describe, expect, it } from 'vitest';
import { NotFoundError } from './host.js';
import { videoHandlers } from './video-handlers.js';
import { VideoRelay } from '../video/relay.js';

describe('videoHandlers', () => {
  const relay = new VideoRelay({ sources: { plan: (req) => ({ error: `unknown camera ${req.cameraId}` }), locate: () => Promise.reject(new Error('not asked')) } });

  it('answers not_found until something serves video sockets, then the URL', async () => {
    let url: string | null = null;
    const h = videoHandlers(() => ({ relay, endpoint: () => url }));
    expect(() => h['video.endpoint']({})).toThrow(NotFoundError);
    url = '/video?token=abc';
    expect(await h['video.endpoint']({})).toEqual({ url: '/video?token=abc' });
    expect(await h['video.relays']({})).toEqual([]);
  });
});
