import { describe, expect, it } from 'vitest';
import { CAMERAS_DRAG_TYPE, CAMERA_DRAG_TYPE, carriesCameras, readWallDrop, setCameraDrag, setCamerasDrag } from './drag';

/** DataTransfer as the drag handlers use it: a typed store of strings. */
function transfer(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    effectAllowed: 'uninitialized' as DataTransfer['effectAllowed'],
    get types() {
      return [...data.keys()];
    },
    setData: (type: string, value: string) => void data.set(type, value),
    getData: (type: string) => data.get(type) ?? '',
  };
}

const ID = '32102300001310000001';

describe('camera drags', () => {
  it('round-trips one camera and a grid of cameras', () => {
    const one = transfer();
    setCameraDrag(one, ID, 'Gate');
    expect(one.effectAllowed).toBe('copy');
    expect(readWallDrop(one)).toEqual({ kind: 'camera', cameraId: ID });

    const many = transfer();
    setCamerasDrag(many, [ID, '2'], 'Grid A');
    expect(readWallDrop(many)).toEqual({ kind: 'cameras', cameraIds: [ID, '2'] });
  });

  it('caps a grid drag at 64 cameras', () => {
    const many = transfer();
    setCamerasDrag(many, Array.from({ length: 80 }, (_, i) => `c${i}`), 'big');
    expect(readWallDrop(many)).toMatchObject({ kind: 'cameras', cameraIds: expect.arrayContaining(['c0', 'c63']) });
    expect((readWallDrop(many) as { cameraIds: string[] }).cameraIds).toHaveLength(64);
  });

  it.each([
    ['plain text only', { 'text/plain': ID }],
    ['an empty camera id', { [CAMERA_DRAG_TYPE]: '' }],
    ['a camera id too long', { [CAMERA_DRAG_TYPE]: 'x'.repeat(65) }],
    ['cameras that are not JSON', { [CAMERAS_DRAG_TYPE]: '[oops' }],
    ['an empty camera list', { [CAMERAS_DRAG_TYPE]: '[]' }],
    ['a list of numbers', { [CAMERAS_DRAG_TYPE]: '[1,2]' }],
  ])('ignores %s', (_label, data) => {
    expect(readWallDrop(transfer(data))).toBeNull();
  });

  it.each([
    [[CAMERA_DRAG_TYPE], true],
    [['text/plain', CAMERAS_DRAG_TYPE], true],
    [['text/plain'], false],
    [['Files'], false],
  ])('types %j carry cameras: %s', (types, expected) => {
    expect(carriesCameras(types)).toBe(expected);
  });
});
