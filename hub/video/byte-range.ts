// Reads an HTTP `Range` header against a file's size (RFC 9110 §14): ffmpeg's `-stream_loop` seeks back to
// the start of a clip over HTTP with `Range: bytes=0-`, and players fetch pieces of a clip the same way.
export type ByteRange =
  | { kind: 'whole' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' };

const SINGLE = /^bytes=(\d*)-(\d*)$/;

/**
 * One range of bytes, inclusive. A header that is absent, in another unit, malformed or asks for several
 * ranges is ignored (the whole file, 200), as the RFC allows; a range wholly past the end is unsatisfiable (416).
 */
export function parseByteRange(header: string | undefined, size: number): ByteRange {
  const m = header === undefined ? null : SINGLE.exec(header.trim());
  if (!m) return { kind: 'whole' };
  const [, first = '', last = ''] = m;
  if (first === '' && last === '') return { kind: 'whole' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}
