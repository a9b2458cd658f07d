// Where a camera stream plays from: the camera record in the cache decides the profile served and whether H.265 is
// transcoded; a direct address (rtsp://, http(s)://) is pulled as is, a `hub://` one is asked of the hub's play endpoint.
import type { Camera } from '../api/model.js';
import type { PlayInfo } from '../sync/hub-protocol.js';
import type { Located, RelayRequest, StreamPlan, StreamSources } from './relay.js';

export interface CameraLookup {
  get(id: string): Camera | null;
}

export interface PlayLookup {
  play(cameraId: string, profile: 'main' | 'sub'): Promise<PlayInfo | null>;
}

/** The hub's word for "I cannot serve this" vs "I cannot be reached" is its HubError message. */
const UNREACHABLE = /unreachable|answered 5\d\d/;

export function planStream(camera: Camera | null, req: RelayRequest): StreamPlan | { error: string } {
  if (!camera) return { error: `unknown camera ${req.cameraId}` };
  const profile = req.profile === 'sub' && camera.streams.sub ? 'sub' : 'main';
  return { cameraId: camera.id, profile, transcode: camera.codec === 'h265' && !req.h265 };
}

export function streamAddress(camera: Camera, profile: 'main' | 'sub'): string {
  return (profile === 'sub' ? camera.streams.sub : null) ?? camera.streams.main;
}

/** A direct address's job, or why it cannot be played. */
export function directJob(url: string, codec: 'h264' | 'h265'): Located {
  if (/^(rtsps?|https?):\/\/[^/\s]+/i.test(url)) return { ok: true, job: { kind: 'live', url, codec } };
  return { ok: false, state: 'error', detail: `bad camera address: ${url.slice(0, 120)}` };
}

export class CameraSources implements StreamSources {
  constructor(private readonly cameras: CameraLookup, private readonly hub: PlayLookup) {}

  plan(req: RelayRequest): StreamPlan | { error: string } {
    return planStream(this.cameras.get(req.cameraId), req);
  }

  async locate(plan: StreamPlan): Promise<Located> {
    const camera = this.cameras.get(plan.cameraId);
    if (!camera) return { ok: false, state: 'error', detail: `unknown camera ${plan.cameraId}` };
    const address = streamAddress(camera, plan.profile);
    if (!address.startsWith('hub://')) return directJob(address, camera.codec);
    let info: PlayInfo | null;
    try {
      info = await this.hub.play(camera.id, plan.profile);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return UNREACHABLE.test(message)
        ? { ok: false, state: 'offline', detail: `只有平台能提供此视频流 / hub unreachable: ${message}` }
        : { ok: false, state: 'error', detail: message };
    }
    if (!info) return { ok: false, state: 'error', detail: `the hub has no ${plan.profile} stream for camera ${camera.id}` };
    return { ok: true, job: { kind: info.kind, url: info.url, codec: info.codec } };
  }
}
