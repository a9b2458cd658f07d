import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseShellArgv, shellPaths, type ShellFacts } from './shell-paths.js';

const dev: ShellFacts = {
  mainDir: '/src/watchfloor/out/main',
  isPackaged: false,
  resourcesPath: '/usr/lib/electron/resources',
  appPath: '/src/watchfloor',
  userData: '/home/op/.config/Watchfloor',
  env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' },
};
const packaged: ShellFacts = {
  mainDir: '/opt/Watchfloor/resources/app.asar/out/main',
  isPackaged: true,
  resourcesPath: '/opt/Watchfloor/resources',
  appPath: '/opt/Watchfloor/resources/app.asar',
  userData: '/home/op/.config/Watchfloor',
  env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' },
};

describe('shellPaths', () => {
  it('in development: the dev server and the project’s own Electron build of SQLite', () => {
    expect(shellPaths(dev)).toEqual({
      preload: join('/src/watchfloor/out/preload/index.cjs'),
      stationModule: join('/src/watchfloor/out/main/station.js'),
      rendererDir: join('/src/watchfloor/out/renderer'),
      appUrl: 'http://localhost:5173',
      sqliteBinding: join('/src/watchfloor/native-build/electron/better_sqlite3.node'),
      dataDir: join('/home/op/.config/Watchfloor/station'),
    });
  });

  it('packaged: the app protocol (never a dev URL from the environment) and SQLite from resources', () => {
    const p = shellPaths(packaged);
    expect(p.appUrl).toBe('watchfloor://app/index.html');
    expect(p.sqliteBinding).toBe(join('/opt/Watchfloor/resources/native/better_sqlite3.node'));
    expect(p.stationModule).toBe(join('/opt/Watchfloor/resources/app.asar/out/main/station.js'));
  });

  it('a built app run from the project (electron-vite preview) uses the app protocol', () => {
    expect(shellPaths({ ...dev, env: {} }).appUrl).toBe('watchfloor://app/index.html');
  });
});

describe('parseShellArgv', () => {
  it.each([
    [['/usr/bin/electron', '.'], {}, { hubUrl: null, dataDir: null }],
    [['/usr/bin/electron', '.', '--hub', 'http://10.1.1.1:8700'], {}, { hubUrl: 'http://10.1.1.1:8700', dataDir: null }],
    [['/opt/Watchfloor/watchfloor', '--hub=http://h:1', '--data=/srv/seat'], {}, { hubUrl: 'http://h:1', dataDir: '/srv/seat' }],
    [['/opt/Watchfloor/watchfloor', '--no-sandbox', '--enable-logging'], { WATCHFLOOR_HUB_URL: 'http://env:2' }, { hubUrl: 'http://env:2', dataDir: null }],
  ])('%j %j', (argv, env, expected) => {
    expect(parseShellArgv(argv, env)).toEqual(expected);
  });
});
