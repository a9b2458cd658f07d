// Entry of the station in Electron's utility process (built to out/main/station.js). Never imports
// electron: main reaches it only through `process.parentPort` and the MessagePorts it hands over.
import { startStation } from '../station.js';
import { serveVideoSocket } from '../video/video-socket.js';
import { runStationUtility, type ParentPortLike, type RunningStation } from './run.js';

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
const log = (line: string): void => console.log(`[station] ${line}`);

if (!parentPort) {
  console.error('[station] out/main/station.js runs only in an Electron utility process; use `npm run seat` under Node.');
  process.exit(1);
} else {
  const utility = runStationUtility({
    parentPort,
    argv: process.argv,
    env: process.env,
    start: async (opts): Promise<RunningStation> => {
      const station = await startStation(opts);
      return {
        api: station.api,
        serveVideo: (ws, query) => serveVideoSocket(station.video, ws, query),
        setVideoEndpoint: (url) => station.setVideoEndpoint(url),
        tiles: station.tiles,
        close: () => station.close(),
      };
    },
    exit: (code) => process.exit(code),
    log,
  });
  process.on('SIGTERM', () => void utility.shutdown(0));
}
