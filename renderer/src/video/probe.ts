// A read-only window onto the playing tiles for end-to-end tests and the video benchmark
// (`window.__watchfloorVideo`). It reports what each player knows; it never changes what plays.
import type { StreamProfile, StreamState } from '../../../native/api/video';

export interface TileProbe {
  cameraId: string;
  state: StreamState;
  profile: StreamProfile;
  transcoded: boolean;
  codec: string | null;
  currentTime: number;
  /** End of the last buffered range (seconds of media time), NaN before any. */
  bufferedEnd: number;
  /** Frames decoded / dropped by this tile since it started (getVideoPlaybackQuality, summed over resets). */
  framesDecoded: number;
  framesDropped: number;
  /** Epoch ms when the player started, and when its first frame was presented (null before). */
  startedAt: number;
  firstFrameAt: number | null;
  /** Glass-to-glass latency: now minus the time barcoded into the frame on screen (rtsp-cameras.py); null without one. */
  latencyMs(): number | null;
}

export interface VideoProbe {
  tiles(): TileProbe[];
}

export interface ProbedPlayer {
  probe(): TileProbe;
}

declare global {
  interface Window {
    /** Read-only video probe for end-to-end tests and the video benchmark (see video/probe.ts). */
    __watchfloorVideo?: VideoProbe;
  }
}

const players = new Set<ProbedPlayer>();

/** Adds a player to the probe (installing it on first use); returns the function that removes it. */
export function registerProbedPlayer(player: ProbedPlayer): () => void {
  players.add(player);
  window.__watchfloorVideo ??= { tiles: () => [...players].map((p) => p.probe()) };
  return () => players.delete(player);
}
