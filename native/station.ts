// The station: the seat engine under plain Node (no electron here). Opens the cache, starts the embedded
// demo hub when no hub is configured, keeps the cache synced, and hosts the Station API over it.
import { mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { TopicBus } from './api/bus.js';
import type { StationStatus } from './api/contract.js';
import { ApiHost } from './api/host.js';
import { createHandlers, eventSnapshot, seatIdentity, type HandlerContext } from './api/handlers.js';
import { openStore, type Store } from './store/store.js';
import { HubClient } from './sync/hub-client.js';
import { OutboxSender } from './sync/outbox-sender.js';
import { outboxSummary, publishOutboxSummaries } from './sync/outbox-summary.js';
import { SeatWrites } from './sync/seat-writes.js';
import { DutyWrites } from './sync/duty-writes.js';
import { activeIncident } from './reports/incident-workspace.js';
import { shiftSummary } from './reports/shift-summary.js';
import { SyncEngine } from './sync/sync-engine.js';
import { WallController } from './video/wall-controller.js';
import { INCIDENT_WALL, stageIncidentWall } from './video/incident-wall.js';
import { VideoRelay } from './video/relay.js';
import { CameraSources } from './video/sources.js';
import { StationTiles } from './tiles/station-tiles.js';
import { StationCalls } from './calls/station-calls.js';

export interface StationOptions {
  /** Where the cache (station.sqlite) and the embedded hub's data live. */
  dataDir: string;
  /** The county platform; null or absent starts the demo hub in this process. */
  hubUrl?: string | null;
  /** better_sqlite3.node built for the running ABI (Electron); absent under Node. */
  sqliteNativeBinding?: string;
  log?: (line: string) => void;
  /** Live-link ping period, ms (tests shorten it). */
  pingIntervalMs?: number;
  /** Rows per pull page (the hub's maximum when absent); tests shrink it to see a catch-up in pages. */
  syncPageLimit?: number;
  /** An XYZ URL template of a tile server for the map's imagery; absent or null: the hub's own tiles (issue 5). */
  tileSource?: string | null;
}

export interface Station {
  api: ApiHost;
  bus: TopicBus;
  store: Store;
  sync: SyncEngine;
  outbox: OutboxSender;
  /** The video walls' state, presets, tours and alarm mode (issue 3). */
  wall: WallController;
  /** The camera relay: one ffmpeg per camera stream on the walls (issue 3). */
  video: VideoRelay;
  /** Where renderers open video sockets (the seat's `/video?token=…`, the utility's ws://127.0.0.1:…). */
  setVideoEndpoint(url: string): void;
  /** The map's imagery tiles: cache, fetch, seed; `tiles.setEndpoint` says where renderers fetch them (issue 5). */
  tiles: StationTiles;
  /** Video dispatch (issue 6): the seat's call link to the hub, its live calls and the call log. */
  calls: StationCalls;
  hubUrl: string;
  /** An AI alert's snapshot image (cached once seen). */
  snapshot(eventId: string): Promise<{ contentType: string; body: Buffer }>;
  status(): StationStatus;
  /** Resolves once the cache has caught up with the hub since start. */
  whenSynced(): Promise<void>;
  close(): Promise<void>;
}

export const CACHE_FILE = 'station.sqlite';

interface EmbeddedHub {
  url: string;
  close(): Promise<void>;
}

async function startEmbeddedHub(dataDir: string, log: (line: string) => void): Promise<EmbeddedHub> {
  // Loaded only when needed: a station pointed at a real hub never loads the demo hub's code.
  const { startHub } = await import('../hub/server.js');
  return startHub({ port: 0, host: '127.0.0.1', dataDir: join(dataDir, 'hub'), log: (line) => log(`[hub] ${line}`) });
}

export async function startStation(opts: StationOptions): Promise<Station> {
  const log = opts.log ?? (() => undefined);
  mkdirSync(opts.dataDir, { recursive: true });
  const store = openStore(join(opts.dataDir, CACHE_FILE), opts.sqliteNativeBinding ? { nativeBinding: opts.sqliteNativeBinding } : {});
  if (store.migration.applied.length) log(`cache: schema ${store.migration.from} → ${store.migration.to}`);

  let hub: EmbeddedHub | null = null;
  try {
    if (!opts.hubUrl) {
      hub = await startEmbeddedHub(opts.dataDir, log);
      log(`embedded demo hub at ${hub.url}`);
    }
  } catch (err) {
    store.close();
    throw err;
  }
  const hubUrl = opts.hubUrl || hub!.url;

  const bus = new TopicBus();
  const sync = new SyncEngine({ store, hubUrl, bus, log, pingIntervalMs: opts.pingIntervalMs, pageLimit: opts.syncPageLimit });
  const status = (): StationStatus => ({
    county: sync.county(),
    hubUrl,
    embeddedHub: hub !== null,
    link: sync.link(),
    lastSyncAt: sync.lastSyncAt(),
    counts: store.counts(),
  });
  const defaultSeatId = `seat-${basename(resolve(opts.dataDir))}`;
  const hubClient = new HubClient(hubUrl);
  const outbox = new OutboxSender({ store, hub: hubClient, dutyHub: hubClient, bus, log });
  const writes = new SeatWrites({ store, bus, identity: () => seatIdentity(store, defaultSeatId), kick: () => outbox.kick() });
  // Wartime follows the county: any change to incidents (pulled, or written here and still pending) tells
  // every renderer which incident is active now.
  const incidentChanged = (ids: string[]): void => {
    if (store.db.open) bus.publish('incident', { active: activeIncident(store), changedIds: ids });
  };
  const dutyWrites = new DutyWrites({
    store, bus, identity: () => seatIdentity(store, defaultSeatId), kick: () => outbox.kick(),
    summary: (now) => shiftSummary(store, now), incidentChanged: (id) => incidentChanged([id]),
  });
  bus.subscribe('outbox', ({ action, state }) => {
    // A rejected incident write takes its provisional line back out of the timeline.
    if (action.startsWith('incident.') && state === 'rejected') incidentChanged([]);
  });
  bus.subscribe('data.changed', ({ collection }) => {
    if (collection === 'incidents' || collection === 'incident_log') incidentChanged([]);
  });
  // The link coming back is the moment to send what waited.
  bus.subscribe('link', (l) => {
    if (l.state !== 'offline') outbox.kick();
  });
  const stopSummaries = publishOutboxSummaries(store.db, bus);
  const wall = new WallController({ store, bus, log });
  // Wartime: the first time this seat sees an incident, its nearest cameras go on the incident wall.
  bus.subscribe('incident', ({ active }) => {
    try {
      const preset = stageIncidentWall(store, wall, active);
      if (preset) log(`wall ${INCIDENT_WALL}: incident cameras staged as preset '${preset.name}'`);
    } catch (err) {
      log(`wall ${INCIDENT_WALL}: could not stage the incident's cameras: ${String(err)}`);
    }
  });
  const video = new VideoRelay({ sources: new CameraSources(store.cameras, new HubClient(hubUrl, { timeoutMs: 5_000 })), log });
  let videoEndpoint: string | null = null;
  const tiles = new StationTiles({ store, bus, hubUrl, source: opts.tileSource, online: () => sync.link().state !== 'offline', log });
  const calls = new StationCalls({ store, bus, hubUrl, identity: () => seatIdentity(store, defaultSeatId), log });
  const handlerContext: HandlerContext = {
    store, status, writes, dutyWrites, defaultSeatId, fetchMedia: (path) => hubClient.media(path), listHub: hubClient, bus, wall,
    video: { relay: video, endpoint: () => videoEndpoint },
    tiles: tiles.context,
    calls,
  };
  const api = new ApiHost(createHandlers(handlerContext), bus, {
    snapshots: {
      link: () => sync.link(), incident: () => ({ active: activeIncident(store), changedIds: [] }),
      'sync.progress': () => sync.progress(), 'outbox.summary': () => outboxSummary(store.db),
      calls: () => calls.status(),
    },
    // Results are checked against the contract under test runs only; production trusts its own handlers.
    validateResults: Boolean(process.env.VITEST),
    log,
  });
  sync.start();
  outbox.kick();
  calls.start();

  let closing: Promise<void> | null = null;
  return {
    api, bus, store, sync, outbox, wall, video, hubUrl, status, tiles, calls,
    setVideoEndpoint: (url) => {
      videoEndpoint = url;
    },
    snapshot: (eventId) => eventSnapshot(handlerContext, eventId),
    whenSynced: () => sync.whenSynced(),
    close: () => {
      closing ??= (async () => {
        outbox.stop();
        stopSummaries();
        wall.close();
        tiles.close();
        await calls.stop();
        await video.close();
        await sync.stop();
        try {
          await hub?.close();
        } finally {
          store.close();
        }
      })();
      return closing;
    },
  };
}
