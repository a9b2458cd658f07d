import { describe, expect, it } from 'vitest';
import { loadCounty } from '../county/load.js';
import {
  clipArgs, clipCaption, filterValue, parseVariantName, SCENE_COUNT, sceneOf, variantName, type ClipVariant,
} from './clip-variant.js';

describe('clip variants', () => {
  it.each([
    ['s0-h264-main', { scene: 0, codec: 'h264', profile: 'main' }],
    ['s3-h265-sub', { scene: 3, codec: 'h265', profile: 'sub' }],
    ['s4-h264-main', null],
    ['s0-vp9-main', null],
    ['s0-h264-main.mp4', null],
    ['../s0-h264-main', null],
    ['', null],
  ] as [string, ClipVariant | null][])('%s parses to %j', (name, want) => {
    expect(parseVariantName(name)).toEqual(want);
    if (want) expect(variantName(want)).toBe(name);
  });

  it('spreads the county cameras over every scene, the same way every time', () => {
    const counts = new Array<number>(SCENE_COUNT).fill(0);
    const cameras = loadCounty().cameras;
    for (const c of cameras) counts[sceneOf(c.id)]!++;
    for (const n of counts) expect(n).toBeGreaterThan(cameras.length / SCENE_COUNT / 2);
    expect(sceneOf('32102300001310000001')).toBe(sceneOf('32102300001310000001'));
  });

  it.each([
    ['plain', 'plain'],
    ['%{pts:hms}', '%{pts\\\\:hms}'],
    ['C:\\Windows\\Fonts\\msyh.ttc', 'C\\\\:\\\\\\\\Windows\\\\\\\\Fonts\\\\\\\\msyh.ttc'],
    ["it's, [x]", "it\\\\\\'s\\, \\[x\\]"],
  ])('escapes %j for a filter graph', (value, want) => {
    expect(filterValue(value)).toBe(want);
  });

  it('captions in Chinese when a CJK font is there, in ASCII otherwise', () => {
    expect(clipCaption({ scene: 0, codec: 'h265', profile: 'sub' }, true)).toBe('演示摄像机 DEMO · H.265 · 子码流');
    expect(clipCaption({ scene: 0, codec: 'h264', profile: 'main' }, false)).toBe('DEMO CAMERA · H.264 · MAIN');
  });

  it('encodes with a fixed one-second GOP, no B-frames, the profile size and rate, index first', () => {
    const h264 = clipArgs({ scene: 1, codec: 'h264', profile: 'sub' }, { seconds: 6, fontFile: null, output: '/tmp/x.mp4' }).join(' ');
    expect(h264).toContain('-c:v libx264');
    expect(h264).toContain('-bf 0 -g 25 -keyint_min 25 -sc_threshold 0');
    expect(h264).toContain('scale=640:360');
    expect(h264).toContain('-b:v 400k');
    expect(h264).toContain('-t 6');
    expect(h264).toContain('-an');
    expect(h264).toContain('-movflags +faststart -f mp4 /tmp/x.mp4');
    expect(h264).not.toContain('fontfile');
    const h265 = clipArgs({ scene: 0, codec: 'h265', profile: 'main' }, { seconds: 2, fontFile: '/f.ttc', output: 'o' }).join(' ');
    expect(h265).toContain('-c:v libx265');
    expect(h265).toContain('-tag:v hvc1');
    expect(h265).toContain('keyint=25:min-keyint=25:scenecut=0:bframes=0');
    expect(h265).toContain('testsrc2=s=1280x720:r=25');
    expect(h265).toContain('fontfile=/f.ttc:');
    expect(h265).toContain('-b:v 2000k');
  });
});
