// Reads `GET /api/v1/sync/<collection>?after=&limit=` into checked values, or says which part is wrong:
// a request the hub cannot answer exactly gets a 400, never a guess.
import { z } from 'zod';
import { SYNC_PAGE_MAX, SyncCollection } from '../native/sync/hub-protocol.js';

export interface SyncRequest {
  collection: SyncCollection;
  after: number;
  limit: number;
}

export type SyncRequestError = { code: 'bad_collection' | 'bad_cursor' | 'bad_limit'; message: string };

/** A decimal count as the query string carries it: digits only (no sign, exponent or blanks), safe as a double. */
const Count = z
  .string()
  .regex(/^\d{1,16}$/, 'must be a whole number written in digits')
  .transform(Number)
  .refine(Number.isSafeInteger, 'is too large');

const Cursor = Count;
const Limit = Count.refine((n) => n >= 1, 'must be at least 1').transform((n) => Math.min(n, SYNC_PAGE_MAX));

function single(params: URLSearchParams, name: string): { value: string | undefined } | { repeated: true } {
  const all = params.getAll(name);
  return all.length > 1 ? { repeated: true } : { value: all[0] };
}

export function parseSyncRequest(collection: string, params: URLSearchParams): { ok: true; value: SyncRequest } | { ok: false; error: SyncRequestError } {
  const c = SyncCollection.safeParse(collection);
  if (!c.success) {
    return { ok: false, error: { code: 'bad_collection', message: `unknown collection "${collection.slice(0, 40)}"; one of ${SyncCollection.options.join(', ')}` } };
  }

  const after = single(params, 'after');
  if ('repeated' in after) return { ok: false, error: { code: 'bad_cursor', message: '"after" given more than once' } };
  let cursor = 0;
  if (after.value !== undefined) {
    const parsed = Cursor.safeParse(after.value);
    if (!parsed.success) return { ok: false, error: { code: 'bad_cursor', message: `"after" ${parsed.error.issues[0]?.message ?? 'is invalid'}` } };
    cursor = parsed.data;
  }

  const limit = single(params, 'limit');
  if ('repeated' in limit) return { ok: false, error: { code: 'bad_limit', message: '"limit" given more than once' } };
  let n = SYNC_PAGE_MAX;
  if (limit.value !== undefined) {
    const parsed = Limit.safeParse(limit.value);
    if (!parsed.success) return { ok: false, error: { code: 'bad_limit', message: `"limit" ${parsed.error.issues[0]?.message ?? 'is invalid'}` } };
    n = parsed.data;
  }

  return { ok: true, value: { collection: c.data, after: cursor, limit: n } };
}
