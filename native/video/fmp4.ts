// Fragmented MP4, just enough for a live relay and an MSE player: an incremental top-level box splitter that groups
// boxes into init (ftyp+moov) and media (moof+mdat) segments, key-frame detection, and the MSE codec string.
// Pure and Uint8Array-only: the station and the renderer both import it.

/** A box larger than this is not a live fragment (a frame of 4K H.265 stays far below). */
export const MAX_BOX_BYTES = 16 * 1024 * 1024;

/** Top-level boxes a fragmented MP4 stream may carry; anything else means ffmpeg wrote something else. */
const TOP_LEVEL = new Set(['ftyp', 'moov', 'moof', 'mdat', 'styp', 'sidx', 'prft', 'free', 'skip', 'mfra', 'emsg', 'uuid']);

export type Fmp4Segment =
  | { kind: 'init'; bytes: Uint8Array }
  | { kind: 'media'; bytes: Uint8Array; keyframe: boolean };

export class Fmp4Error extends Error {
  constructor(what: string) {
    super(`not fragmented MP4: ${what}`);
    this.name = 'Fmp4Error';
  }
}

function fourcc(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0, bytes[at + 3] ?? 0);
}

function u32(bytes: Uint8Array, at: number): number {
  return (((bytes[at] ?? 0) << 24) >>> 0) + ((bytes[at + 1] ?? 0) << 16) + ((bytes[at + 2] ?? 0) << 8) + (bytes[at + 3] ?? 0);
}

function printable(type: string): string {
  return /^[\x20-\x7e]{4}$/.test(type) ? `'${type}'` : `0x${[...type].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('')}`;
}

interface BoxHeader {
  type: string;
  /** Header length (8, or 16 with a 64-bit size). */
  header: number;
  /** Whole box length. */
  size: number;
}

/** Reads a box header at `at` (needs 16 bytes or the end of `bytes`); null when more bytes are needed. */
function readHeader(bytes: Uint8Array, at: number, end: number): BoxHeader | null {
  if (end - at < 8) return null;
  const size32 = u32(bytes, at);
  const type = fourcc(bytes, at + 4);
  if (size32 === 1) {
    if (end - at < 16) return null;
    const high = u32(bytes, at + 8);
    const low = u32(bytes, at + 12);
    if (high !== 0) throw new Error(`box ${printable(type)} of ${high} × 4 GiB`);
    return { type, header: 16, size: low };
  }
  if (size32 === 0) throw new Error(`box ${printable(type)} runs to the end of the file (not a live stream)`);
  return { type, header: 8, size: size32 };
}

/** The child boxes of a container's payload `[start, end)`: [type, payloadStart, boxEnd]. */
function* children(bytes: Uint8Array, start: number, end: number): Generator<[string, number, number]> {
  let at = start;
  while (at + 8 <= end) {
    let h: BoxHeader | null;
    try {
      h = readHeader(bytes, at, end);
    } catch {
      return;
    }
    if (!h || h.size < h.header || at + h.size > end) return;
    yield [h.type, at + h.header, at + h.size];
    at += h.size;
  }
}

/** The first box along `path` inside `[start, end)`: [payloadStart, boxEnd], or null. */
function find(bytes: Uint8Array, path: string[], start = 0, end = bytes.length): [number, number] | null {
  const [head, ...rest] = path;
  if (head === undefined) return [start, end];
  for (const [type, payload, boxEnd] of children(bytes, start, end)) {
    if (type === head) return find(bytes, rest, payload, boxEnd);
  }
  return null;
}

/** Bit 16 of ISO BMFF sample flags: sample_is_non_sync_sample. */
const NON_SYNC = 0x00010000;

/** trex's default_sample_flags from an init segment (moov/mvex/trex); the fallback when a fragment names none. */
export function trexDefaultFlags(moov: Uint8Array): number | null {
  const trex = find(moov, ['moov', 'mvex', 'trex']);
  // trex payload: version/flags(4) track_ID(4) default_sample_description_index(4) duration(4) size(4) flags(4)
  return trex && trex[1] - trex[0] >= 24 ? u32(moov, trex[0] + 20) : null;
}

/**
 * The first sample's flags of a moof (trun first_sample_flags, else its per-sample flags, else tfhd's default,
 * else trex's): whether the fragment starts with a key frame.
 */
