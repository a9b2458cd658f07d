// Picks the transport this renderer has (Electron's bridge, else the seat's WebSocket) and hands out
// the one StationClient the stores share.
import { bridgeTransport } from './bridge';
import { StationClient } from './station-client';
import { socketUrl, websocketTransport } from './websocket';

let client: StationClient | null = null;

export function stationClient(): StationClient {
  if (!client) {
    const transport = window.watchfloorBridge
      ? bridgeTransport(window.watchfloorBridge)
      : websocketTransport(socketUrl(window.location));
    client = new StationClient(transport);
  }
  return client;
}
