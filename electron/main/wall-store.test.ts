import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWallStore } from './wall-store.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wf-walls-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const walls = [
  { displayId: 2528732444, x: 1920, y: 0, wallId: 1 },
  { displayId: 7, x: -1920, y: -120, wallId: 3 },
];

describe('wall store', () => {
  it('remembers the pairings it saved, across instances, creating the folder', () => {
    const file = join(dir, 'nested', 'walls.json');
    expect(createWallStore(file).save(walls)).toBe(true);
    expect(createWallStore(file).load()).toEqual(walls);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 1 });
  });

  it('rounds the fractional positions of scaled displays', () => {
    const file = join(dir, 'walls.json');
    createWallStore(file).save([{ displayId: 2, x: 1920.4, y: -0.6, wallId: 2 }]);
    expect(createWallStore(file).load()).toEqual([{ displayId: 2, x: 1920, y: -1, wallId: 2 }]);
  });

  it('has no memory when the file is missing', () => {
    expect(createWallStore(join(dir, 'none.json')).load()).toEqual([]);
  });

  it.each([
    ['not JSON', '{"version":1,"walls":['],
    ['a future version', JSON.stringify({ version: 2, walls })],
    ['a wall id the station refuses', JSON.stringify({ version: 1, walls: [{ ...walls[0], wallId: 17 }] })],
    ['a wall id of 0', JSON.stringify({ version: 1, walls: [{ ...walls[0], wallId: 0 }] })],
    ['an unknown field', JSON.stringify({ version: 1, walls: [{ ...walls[0], extra: true }] })],
    ['a string for a display id', JSON.stringify({ version: 1, walls: [{ ...walls[0], displayId: '2' }] })],
  ])('treats a corrupt file (%s) as no memory and says why', (_name, text) => {
    const file = join(dir, 'walls.json');
    writeFileSync(file, text);
    const log = vi.fn();
    expect(createWallStore(file, log).load()).toEqual([]);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/wall memory .* ignored/));
  });

  it('refuses to save what it could not read back', () => {
    const log = vi.fn();
    const file = join(dir, 'walls.json');
    expect(createWallStore(file, log).save([{ displayId: 1, x: 0, y: 0, wallId: 99 }])).toBe(false);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/not saved/));
    expect(createWallStore(file).load()).toEqual([]);
  });
});
