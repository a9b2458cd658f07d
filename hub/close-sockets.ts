// Ends a WebSocket server's connections when the hub stops: a close handshake each, and a cut for peers that
// do not answer it within a second, then the server itself.
import type { WebSocketServer } from 'ws';

export async function closeSockets(wss: WebSocketServer): Promise<void> {
  const clients = [...wss.clients];
  const closed = clients.map((ws) => new Promise<void>((resolve) => ws.once('close', () => resolve())));
  for (const ws of clients) ws.close(1001, 'hub stopping');
  const deadline = setTimeout(() => {
    for (const ws of clients) ws.terminate();
  }, 1000);
  await Promise.all(closed);
  clearTimeout(deadline);
  await new Promise<void>((resolve) => wss.close(() => resolve()));
}
