// Where tiles open their video sockets: `video.endpoint`, asked once per station connection and shared by
// every tile (a wall of 36 tiles asks once, not 36 times). A dropped connection forgets it: a restarted
// station (or Electron utility process) listens elsewhere with a new token.
import { stationClient } from '../transport/connect';

let cached: Promise<string> | null = null;
let watching = false;

export function videoEndpoint(): Promise<string> {
  const client = stationClient();
  if (!watching) {
    watching = true;
    client.onState((state) => {
      if (state !== 'open') cached = null;
    });
  }
  if (!cached) {
    const asked = client.request('video.endpoint').then((r) => r.url);
    // A failed answer is not kept: the next tile or retry asks again.
    asked.catch(() => {
      if (cached === asked) cached = null;
    });
    cached = asked;
  }
  return cached;
}
