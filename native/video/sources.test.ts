// Where a request plays from: profile served, transcode or not, direct vs hub addresses, and the hub's failures.
import { describe, expect, it } from 'vitest';
import type { Camera } from '../api/model.js';
import { HubError } from '../sync/hub-client.js';
import type { PlayInfo } from '../sync/hub-protocol.js';
import { CameraSources, planStream } from './sources.js';

function camera(over: Partial<Camera> = {}): Camera {
  return {
    id: 'c1', name: '路口', gridCode: '321023100001001', position: [119.36, 33.24], kind: 'dome', codec: 'h264',
    streams: { main: 'rtsp://10.0.0.5/main', sub: 'rtsp://10.0.0.5/sub' }, online: true, ...over,
  };
}

describe('planStream', () => {
  it.each([
    ['sub asked, sub exists', camera(), 'sub', false, { profile: 'sub', transcode: false }],
    ['sub asked, no sub: main served', camera({ streams: { main: 'rtsp://a/m', sub: null } }), 'sub', false, { profile: 'main', transcode: false }],
    ['main asked', camera(), 'main', false, { profile: 'main', transcode: false }],
    ['H.265 to a renderer without it: transcoded', camera({ codec: 'h265' }), 'main', false, { profile: 'main', transcode: true }],
    ['H.265 to a renderer with it: copied', camera({ codec: 'h265' }), 'sub', true, { profile: 'sub', transcode: false }],
  ] as const)('%s', (_name, cam, profile, h265, expected) => {
    expect(planStream(cam, { cameraId: cam.id, profile, h265 })).toEqual({ cameraId: cam.id, ...expected });
  });

  it('an unknown camera can never play', () => {
    expect(planStream(null, { cameraId: 'x', profile: 'main', h265: false })).toEqual({ error: 'unknown camera x' });
  });
});

describe('CameraSources.locate', () => {
  const hubCam = camera({ id: 'h1', codec: 'h265', streams: { main: 'hub://cameras/h1/main', sub: 'hub://cameras/h1/sub' } });
  const sources = (cams: Camera[], play: (id: string, profile: 'main' | 'sub') => Promise<PlayInfo | null>): CameraSources =>
    new CameraSources({ get: (id) => cams.find((c) => c.id === id) ?? null }, { play });
  const plan = { cameraId: 'h1', profile: 'sub' as const, transcode: true };

  it.each([
    ['a direct RTSP address', camera(), { cameraId: 'c1', profile: 'sub' as const, transcode: false }, { ok: true, job: { kind: 'live', url: 'rtsp://10.0.0.5/sub', codec: 'h264' } }],
    ['a bad address', camera({ streams: { main: 'file:///etc/passwd', sub: null } }), { cameraId: 'c1', profile: 'main' as const, transcode: false }, { ok: false, state: 'error', detail: 'bad camera address: file:///etc/passwd' }],
  ])('%s', async (_name, cam, p, expected) => {
    expect(await sources([cam], () => Promise.reject(new Error('not asked'))).locate(p)).toEqual(expected);
  });

  it('asks the hub for hub:// addresses, with the profile served', async () => {
    const asked: string[] = [];
    const s = sources([hubCam], (id, profile) => {
      asked.push(`${id}/${profile}`);
      return Promise.resolve({ kind: 'clip', url: 'http://127.0.0.1:1/api/v1/video/clips/s1-h265-sub.mp4', codec: 'h265' });
    });
    expect(await s.locate(plan)).toEqual({ ok: true, job: { kind: 'clip', url: 'http://127.0.0.1:1/api/v1/video/clips/s1-h265-sub.mp4', codec: 'h265' } });
    expect(asked).toEqual(['h1/sub']);
  });

  it.each([
    ['hub unreachable → offline', () => Promise.reject(new HubError('hub unreachable: GET /x: ECONNREFUSED')), 'offline', /只有平台能提供此视频流 \/ hub unreachable/],
    ['hub 503 → offline', () => Promise.reject(new HubError('hub answered 503 to GET /x')), 'offline', /hub unreachable/],
    ['hub breaks the protocol → error', () => Promise.reject(new HubError('hub response to GET /x breaks the protocol: url: Invalid')), 'error', /breaks the protocol/],
    ['hub has no such stream → error', () => Promise.resolve(null), 'error', /the hub has no sub stream for camera h1/],
  ])('%s', async (_name, play, state, detail) => {
    expect(await sources([hubCam], play).locate(plan)).toEqual({ ok: false, state, detail: expect.stringMatching(detail) });
  });
});
