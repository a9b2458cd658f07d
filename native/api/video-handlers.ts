// The video.* methods of the Station API: where tiles open their video sockets, and what the relay runs.
import type { Handlers } from './host.js';
import { NotFoundError } from './host.js';
import type { VideoRelay } from '../video/relay.js';

export interface VideoService {
  relay: VideoRelay;
  /** The video socket URL (ws://… or a path on the page's origin, token included); null until a server listens. */
  endpoint(): string | null;
}

/** `video` is asked for on each call: a station without video fails the call, not the table. */
export function videoHandlers(video: () => VideoService): Pick<Handlers, 'video.endpoint' | 'video.relays'> {
  return {
    'video.endpoint': () => {
      const url = video().endpoint();
      if (url === null) throw new NotFoundError('no video endpoint: nothing serves video sockets for this station yet');
      return { url };
    },
    'video.relays': () => video().relay.list(),
  };
}
