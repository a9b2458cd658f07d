// A read-only window onto the seat's call media for end-to-end tests and the calls benchmark
// (`window.__watchfloorCalls`): the video frames decoded per participant, read from the receivers' getStats.
import type { MediaSession } from './media-session';

export interface CallsProbe {
  /** Video frames decoded so far by participant key; {} when the seat is in no call. */
  framesDecoded(): Promise<Record<string, number>>;
}

declare global {
  interface Window {
    __watchfloorCalls?: CallsProbe;
  }
}

export function installCallsProbe(session: () => MediaSession | null): void {
  window.__watchfloorCalls = { framesDecoded: async () => (await session()?.framesDecoded()) ?? {} };
}
