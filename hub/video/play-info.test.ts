import { describe, expect, it } from 'vitest';
import type { Camera } from '../../native/api/model.js';
import { PlayInfo } from '../../native/sync/hub-protocol.js';
import { sceneOf } from './clip-variant.js';
import { playInfo } from './play-info.js';

const ID = '32102300001310000001';
function camera(codec: Camera['codec'], main: string, sub: string | null): Camera {
  return {
    id: ID, name: '测试摄像机', gridCode: '321023100001001', position: [119.36, 33.24], kind: 'dome', codec,
    streams: { main, sub }, online: true,
  };
}
const ORIGIN = 'http://127.0.0.1:4000';
const clip = (codec: string, profile: string) => `${ORIGIN}/api/v1/video/clips/s${sceneOf(ID)}-${codec}-${profile}.mp4`;

describe('playInfo', () => {
  it.each([
    [camera('h264', `hub://cameras/${ID}/main`, `hub://cameras/${ID}/sub`), 'main', { kind: 'clip', url: clip('h264', 'main'), codec: 'h264' }],
    [camera('h264', `hub://cameras/${ID}/main`, `hub://cameras/${ID}/sub`), 'sub', { kind: 'clip', url: clip('h264', 'sub'), codec: 'h264' }],
    [camera('h265', `hub://cameras/${ID}/main`, null), 'main', { kind: 'clip', url: clip('h265', 'main'), codec: 'h265' }],
    [camera('h265', 'rtsp://10.0.0.9:554/main', 'rtsp://10.0.0.9:554/sub'), 'sub', { kind: 'live', url: 'rtsp://10.0.0.9:554/sub', codec: 'h265' }],
    [camera('h264', 'http://10.0.0.9/live.flv', null), 'main', { kind: 'live', url: 'http://10.0.0.9/live.flv', codec: 'h264' }],
  ] as const)('%# answers %j', (cam, profile, want) => {
    const answer = playInfo(cam, profile, ORIGIN);
    expect(answer).toEqual({ ok: true, info: want });
    if (answer.ok) expect(PlayInfo.parse(answer.info)).toEqual(want);
  });

  it('answers 404 for a missing sub stream', () => {
    expect(playInfo(camera('h264', `hub://cameras/${ID}/main`, null), 'sub', ORIGIN)).toEqual({ ok: false, status: 404, message: `camera ${ID} has no sub stream` });
  });
});
