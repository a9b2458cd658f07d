import { describe, expect, it } from 'vitest';
import { SYNC_PAGE_MAX } from '../native/sync/hub-protocol.js';
import { parseSyncRequest } from './sync-request.js';

const parse = (collection: string, query: string) => parseSyncRequest(collection, new URLSearchParams(query));

describe('parseSyncRequest', () => {
  it.each([
    ['grids', '', { collection: 'grids', after: 0, limit: SYNC_PAGE_MAX }],
    ['events', 'after=17&limit=3', { collection: 'events', after: 17, limit: 3 }],
    ['basemap', 'after=0&limit=1', { collection: 'basemap', after: 0, limit: 1 }],
    ['buildings', `limit=${SYNC_PAGE_MAX + 1}`, { collection: 'buildings', after: 0, limit: SYNC_PAGE_MAX }],
    ['workers', 'limit=9999999999', { collection: 'workers', after: 0, limit: SYNC_PAGE_MAX }],
    ['cameras', 'after=9007199254740991', { collection: 'cameras', after: Number.MAX_SAFE_INTEGER, limit: SYNC_PAGE_MAX }],
    ['grids', 'after=5&other=ignored', { collection: 'grids', after: 5, limit: SYNC_PAGE_MAX }],
  ])('accepts %s?%s', (collection, query, expected) => {
    expect(parse(collection, query)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['nope', '', 'bad_collection'],
    ['', '', 'bad_collection'],
    ['Grids', '', 'bad_collection'],
    ['grids', 'after=-1', 'bad_cursor'],
    ['grids', 'after=abc', 'bad_cursor'],
    ['grids', 'after=1.5', 'bad_cursor'],
    ['grids', 'after=1e3', 'bad_cursor'],
    ['grids', 'after=', 'bad_cursor'],
    ['grids', 'after=%201', 'bad_cursor'],
    ['grids', 'after=9007199254740993', 'bad_cursor'],
    ['grids', 'after=1&after=2', 'bad_cursor'],
    ['grids', 'limit=0', 'bad_limit'],
    ['grids', 'limit=-5', 'bad_limit'],
    ['grids', 'limit=ten', 'bad_limit'],
    ['grids', 'limit=1&limit=2', 'bad_limit'],
  ])('refuses %s?%s with %s', (collection, query, code) => {
    const r = parse(collection, query);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.message.length).toBeGreaterThan(5);
    }
  });
});
