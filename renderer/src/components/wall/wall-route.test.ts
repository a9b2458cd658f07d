import { describe, expect, it } from 'vitest';
import { wallIdFromPath, wallPageHref } from './wall-route';

describe('wallIdFromPath', () => {
  it.each([
    ['/wall/1', 1],
    ['/wall/16/', 16],
    ['/wall/3', 3],
    ['/', null],
    ['/index.html', null],
    ['/wall/', null],
    ['/wall/0', null],
    ['/wall/17', null],
    ['/wall/1x', null],
    ['/wall/1/extra', null],
    ['/walls/1', null],
  ])('%s → %s', (path, expected) => {
    expect(wallIdFromPath(path)).toBe(expected);
  });
});

describe('wallPageHref', () => {
  it('keeps the token query', () => {
    expect(wallPageHref(2, '?token=a%2Bb')).toBe('/wall/2?token=a%2Bb');
  });
});
