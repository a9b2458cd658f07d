// The hub's answer to "where does this camera's stream play from" (点播): a `hub://` stream is one of the
// demo clips, looped by the station without re-encoding; a direct address is handed back as a live source.
import type { Camera } from '../../native/api/model.js';
import type { StreamProfile } from '../../native/api/video.js';
import type { PlayInfo } from '../../native/sync/hub-protocol.js';
import { sceneOf, variantName } from './clip-variant.js';

export const CLIPS_PATH = '/api/v1/video/clips/';

export type PlayAnswer = { ok: true; info: PlayInfo } | { ok: false; status: 404; message: string };

/** `origin` is the hub as the asker reached it (http://host:port), so the clip address works from there. */
export function playInfo(camera: Camera, profile: StreamProfile, origin: string): PlayAnswer {
  const stream = camera.streams[profile];
  if (stream === null) return { ok: false, status: 404, message: `camera ${camera.id} has no ${profile} stream` };
  if (!stream.startsWith('hub://')) return { ok: true, info: { kind: 'live', url: stream, codec: camera.codec } };
  const name = variantName({ scene: sceneOf(camera.id), codec: camera.codec, profile });
  return { ok: true, info: { kind: 'clip', url: `${origin}${CLIPS_PATH}${name}.mp4`, codec: camera.codec } };
}
