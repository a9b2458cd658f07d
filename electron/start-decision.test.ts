// `npm start`'s decision (scripts/start-decision.mjs, plain Node so the launcher needs no build step).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronBinary, NO_ELECTRON_NOTICE, planStart } from '../scripts/start-decision.mjs';

const dir = '/w/node_modules/electron';
const facts = (files: Record<string, string>, env: Record<string, string> = {}) => ({
  electronDir: dir,
  env,
  exists: (p: string) => p in files,
  read: (p: string) => files[p] ?? null,
});

describe('electronBinary', () => {
  it.each<[string, Record<string, string>, Record<string, string>, string | null]>([
    ['installed', { [join(dir, 'path.txt')]: 'electron', [join(dir, 'dist/electron')]: '' }, {}, join(dir, 'dist/electron')],
    ['installed on Windows', { [join(dir, 'path.txt')]: 'electron.exe', [join(dir, 'dist/electron.exe')]: '' }, {}, join(dir, 'dist/electron.exe')],
    ['skipped download: no path.txt', {}, {}, null],
    ['path.txt but the binary was removed', { [join(dir, 'path.txt')]: 'electron' }, {}, null],
    ['empty path.txt', { [join(dir, 'path.txt')]: '  \n' }, {}, null],
    ['an override dist path', { '/opt/electron/electron': '' }, { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }, '/opt/electron/electron'],
    ['an override dist path without the binary', {}, { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }, null],
  ])('%s', (_name, files, env, expected) => {
    expect(electronBinary(facts(files, env))).toBe(expected);
  });
});

describe('planStart', () => {
  it.each([
    ['no Electron: the browser seat, with the one-line notice', { electron: null, sqliteBuilt: false, args: ['--hub', 'http://h:1'] },
      { run: 'seat', notice: NO_ELECTRON_NOTICE, args: ['--hub', 'http://h:1'] }],
    ['Electron and its SQLite build', { electron: '/e', sqliteBuilt: true, args: [] }, { run: 'electron', buildSqlite: false, args: [] }],
    ['Electron without its SQLite build: build it first', { electron: '/e', sqliteBuilt: false, args: ['--hub=http://h:1'] },
      { run: 'electron', buildSqlite: true, args: ['--hub=http://h:1'] }],
    ['--seat asks for the browser seat anyway', { electron: '/e', sqliteBuilt: true, args: ['--seat', '--port', '8080'] },
      { run: 'seat', notice: null, args: ['--port', '8080'] }],
  ])('%s', (_name, input, expected) => {
    expect(planStart(input)).toEqual(expected);
  });

  it('says it in one line', () => {
    expect(NO_ELECTRON_NOTICE).not.toContain('\n');
    expect(NO_ELECTRON_NOTICE).toMatch(/Electron binary not installed.*browser seat/);
  });
});
