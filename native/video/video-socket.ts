// One tile's video socket: validates `?camera=&profile=&h265=`, joins the relay, and forwards its status as text
// frames and its fragments as binary frames `[FragmentKind][mp4 bytes]`; leaving the relay when the socket closes.
import type { WebSocket } from 'ws';
import { describeIssues } from '../api/issues.js';
import { VideoSocketParams, type VideoStatus } from '../api/video.js';
import type { VideoRelay } from './relay.js';

/** Policy violation: the request can never be served as asked. */
export const BAD_VIDEO_REQUEST_CLOSE = 1008;

/** The query without the seat's own parameters (token). */
function videoParams(query: URLSearchParams): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [k, v] of query) if (k !== 'token') params[k] = v;
  return params;
}

export function serveVideoSocket(relay: VideoRelay, ws: WebSocket, query: URLSearchParams): void {
  const parsed = VideoSocketParams.safeParse(videoParams(query));
  if (!parsed.success) {
    const status: VideoStatus = {
      type: 'status', state: 'error', detail: `bad video request: ${describeIssues(parsed.error)}`,
      profile: query.get('profile') === 'sub' ? 'sub' : 'main', transcoded: false, codec: null,
    };
    ws.send(JSON.stringify(status));
    ws.close(BAD_VIDEO_REQUEST_CLOSE, 'bad video request');
    return;
  }
  const open = (): boolean => ws.readyState === ws.OPEN;
  const leave = relay.subscribe({ cameraId: parsed.data.camera, profile: parsed.data.profile, h265: parsed.data.h265 }, {
    status: (s) => {
      if (open()) ws.send(JSON.stringify(s));
    },
    fragment: (kind, bytes) => {
      if (!open()) return;
      const frame = new Uint8Array(bytes.length + 1);
      frame[0] = kind;
      frame.set(bytes, 1);
      ws.send(frame, { binary: true });
    },
    bufferedBytes: () => ws.bufferedAmount,
  });
  ws.once('close', leave);
  ws.once('error', leave);
  // A tile sends nothing; anything it does send is ignored rather than buffered.
  ws.on('message', () => undefined);
}
