import { describe, expect, it } from 'vitest';
import { parseStationArgv, toStationArgv, type StationArgs } from './station-args.js';

describe('station arguments', () => {
  it.each<StationArgs>([
    { dataDir: '/home/op/.config/Watchfloor/station', hubUrl: null },
    { dataDir: 'C:\\Users\\op\\AppData\\Roaming\\Watchfloor\\station', hubUrl: 'http://10.0.0.5:8700' },
    { dataDir: '/d i r/with spaces', hubUrl: 'https://hub.example.cn/', sqliteNativeBinding: '/opt/Watchfloor/resources/native/better_sqlite3.node' },
  ])('round-trips %o', (args) => {
    // A utility process sees the exec path and its script before the arguments main passed.
    expect(parseStationArgv(['/usr/lib/electron', '/app/out/main/station.js', ...toStationArgv(args)])).toEqual(args);
  });

  it('ignores switches it does not know', () => {
    expect(parseStationArgv(['--type=utility', '--data-dir=/d', '--enable-logging'])).toEqual({ dataDir: '/d', hubUrl: null });
  });

  it('falls back to WATCHFLOOR_DATA_DIR and WATCHFLOOR_HUB_URL', () => {
    expect(parseStationArgv([], { WATCHFLOOR_DATA_DIR: '/e', WATCHFLOOR_HUB_URL: 'http://127.0.0.1:1' })).toEqual({
      dataDir: '/e',
      hubUrl: 'http://127.0.0.1:1',
    });
    expect(parseStationArgv(['--data-dir=/a', '--hub=http://b:1'], { WATCHFLOOR_DATA_DIR: '/e', WATCHFLOOR_HUB_URL: 'http://c:2' })).toEqual({
      dataDir: '/a',
      hubUrl: 'http://b:1',
    });
  });

  it.each([
    [[], /data-dir/],
    [['--data-dir='], /data-dir/],
    [['--data-dir=/d', '--hub=ftp://x'], /http\(s\)/],
    [['--data-dir=/d', '--hub=not a url'], /http\(s\)/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseStationArgv(argv)).toThrow(message);
  });
});
