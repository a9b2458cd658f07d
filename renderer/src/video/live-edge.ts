// Keeping a live tile at the live edge: how far behind the newest buffered frame playback may fall before
// it is nudged (a slightly faster playbackRate, invisible to the operator) or jumps (a seek), and which
// old buffer to drop so a tile that plays for days keeps a bounded SourceBuffer.

/** Behind the newest frame by more than this: seek (a stall or a backgrounded tab left it far behind). */
export const SEEK_BEHIND_S = 1.5;
/** Behind by more than this: play 10 % faster until caught up. */
export const NUDGE_BEHIND_S = 0.35;
/** Where a seek lands: just before the newest frame, so the decoder has a frame or two in hand. */
export const SEEK_MARGIN_S = 0.1;
export const NUDGE_RATE = 1.1;
/** Buffer kept behind the playhead; older media is removed. */
export const KEEP_BEHIND_S = 10;
/** Removal waits until this much more than KEEP_BEHIND_S has piled up, so it runs every few seconds, not per frame. */
export const TRIM_SLACK_S = 2;

export type LiveEdgeAction = { kind: 'seek'; to: number } | { kind: 'rate'; rate: number };

/**
 * What to do given the end of the buffered media and the playhead (seconds). `seekBehindS` is lowered to
 * NUDGE_BEHIND_S right after a stream's first frame: the key frame is on screen at once, then playback jumps
 * to the newest frame instead of creeping up on it at 1.1× for seconds.
 */
export function liveEdgeAction(bufferedEnd: number, currentTime: number, seekBehindS = SEEK_BEHIND_S): LiveEdgeAction {
  const behind = bufferedEnd - currentTime;
  // Ahead of the buffer by as much is just as wrong (a reset left the playhead past the new media).
  if (Math.abs(behind) > seekBehindS) return { kind: 'seek', to: Math.max(0, bufferedEnd - SEEK_MARGIN_S) };
  if (behind > NUDGE_BEHIND_S) return { kind: 'rate', rate: NUDGE_RATE };
  return { kind: 'rate', rate: 1 };
}

/** The range to remove from the SourceBuffer, or null while the buffer behind the playhead is small enough. */
export function trimRange(bufferedStart: number, currentTime: number, keepS = KEEP_BEHIND_S): { start: number; end: number } | null {
  const end = currentTime - keepS;
  if (end - bufferedStart < TRIM_SLACK_S) return null;
  return { start: bufferedStart, end };
}

/** After QuotaExceededError: drop everything but the last second before the playhead, or null if nothing is left to drop. */
export function quotaTrimRange(bufferedStart: number, currentTime: number): { start: number; end: number } | null {
  const end = currentTime - 1;
  return end > bufferedStart ? { start: bufferedStart, end } : null;
}

/**
 * The start of the first buffered range after a playhead that sits in a hole (frames dropped up to the next
 * keyframe leave one); null while the playhead is inside a range or nothing lies ahead. Chromium does not
 * jump such holes by itself.
 */
export function gapJumpTarget(ranges: ReadonlyArray<readonly [number, number]>, currentTime: number, tolerance = 0.1): number | null {
  for (const [start, end] of ranges) {
    if (currentTime >= start - tolerance && currentTime <= end + tolerance) return null;
    if (start > currentTime) return start;
  }
  return null;
}

/** A picture that has not moved for this long while media keeps arriving is stuck: the tile starts afresh. */
export const STALL_RESTART_S = 6;
/** …provided at least this many fragments (a second at 25 fps) arrived meanwhile: a silent camera is not a stuck decoder. */
export const STALL_MIN_FRAGMENTS = 25;

/**
 * Whether a tile is stuck: media arrives but the playhead stands still (seen under heavy load: a decoder
 * fed frames whose timestamps barely move). The cure is a fresh MediaSource from the relay's next keyframe.
 */
export function isStalled(sinceProgressS: number, fragmentsSinceProgress: number): boolean {
  return sinceProgressS >= STALL_RESTART_S && fragmentsSinceProgress >= STALL_MIN_FRAGMENTS;
}
