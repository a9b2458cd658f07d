import { describe, expect, it } from 'vitest';
import en from './en';
import { savedLocale } from './index';
import zhCN from './zh-CN';

describe('savedLocale', () => {
  it.each([
    [null, 'zh-CN'],
    ['en', 'en'],
    ['zh-CN', 'zh-CN'],
    ['fr', 'zh-CN'],
  ])('stored %s → %s', (stored, expected) => {
    expect(savedLocale({ getItem: () => stored })).toBe(expected);
  });
  it('defaults to Chinese without storage', () => {
    expect(savedLocale(null)).toBe('zh-CN');
  });
});

describe('locales', () => {
  const keys = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v as object, `${prefix}${k}.`)));
  it('English has exactly the Chinese keys, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
    expect(keys(en).filter((k) => k.length === 0)).toEqual([]);
  });
});
