import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HubArgsError, parseHubArgs } from './args.js';

describe('parseHubArgs', () => {
  it.each([
    [[], { port: 8700, host: '127.0.0.1', dataDir: null, seed: undefined }],
    [['--port', '0'], { port: 0, host: '127.0.0.1', dataDir: null, seed: undefined }],
    [['--port=9000', '--data', 'x/hub'], { port: 9000, host: '127.0.0.1', dataDir: resolve('x/hub'), seed: undefined }],
    [['--host', '0.0.0.0', '--seed', '-7'], { port: 8700, host: '0.0.0.0', dataDir: null, seed: -7 }],
    [['--rtc-ip', '0.0.0.0', '--announced-ip=192.168.1.20'], { port: 8700, host: '127.0.0.1', dataDir: null, seed: undefined, rtcIp: '0.0.0.0', announcedIp: '192.168.1.20' }],
  ])('%j', (argv, expected) => {
    expect(parseHubArgs(argv)).toEqual(expected);
  });

  it.each([
    [['--port']],
    [['--port', '']],
    [['--port', '70000']],
    [['--port', '-1']],
    [['--port', '80a']],
    [['--seed', '1.5']],
    [['--hub', 'http://x']],
    [['8700']],
    [['--rtc-ip', 'hub.local']],
    [['--announced-ip', '300.1.1.1']],
  ])('refuses %j', (argv) => {
    expect(() => parseHubArgs(argv)).toThrow(HubArgsError);
  });
});
