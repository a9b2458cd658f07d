// A relay viewer for tests: records every status and fragment it is handed, and can pretend to be slow.
import type { VideoStatus } from '../../native/api/video.js';
import type { Viewer } from '../../native/video/relay.js';

export interface RecordingViewer extends Viewer {
  statuses: VideoStatus[];
  /** Fragment kinds in arrival order (0 init, 1 key frame, 2 delta). */
  kinds: number[];
  bytes: number;
  /** What bufferedBytes() answers; raise it to make the viewer slow. */
  backlog: number;
  state(): VideoStatus['state'] | null;
}

export function recordingViewer(): RecordingViewer {
  const v: RecordingViewer = {
    statuses: [],
    kinds: [],
    bytes: 0,
    backlog: 0,
    status: (s) => { v.statuses.push(s); },
    fragment: (kind, bytes) => {
      v.kinds.push(kind);
      v.bytes += bytes.length;
    },
    bufferedBytes: () => v.backlog,
    state: () => v.statuses.at(-1)?.state ?? null,
  };
  return v;
}
