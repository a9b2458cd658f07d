// The tiny test county (hub/test-fixture.ts) with cameras that really play: every camera's streams point at the
// test RTSP server (tests/support/rtsp-cameras.ts), so a hub started with it serves cameras a wall can show.
import type { CountyData } from '../../hub/county/types.js';
import { fixtureCounty, type FixtureSize } from '../../hub/test-fixture.js';

/** rtsp-cameras.py serves cam1..cam32. */
const PATHS = 32;

export interface VideoCountyOptions {
  /** The fixture's size; default 4 villages × 4 units = 16 cameras (a 16-tile wall), one building per unit. */
  size?: FixtureSize;
  /**
   * Each camera's sub stream: `same` (default) the main path again, `other` another path (cam<n+16>, so main and sub
   * are distinct relays), `none` no sub stream (a tile asking for sub is served main).
   */
  sub?: 'same' | 'other' | 'none';
  /** Cameras (by index in `county.cameras`) whose main and sub point at a port nothing listens on (a dead camera). */
  deadCameras?: number[];
  /** The port used for dead cameras; default 9 (discard: nothing listens there on a test box). */
  deadPort?: number;
}

/**
 * Camera i (0-based, in `county.cameras` order) plays `rtsp://127.0.0.1:<rtspPort>/cam<i % 32 + 1>`; ids, names,
 * grids and positions are the fixture's.
 */
export function videoCounty(rtspPort: number, opts: VideoCountyOptions = {}): CountyData {
  const county = fixtureCounty(opts.size ?? { villages: 4, unitsPerVillage: 4, buildingsPerUnit: 1 });
  const sub = opts.sub ?? 'same';
  const dead = new Set(opts.deadCameras ?? []);
  county.cameras = county.cameras.map((camera, i) => {
    const port = dead.has(i) ? (opts.deadPort ?? 9) : rtspPort;
    const path = (n: number): string => `rtsp://127.0.0.1:${port}/cam${(n % PATHS) + 1}`;
    const main = path(i);
    const streams = { main, sub: sub === 'none' ? null : sub === 'same' ? main : path(i + PATHS / 2) };
    return { ...camera, codec: 'h264', online: true, streams };
  });
  return county;
}