export function moofStartsWithKeyframe(moof: Uint8Array, trexFlags: number | null = null): boolean {
  const traf = find(moof, ['moof', 'traf']);
  if (!traf) return false;
  let flags: number | null = trexFlags;
  const tfhd = find(moof, ['tfhd'], traf[0], traf[1]);
  if (tfhd) {
    const tfFlags = u32(moof, tfhd[0]) & 0xffffff;
    let at = tfhd[0] + 8; // version/flags, track_ID
    if (tfFlags & 0x01) at += 8; // base_data_offset
    if (tfFlags & 0x02) at += 4; // sample_description_index
    if (tfFlags & 0x08) at += 4; // default_sample_duration
    if (tfFlags & 0x10) at += 4; // default_sample_size
    if (tfFlags & 0x20 && at + 4 <= tfhd[1]) flags = u32(moof, at);
  }
  const trun = find(moof, ['trun'], traf[0], traf[1]);
  if (trun) {
    const trFlags = u32(moof, trun[0]) & 0xffffff;
    const count = u32(moof, trun[0] + 4);
    let at = trun[0] + 8;
    if (trFlags & 0x01) at += 4; // data_offset
    if (trFlags & 0x04) {
      flags = u32(moof, at);
    } else if (trFlags & 0x400 && count > 0) {
      if (trFlags & 0x100) at += 4; // sample_duration
      if (trFlags & 0x200) at += 4; // sample_size
      flags = u32(moof, at);
    }
  }
  return flags !== null && (flags & NON_SYNC) === 0;
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

/** The sample entry (avc1/avc3/hvc1/hev1) of the init segment's first video track: [type, payloadStart, end]. */
function videoSampleEntry(init: Uint8Array): [string, number, number] | null {
  const moov = find(init, ['moov']);
  if (!moov) return null;
  for (const [type, payload, end] of children(init, moov[0], moov[1])) {
    if (type !== 'trak') continue;
    const stsd = find(init, ['mdia', 'minf', 'stbl', 'stsd'], payload, end);
    if (!stsd) continue;
    // stsd payload: version/flags(4) entry_count(4), then sample entries.
    for (const [entry, entryPayload, entryEnd] of children(init, stsd[0] + 8, stsd[1])) {
      if (['avc1', 'avc3', 'hvc1', 'hev1'].includes(entry)) return [entry, entryPayload, entryEnd];
    }
  }
  return null;
}

/** A visual sample entry's fixed fields before its child boxes (ISO 14496-12 VisualSampleEntry). */
const VISUAL_SAMPLE_ENTRY_BYTES = 78;

/**
 * The MSE codec string of an init segment, from its avcC (`avc1.PPCCLL`) or hvcC
 * (`hvc1.<space><profile>.<compat reversed>.<L|H><level>.<constraint bytes>`, ISO 14496-15 annex E).
 */
export function codecString(init: Uint8Array): string {
  const entry = videoSampleEntry(init);
  if (!entry) throw new Error('no H.264 or H.265 video track in the init segment');
  const [type, payload, end] = entry;
  const configType = type.startsWith('avc') ? 'avcC' : 'hvcC';
  const config = find(init, [configType], payload + VISUAL_SAMPLE_ENTRY_BYTES, end);
  if (!config) throw new Error(`${type} without ${configType}`);
  const c = init.subarray(config[0], config[1]);
  if (configType === 'avcC') {
    if (c.length < 4) throw new Error('avcC too short');
    return `${type}.${hex2(c[1] ?? 0)}${hex2(c[2] ?? 0)}${hex2(c[3] ?? 0)}`;
  }
  if (c.length < 13) throw new Error('hvcC too short');
  const b1 = c[1] ?? 0;
  const space = ['', 'A', 'B', 'C'][b1 >> 6] ?? '';
  const tier = b1 & 0x20 ? 'H' : 'L';
  const profile = b1 & 0x1f;
  let compat = u32(c, 2);
  let reversed = 0;
  for (let i = 0; i < 32; i++) {
    reversed = ((reversed << 1) | (compat & 1)) >>> 0;
    compat >>>= 1;
  }
  const constraints = [...c.subarray(6, 12)];
  while (constraints.length > 0 && constraints[constraints.length - 1] === 0) constraints.pop();
  const level = c[12] ?? 0;
  return [`${type}`, `${space}${profile}`, reversed.toString(16).toUpperCase(), `${tier}${level}`,
    ...constraints.map((b) => b.toString(16).toUpperCase())].join('.');
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  return concatBytes(parts);
}

/** The chunks joined into one new array (the player hands MSE one append per pump). */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Splits a byte stream (ffmpeg's `-f mp4 -movflags frag_keyframe+empty_moov+…` stdout) into segments as bytes arrive.
 * Throws Fmp4Error on anything that is not fragmented MP4; after that the splitter is spent.
 */
export class Fmp4Splitter {
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private initParts: Uint8Array[] = [];
  private moof: Uint8Array | null = null;
  private trexFlags: number | null = null;
  private failed: Fmp4Error | null = null;

  push(chunk: Uint8Array): Fmp4Segment[] {
    if (this.failed) throw this.failed;
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const out: Fmp4Segment[] = [];
    try {
      for (;;) {
        const box = this.nextBox();
        if (!box) break;
        const segment = this.group(box.type, box.bytes);
        if (segment) out.push(segment);
      }
    } catch (err) {
      this.failed = err instanceof Fmp4Error ? err : new Fmp4Error(err instanceof Error ? err.message : String(err));
      throw this.failed;
    }
    return out;
  }

  private nextBox(): { type: string; bytes: Uint8Array } | null {
    const head = this.peek(16);
    const h = readHeader(head, 0, head.length);
    if (!h) return null;
    if (!TOP_LEVEL.has(h.type)) throw new Fmp4Error(`unexpected top-level box ${printable(h.type)}`);
    if (h.size < h.header) throw new Fmp4Error(`box ${printable(h.type)} of ${h.size} bytes`);
    if (h.size > MAX_BOX_BYTES) throw new Fmp4Error(`box ${printable(h.type)} of ${h.size} bytes (limit ${MAX_BOX_BYTES})`);
    if (this.buffered < h.size) return null;
    return { type: h.type, bytes: this.take(h.size) };
  }

  private group(type: string, bytes: Uint8Array): Fmp4Segment | null {
    switch (type) {
      case 'ftyp':
        this.initParts = [bytes];
        this.moof = null;
        return null;
      case 'moov': {
        const init = concat([...this.initParts, bytes]);
        this.initParts = [];
        this.moof = null;
        this.trexFlags = trexDefaultFlags(bytes);
        return { kind: 'init', bytes: init };
      }
      case 'moof':
        this.moof = bytes;
        return null;
      case 'mdat': {
        if (!this.moof) throw new Fmp4Error('mdat without a moof before it (a plain MP4?)');
        const keyframe = moofStartsWithKeyframe(this.moof, this.trexFlags);
        const media = concat([this.moof, bytes]);
        this.moof = null;
        return { kind: 'media', bytes: media, keyframe };
      }
      default:
        return null; // styp, sidx, prft, free, …: nothing a live player needs
    }
  }

  /** Up to n bytes from the front without consuming them. */
  private peek(n: number): Uint8Array {
    const first = this.chunks[0];
    if (!first) return new Uint8Array(0);
    if (first.length >= n || this.chunks.length === 1) return first.subarray(0, n);
    const parts: Uint8Array[] = [];
    let got = 0;
    for (const c of this.chunks) {
      if (got >= n) break;
      const part = c.subarray(0, n - got);
      parts.push(part);
      got += part.length;
    }
    return concat(parts);
  }

  private take(n: number): Uint8Array {
    const parts: Uint8Array[] = [];
    let need = n;
    while (need > 0) {
      const c = this.chunks[0];
      if (!c) break;
      if (c.length <= need) {
        parts.push(c);
        this.chunks.shift();
        need -= c.length;
      } else {
        parts.push(c.subarray(0, need));
        this.chunks[0] = c.subarray(need);
        need = 0;
      }
    }
    this.buffered -= n;
    // A copy, not a view: a view would pin ffmpeg's whole 64 KiB read buffer in the GOP cache.
    return parts.length === 1 && parts[0] ? parts[0].slice() : concat(parts);
  }
}
