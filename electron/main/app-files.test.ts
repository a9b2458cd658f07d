import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeType, resolveAppFile } from './app-files.js';

const ROOT = '/opt/watchfloor/out/renderer';

describe('resolveAppFile', () => {
  it.each([
    ['watchfloor://app/', join(ROOT, 'index.html')],
    ['watchfloor://app/index.html', join(ROOT, 'index.html')],
    ['watchfloor://app/assets/index-abc.js?v=1#x', join(ROOT, 'assets/index-abc.js')],
    ['watchfloor://app/cesium/Assets/Textures/maki/%E4%B8%AD.png', join(ROOT, 'cesium/Assets/Textures/maki/中.png')],
    ['watchfloor://app/../../etc/passwd', join(ROOT, 'etc/passwd')], // the URL parser already folds the dots
    ['watchfloor://app/%2e%2e/%2e%2e/etc/passwd', join(ROOT, 'etc/passwd')], // so are encoded dots
    ['watchfloor://app/assets/..%2f..%2f..%2fetc/passwd', null],
    ['watchfloor://app/wall/1', join(ROOT, 'index.html')],
    ['watchfloor://app/wall/16/', join(ROOT, 'index.html')],
    ['watchfloor://app/wall/2?lang=en', join(ROOT, 'index.html')],
    ['watchfloor://app/wall/123', join(ROOT, 'wall/123')], // not a wall id: a plain (missing) file
    ['watchfloor://app/wall/', `${join(ROOT, 'wall')}/`], // a folder: the protocol answers 404
    ['watchfloor://app/wall/..%2f..%2f..%2fetc/passwd', null],
    ['watchfloor://app/wallpaper.png', join(ROOT, 'wallpaper.png')],
    ['watchfloor://app/%00', null],
    ['watchfloor://app/%E4%', null],
    ['watchfloor://other/index.html', null],
    ['file:///opt/watchfloor/out/renderer/index.html', null],
    ['nonsense', null],
  ])('%s → %s', (url, expected) => {
    expect(resolveAppFile(url, ROOT)).toBe(expected);
  });
});

describe('mimeType', () => {
  it.each([
    ['a/index.html', 'text/html; charset=utf-8'],
    ['a/b.JS', 'text/javascript; charset=utf-8'],
    ['Workers/x.mjs', 'text/javascript; charset=utf-8'],
    ['x.wasm', 'application/wasm'],
    ['x.json', 'application/json; charset=utf-8'],
    ['noext', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(mimeType(file)).toBe(type);
  });
});
