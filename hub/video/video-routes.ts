// The hub's video routes: the play endpoint (where a camera's stream plays from) and the demo clips, served
// with byte ranges so ffmpeg's `-stream_loop` can seek back to the start over HTTP.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Camera } from '../../native/api/model.js';
import { StreamProfile } from '../../native/api/video.js';
import { ffmpegBinary } from '../../native/video/ffmpeg-bin.js';
import { parseByteRange } from './byte-range.js';
import { ClipCache, findCjkFont } from './clip-cache.js';
import { CLIP_FORMAT_VERSION, DEFAULT_CLIP_SECONDS, parseVariantName } from './clip-variant.js';
import { CLIPS_PATH, playInfo } from './play-info.js';

export interface VideoOptions {
  /** Clip length in whole seconds (whole GOPs); tests use short clips. Default 6. */
  clipSeconds?: number;
  /** Where clips are cached; default `<hub cacheDir>/video`. */
  dir?: string;
}

export interface VideoRoutesOptions extends VideoOptions {
  cameras: readonly Camera[];
  /** The hub's cache folder; null (the template cache disabled) still needs a folder: the OS temp one. */
  cacheDir: string | null;
  /** The hub's own address, for a request that names no Host. */
  hubUrl: () => string;
  log: (line: string) => void;
  sendError: (res: ServerResponse, status: number, code: string, message: string) => void;
  sendJson: (res: ServerResponse, status: number, body: string) => void;
}

export interface VideoRoutes {
  clips: ClipCache;
  /** Answers the request when it is a video route; false leaves it to the rest of the hub. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  close(): Promise<void>;
}

const PLAY = /^\/api\/v1\/cameras\/([^/]+)\/play$/;

export function videoRoutes(opts: VideoRoutesOptions): VideoRoutes {
  const seconds = opts.clipSeconds ?? DEFAULT_CLIP_SECONDS;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 60) throw new Error(`clipSeconds must be a whole number of seconds, 1..60, not ${seconds}`);
  const root = opts.dir ?? join(opts.cacheDir ?? join(tmpdir(), 'watchfloor-hub-cache'), 'video');
  const clips = new ClipCache({
    dir: join(root, `v${CLIP_FORMAT_VERSION}-${seconds}s`),
    seconds,
    ffmpeg: ffmpegBinary,
    fontFile: findCjkFont(),
    log: opts.log,
  });
  const cameras = new Map(opts.cameras.map((c) => [c.id, c]));
  const { sendError, sendJson } = opts;

  function allowRead(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method === 'GET' || req.method === 'HEAD') return true;
    res.setHeader('allow', 'GET, HEAD');
    sendError(res, 405, 'method_not_allowed', `${req.method} is not allowed here; use GET or HEAD`);
    return false;
  }

  /** The hub as the asker reached it, so a clip address works through whatever host name it used. */
  function originOf(req: IncomingMessage): string {
    const host = req.headers.host;
    if (host) {
      try {
        return new URL(`http://${host}`).origin;
      } catch {
        // An unparsable Host falls back to the hub's own address.
      }
    }
    return opts.hubUrl();
  }

  function play(req: IncomingMessage, res: ServerResponse, url: URL, id: string): void {
    const profile = StreamProfile.safeParse(url.searchParams.get('profile'));
    if (!profile.success) return sendError(res, 400, 'bad_request', 'profile must be main or sub');
    const camera = cameras.get(id);
    if (!camera) return sendError(res, 404, 'not_found', `no such camera: ${id.slice(0, 40)}`);
    const answer = playInfo(camera, profile.data, originOf(req));
    if (!answer.ok) return sendError(res, answer.status, 'not_found', answer.message);
    sendJson(res, 200, JSON.stringify(answer.info));
  }

  async function clip(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    const variant = parseVariantName(name);
    if (!variant) return sendError(res, 404, 'not_found', `no such clip: ${name.slice(0, 40)}`);
    let path: string;
    try {
      path = await clips.file(variant);
    } catch (err) {
      opts.log(`clip ${name}: ${err instanceof Error ? err.message : String(err)}`);
      return sendError(res, 503, 'unavailable', `the demo clip ${name} could not be made; see the hub's log`);
    }
    const { size } = await stat(path);
    const range = parseByteRange(req.headers.range, size);
    const headers = { 'content-type': 'video/mp4', 'accept-ranges': 'bytes', 'cache-control': 'no-cache' };
    if (range.kind === 'unsatisfiable') {
      res.writeHead(416, { ...headers, 'content-range': `bytes */${size}`, 'content-length': 0 });
      return void res.end();
    }
    const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, size - 1];
    res.writeHead(range.kind === 'partial' ? 206 : 200, {
      ...headers,
      'content-length': end - start + 1,
      ...(range.kind === 'partial' ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}),
    });
    if (req.method === 'HEAD' || size === 0) return void res.end();
    // A reader that goes away mid-file (ffmpeg seeking, a station stopping) is normal, not an error.
    await pipeline(createReadStream(path, { start, end }), res).catch(() => res.destroy());
  }

  return {
    clips,
    async handle(req, res, url) {
      const path = url.pathname;
      const playMatch = PLAY.exec(path);
      if (playMatch) {
        if (allowRead(req, res)) play(req, res, url, decodeSegment(playMatch[1]!));
        return true;
      }
      if (path.startsWith(CLIPS_PATH) && path.endsWith('.mp4')) {
        if (allowRead(req, res)) await clip(req, res, path.slice(CLIPS_PATH.length, -'.mp4'.length));
        return true;
      }
      return false;
    },
    close: () => clips.close(),
  };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
