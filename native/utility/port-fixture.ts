// For tests: a real worker_threads MessageChannel whose station end looks like Electron's MessagePortMain
// (listeners get `{ data }`), so routing code is exercised over real structured-clone message passing.
import { once } from 'node:events';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { StationPort } from './connection-router.js';

export function asStationPort(port: MessagePort): StationPort {
  return {
    postMessage: (message) => port.postMessage(message),
    on(event: 'message' | 'close', listener: ((e: { data: unknown }) => void) | (() => void)) {
      if (event === 'message') port.on('message', (data: unknown) => (listener as (e: { data: unknown }) => void)({ data }));
      else port.on('close', listener as () => void);
      return this;
    },
    start: () => port.start(),
    close: () => port.close(),
  };
}

export interface WindowChannel {
  /** The station's end, as a utility process receives it. */
  station: StationPort;
  /** The renderer's end. */
  window: MessagePort;
  /** Resolves with the next frame the window end receives. */
  nextFrame(): Promise<unknown>;
}

export function windowChannel(): WindowChannel {
  const { port1, port2 } = new MessageChannel();
  const frames: unknown[] = [];
  const waiting: Array<(frame: unknown) => void> = [];
  port2.on('message', (frame: unknown) => {
    const next = waiting.shift();
    if (next) next(frame);
    else frames.push(frame);
  });
  return {
    station: asStationPort(port1),
    window: port2,
    nextFrame: () =>
      frames.length > 0
        ? Promise.resolve(frames.shift())
        : Promise.race([
            new Promise<unknown>((resolve) => waiting.push(resolve)),
            new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no frame within 5 s')), 5_000).unref()),
          ]),
  };
}

/** Resolves when the port reports it closed (its other end went away). */
export function closed(port: MessagePort): Promise<unknown> {
  return once(port, 'close');
}
