// Transport over Electron's preload bridge (a MessagePort to the station's utility process).
// The port lives as long as the window, so the bridge is open from the start and never reconnects.
import type { Transport, TransportState } from './transport';

export function bridgeTransport(bridge: WatchfloorBridge): Transport {
  return {
    state: 'open' as TransportState,
    send(frame) {
      bridge.post(frame);
    },
    onFrame(listener) {
      bridge.onFrame(listener);
    },
    onState(listener) {
      // Announce 'open' once so the client sends its subscriptions, as it does after a WebSocket opens.
      queueMicrotask(() => listener('open'));
    },
  };
}
