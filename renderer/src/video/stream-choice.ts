// Which stream a tile pulls, the way Genetec and Milestone choose by tile size: a small tile decodes the
// camera's sub stream (software decode saturates at about nine 720p streams), a large or maximised tile the
// main one.
import type { StreamProfile } from '../../../native/api/video';

/** Tiles narrower than this many device pixels pull the sub stream when the camera has one. */
export const SUB_STREAM_BELOW_PX = 960;

export function chooseProfile(tile: { widthDevicePx: number; hasSub: boolean; forceMain: boolean }): StreamProfile {
  if (tile.forceMain || !tile.hasSub) return 'main';
  return tile.widthDevicePx < SUB_STREAM_BELOW_PX ? 'sub' : 'main';
}
