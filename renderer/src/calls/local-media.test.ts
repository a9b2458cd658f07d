import { describe, expect, it } from 'vitest';
import { openCamera, openLocalMedia, localMediaMessage } from './local-media.js';

// A fake getUserMedia that opens only the kinds a device has, and refuses the rest with a browser's error.
function devices(has: { audio: boolean; video: boolean }, refusal: 'NotFoundError' | 'NotAllowedError' = 'NotFoundError') {
  const asked: MediaStreamConstraints[] = [];
  const media = {
    async getUserMedia(constraints?: MediaStreamConstraints): Promise<MediaStream> {
      asked.push(constraints ?? {});
      const wantsVideo = Boolean(constraints?.video);
      const wantsAudio = Boolean(constraints?.audio);
      if ((wantsVideo && !has.video) || (wantsAudio && !has.audio)) throw new DOMException('no', refusal);
      const tracks = [...(wantsAudio ? ['audio'] : []), ...(wantsVideo ? ['video'] : [])].map((kind) => ({ kind }));
      return { kinds: tracks.map((t) => t.kind), getVideoTracks: () => tracks.filter((t) => t.kind === 'video') } as unknown as MediaStream;
    },
  };
  return { media, asked };
}

describe('openLocalMedia', () => {
  it.each([
    ['camera and microphone', { audio: true, video: true }, 'NotFoundError', ['audio', 'video'], null],
    ['microphone only', { audio: true, video: false }, 'NotFoundError', ['audio'], 'no_camera'],
    ['nothing', { audio: false, video: false }, 'NotFoundError', null, 'no_devices'],
    ['access refused', { audio: false, video: false }, 'NotAllowedError', null, 'denied'],
  ] as const)('%s', async (_name, has, refusal, kinds, problem) => {
    const { media } = devices(has, refusal);
    const local = await openLocalMedia('environment', media);
    expect((local.stream as unknown as { kinds: string[] } | null)?.kinds ?? null).toEqual(kinds);
    expect(local.problem).toBe(problem);
    expect(local.message).toBe(problem ? localMediaMessage(problem) : null);
  });

  it('asks for the camera facing the requested way', async () => {
    const { media, asked } = devices({ audio: true, video: true });
    await openLocalMedia('environment', media);
    expect(asked[0]?.video).toMatchObject({ facingMode: { ideal: 'environment' } });
  });

  it('says receive-only when the browser has no getUserMedia', async () => {
    expect(await openLocalMedia('user', undefined)).toEqual({ stream: null, problem: 'unsupported', message: expect.stringMatching(/https/) });
  });

  it('messages are Chinese first, then English', () => {
    expect(localMediaMessage('no_camera')).toMatch(/^[^a-z]+ \/ camera unavailable: audio only$/);
  });
});

describe('openCamera', () => {
  it('opens a video track facing the other way', async () => {
    const { media, asked } = devices({ audio: true, video: true });
    expect(await openCamera('user', media)).toEqual({ kind: 'video' });
    expect(asked[0]).toMatchObject({ audio: false, video: { facingMode: { ideal: 'user' } } });
  });

  it('fails clearly without a camera', async () => {
    await expect(openCamera('user', devices({ audio: true, video: false }).media)).rejects.toThrow('no');
  });
});
