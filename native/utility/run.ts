// The station process's life in Electron's utility process: start the station from the arguments main
// gave, serve a Station API connection per window port and video on a loopback WebSocket server, shut
// down cleanly on request or SIGTERM.
import { mkdirSync } from 'node:fs';
import type { WebSocket } from 'ws';
import { createConnectionRouter, type ApiHostLike, type ParentMessage } from './connection-router.js';
import type { FromStation } from './messages.js';
import { parseStationArgv, type StationArgs } from './station-args.js';
import { startVideoServer, type VideoServer } from './video-server.js';
import { startTileServer, type TileServer } from '../tiles/tile-server.js';
import type { StationTiles } from '../tiles/station-tiles.js';

/** Electron's `process.parentPort`, typed here because this process never imports electron. */
export interface ParentPortLike {
  on(event: 'message', listener: (message: ParentMessage) => void): unknown;
  postMessage(message: FromStation): void;
}

export interface RunningStation {
  api: ApiHostLike;
  /** Serves one tile's video socket (native/video/video-socket.ts over the station's relay). */
  serveVideo(ws: WebSocket, query: URLSearchParams): void;
  /** Tells renderers (`video.endpoint`) where the video sockets are. */
  setVideoEndpoint(url: string): void;
  /** The map's imagery tiles (issue 5), served on a loopback HTTP server beside the video one. */
  tiles?: Pick<StationTiles, 'service' | 'setEndpoint'>;
  close(): Promise<void>;
}

export interface StationUtilityDeps {
  parentPort: ParentPortLike;
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  start(opts: StationArgs & { log: (line: string) => void }): Promise<RunningStation>;
  exit(code: number): void;
  log(line: string): void;
}

export interface StationUtility {
  /** Resolves when the station has closed and exit() was called. */
  shutdown(code: number): Promise<void>;
  /** Resolves once the station serves requests (rejects if it could not start). */
  ready: Promise<void>;
}

export function runStationUtility(deps: StationUtilityDeps): StationUtility {
  const { parentPort, log } = deps;
  let station: RunningStation | null = null;
  let video: VideoServer | null = null;
  let tiles: TileServer | null = null;
  let stopping: Promise<void> | null = null;

  const started = (async () => {
    const args = parseStationArgv(deps.argv, deps.env);
    mkdirSync(args.dataDir, { recursive: true });
    log(`starting: data ${args.dataDir}, hub ${args.hubUrl ?? 'embedded demo'}, sqlite ${args.sqliteNativeBinding ?? 'default build'}`);
    const running = await deps.start({ ...args, log });
    station = running;
    // Without video the console, map and events still work: a failure here is logged, not fatal.
    try {
      video = await startVideoServer({ serve: (ws, query) => running.serveVideo(ws, query), log });
      running.setVideoEndpoint(video.url);
      log(`video sockets on ${video.url.replace(/token=.*/, 'token=…')}`);
    } catch (err) {
      log(`video server did not start: ${String(err)}`);
    }
    // Likewise the map without imagery keeps its own vector ground.
    if (running.tiles) {
      try {
        tiles = await startTileServer(running.tiles.service, log);
        running.tiles.setEndpoint(tiles.urlTemplate);
      } catch (err) {
        log(`tile server did not start: ${String(err)}`);
      }
    }
    return running;
  })();

  const router = createConnectionRouter({
    host: started.then((s) => s.api),
    onShutdown: () => void shutdown(0),
    log,
  });

  function shutdown(code: number): Promise<void> {
    stopping ??= (async () => {
      router.closeAll();
      try {
        await video?.close();
        await tiles?.close();
        await station?.close();
      } catch (err) {
        log(`close failed: ${String(err)}`);
      }
      deps.exit(code);
    })();
    return stopping;
  }

  const ready = started.then(
    () => {
      log('ready');
      parentPort.postMessage({ type: 'ready' });
    },
    (err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      log(`could not start: ${message}`);
      parentPort.postMessage({ type: 'fatal', message });
      deps.exit(1);
      throw err;
    },
  );
  // The rejection is reported above; keep it from surfacing as an unhandled one.
  ready.catch(() => undefined);

  parentPort.on('message', (message) => router.handle(message));
  return { shutdown, ready };
}
