// The URL a tile's video socket opens: `video.endpoint` answers a path (`/video?token=…`, browser seat) or an
// absolute ws:// URL (Electron's utility process); either way the tile adds which camera, which profile and
// whether it can decode H.265 itself.
import type { StreamProfile } from '../../../native/api/video';

export interface VideoSocketQuery {
  cameraId: string;
  profile: StreamProfile;
  h265: boolean;
}

export function videoSocketUrl(endpoint: string, base: Pick<Location, 'href'>, query: VideoSocketQuery): string {
  const url = new URL(endpoint, base.href);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new Error(`video endpoint is not a WebSocket URL: ${endpoint}`);
  url.searchParams.set('camera', query.cameraId);
  url.searchParams.set('profile', query.profile);
  url.searchParams.set('h265', query.h265 ? '1' : '0');
  return url.toString();
}
