// What a tile tells the operator, from everything that can be wrong at once: the station's word on the
// stream, the tile's own socket, the tile's decoder, and whether a frame of this stream is on screen yet.
// "live" here means a picture is showing, so a tile never claims to play while it is black.
import type { StreamProfile, StreamState, VideoStatus } from '../../../native/api/video';

export interface PlayerStatus {
  state: StreamState;
  detail: string | null;
  profile: StreamProfile;
  transcoded: boolean;
  codec: string | null;
}

export interface PlayerFacts {
  /** The profile the tile asked for. */
  asked: StreamProfile;
  /** The station's last status on this socket, null before the first. */
  station: VideoStatus | null;
  /** Why the tile's socket is down (closed, endpoint unknown), null while it is open. */
  socketDown: string | null;
  /** A fault in this tile's decoding (codec not supported, bad init segment), null when none. */
  playerError: string | null;
  /** A frame of the current stream has been presented. */
  frameShown: boolean;
  /** A frame was presented at some time since the tile started (a drop then reads "reconnecting"). */
  everShown: boolean;
}

export function playerStatus(f: PlayerFacts): PlayerStatus {
  const base = {
    profile: f.station?.profile ?? f.asked,
    transcoded: f.station?.transcoded ?? false,
    codec: f.station?.codec ?? null,
  };
  if (f.playerError !== null) return { ...base, state: 'error', detail: f.playerError };
  if (f.socketDown !== null) return { ...base, state: f.everShown ? 'reconnecting' : 'connecting', detail: f.socketDown };
  if (!f.station) return { ...base, state: 'connecting', detail: null };
  if (f.station.state === 'live' && !f.frameShown) return { ...base, state: 'connecting', detail: null };
  return { ...base, state: f.station.state, detail: f.station.detail };
}
