// A station in a child process for the "no ffmpeg outlives the station" test: syncs from the hub given, puts one
// camera on a viewer, and prints `FFMPEG_PID <pid>` once the relay is live. Args: <dataDir> <hubUrl> <cameraId>.
import { startStation } from '../../native/station.js';

const [dataDir, hubUrl, cameraId] = process.argv.slice(2);
if (!dataDir || !hubUrl || !cameraId) throw new Error('usage: station-child.ts <dataDir> <hubUrl> <cameraId>');
const station = await startStation({ dataDir, hubUrl });
await station.whenSynced();
let printed = false;
station.video.subscribe({ cameraId, profile: 'main', h265: false }, {
  status: (s) => {
    const pid = station.video.list()[0]?.pid;
    if (s.state === 'live' && pid && !printed) {
      printed = true;
      process.stdout.write(`FFMPEG_PID ${pid}\n`);
    }
    if (s.state !== 'live' && s.state !== 'connecting') process.stdout.write(`STATE ${s.state} ${s.detail ?? ''}\n`);
  },
  fragment: () => undefined,
  bufferedBytes: () => 0,
});
