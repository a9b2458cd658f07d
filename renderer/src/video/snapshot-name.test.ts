import { describe, expect, it } from 'vitest';
import { snapshotFileName } from './snapshot-name';

describe('snapshotFileName', () => {
  const at = new Date(2026, 10, 2, 9, 5, 7);
  it.each([
    ['东城路口 1号', '东城路口 1号_20261102-090507.png'],
    ['CAM/01:north?', 'CAM_01_north__20261102-090507.png'],
    ['  ', 'camera_20261102-090507.png'],
  ])('%j → %s', (camera, expected) => {
    expect(snapshotFileName(camera, at)).toBe(expected);
  });
});
