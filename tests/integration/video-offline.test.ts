// Video when the hub is gone (issue 5, degraded modes): a camera with a LAN RTSP address keeps playing through
// the seat's own relay, while a stream only the hub can serve shows `offline` with the reason, not a spinner.
// Real hub behind our fault proxy, a real station, the real RTSP server and real ffmpeg.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub } from '../../hub/server.js';
import type { Camera } from '../../native/api/model.js';
import { tempDir } from '../../native/store/test-fixtures.js';
import { startStation, type Station } from '../../native/station.js';
import { FaultProxy } from '../support/fault-proxy.js';
import { startRtspCameras, type RtspCameras } from '../support/rtsp-cameras.js';
import { recordingViewer } from '../support/test-viewer.js';
import { videoCounty } from '../support/video-county.js';
import { eventually, within } from './wait.js';

type Hub = Awaited<ReturnType<typeof startHub>>;
let cams: RtspCameras;
let hub: Hub;
let proxy: FaultProxy;
let station: Station;
let tmp: ReturnType<typeof tempDir>;
let lan: Camera;
let hubOnly: Camera;

beforeAll(async () => {
  cams = await startRtspCameras({ gop: 25 });
  const county = videoCounty(cams.port, { size: { villages: 1, unitsPerVillage: 2, buildingsPerUnit: 1 }, sub: 'none' });
  const [first, second] = county.cameras as [Camera, Camera];
  // The second camera is one only the platform serves (a GB/T 28181 device behind the hub).
  second.streams = { main: `hub://cameras/${second.id}/main`, sub: null };
  lan = first;
  hubOnly = second;
  tmp = tempDir('watchfloor-video-offline-');
  hub = await startHub({
    port: 0, dataDir: null, county, cacheDir: null, historyEvents: 0, eventIntervalMs: 3_600_000, fieldIntervalMs: 3_600_000,
    // The hub-only camera plays a demo clip once the hub is back: a short one, made in this test's folder.
    video: { clipSeconds: 2, dir: `${tmp.dir}/clips` },
  });
  proxy = await FaultProxy.start({ port: Number(new URL(hub.url).port) });
  station = await startStation({ dataDir: tmp.dir, hubUrl: proxy.url, pingIntervalMs: 300 });
  await within(station.whenSynced(), 45_000, 'the first sync');
});

afterAll(async () => {
  await station?.close();
  await proxy?.close();
  await hub?.close();
  await cams?.close();
  tmp?.remove();
});

describe('video with the hub unreachable', () => {
  it('plays a LAN camera through the seat relay; a hub-only stream says offline, and plays once the hub is back', async () => {
    proxy.cut();
    await eventually(() => station.sync.link().state === 'offline', 20_000, 'the link offline');

    const local = recordingViewer();
    const platform = recordingViewer();
    const stopLocal = station.video.subscribe({ cameraId: lan.id, profile: 'main', h265: false }, local);
    const stopPlatform = station.video.subscribe({ cameraId: hubOnly.id, profile: 'main', h265: false }, platform);
    try {
      await eventually(() => local.state() === 'live' && local.kinds.filter((k) => k === 1).length >= 1 && local.kinds.length > 30, 30_000, 'the LAN camera live');
      await eventually(() => platform.state() === 'offline', 20_000, 'the hub-only stream offline');
      expect(platform.statuses.at(-1)?.detail).toMatch(/只有平台能提供此视频流|hub unreachable/);
      expect(platform.kinds).toEqual([]);

      // The link returns: the relay's next try reaches the hub, which points it at the camera.
      await proxy.heal();
      await eventually(() => platform.state() === 'live' && platform.kinds.length > 10, 45_000, 'the hub-only stream live after the heal');
      expect(platform.kinds[0]).toBe(0);
    } finally {
      stopLocal();
      stopPlatform();
    }
  });
});
