import { describe, expect, it } from 'vitest';
import { defaultSeatDataDir, parseSeatArgs } from './args.js';

const fixed = () => 'generated';

describe('parseSeatArgs', () => {
  it('uses defaults and a generated token', () => {
    expect(parseSeatArgs(['--port', '9000'], {}, fixed)).toEqual({
      port: 9000, host: '127.0.0.1', hubUrl: null, dataDir: defaultSeatDataDir(), token: 'generated', tileSource: null,
    });
  });

  it('reads every flag, in both spellings, and the token from the environment', () => {
    const tiles = 'http://10.0.0.9/tiles/{z}/{x}/{-y}.png';
    expect(parseSeatArgs(['--port=0', '--hub', 'http://10.0.0.5:8700', '--data', '/tmp/seat', '--host', '0.0.0.0', `--tiles=${tiles}`], { WATCHFLOOR_TOKEN: 'abc' }, fixed))
      .toEqual({ port: 0, host: '0.0.0.0', hubUrl: 'http://10.0.0.5:8700', dataDir: '/tmp/seat', token: 'abc', tileSource: tiles });
  });

  it.each([
    [['--port', 'x'], /--port must be 0–65535, got "x"/],
    [['--port', '70000'], /--port must be/],
    [['--hub'], /--hub needs a value/],
    [['--hub', 'ftp://x'], /--hub must be an http\(s\) URL/],
    [['--verbose'], /unknown argument "--verbose"/],
    [['--tiles', 'http://x/tiles/{z}/{x}.png'], /--tiles must be an http\(s\) URL template/],
    [['--tiles', 'file:///tiles/{z}/{x}/{y}.png'], /--tiles must be/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseSeatArgs(argv, {}, fixed)).toThrow(message);
  });
});
