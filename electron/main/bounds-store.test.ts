import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBoundsStore } from './bounds-store.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wf-bounds-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const state = { bounds: { x: -1900, y: 12, width: 1600, height: 900 }, maximized: true };

describe('bounds store', () => {
  it('remembers what it saved, across instances, creating the folder', () => {
    const file = join(dir, 'nested', 'window-state.json');
    expect(createBoundsStore(file).save(state)).toBe(true);
    expect(createBoundsStore(file).load()).toEqual(state);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 1 });
  });

  it('rounds fractional bounds (scaled displays) before saving', () => {
    const file = join(dir, 'window-state.json');
    createBoundsStore(file).save({ bounds: { x: 10.4, y: 20.6, width: 1600.5, height: 900.2 }, maximized: false });
    expect(createBoundsStore(file).load()).toEqual({ bounds: { x: 10, y: 21, width: 1601, height: 900 }, maximized: false });
  });

  it('has no memory when the file is missing', () => {
    expect(createBoundsStore(join(dir, 'none.json')).load()).toBeNull();
  });

  it.each([
    ['not JSON', '{"version":1,"console":'],
    ['empty', ''],
    ['a future version', JSON.stringify({ version: 2, console: state })],
    ['a negative width', JSON.stringify({ version: 1, console: { ...state, bounds: { ...state.bounds, width: -5 } } })],
    ['strings for numbers', JSON.stringify({ version: 1, console: { ...state, bounds: { x: '0', y: 0, width: 1600, height: 900 } } })],
    ['null', 'null'],
  ])('treats a corrupt file (%s) as no memory and says why', (_name, text) => {
    const file = join(dir, 'window-state.json');
    writeFileSync(file, text);
    const log = vi.fn();
    expect(createBoundsStore(file, log).load()).toBeNull();
    expect(log).toHaveBeenCalledOnce();
  });

  it('does not throw when it cannot write', () => {
    const log = vi.fn();
    // A directory where the file should be makes the rename fail, for root too.
    const file = join(dir, 'window-state.json');
    mkdirSync(file);
    chmodSync(dir, 0o755);
    expect(createBoundsStore(file, log).save(state)).toBe(false);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/not saved/));
  });

  it('refuses to save bounds it could not read back', () => {
    const log = vi.fn();
    expect(createBoundsStore(join(dir, 'w.json'), log).save({ bounds: { x: 0, y: 0, width: 0, height: 900 }, maximized: false })).toBe(false);
    expect(createBoundsStore(join(dir, 'w.json')).load()).toBeNull();
  });
});
