// Starts an HTTP server listening and resolves with the port it got (0 asks the OS for a free one); a failure
// to listen (port taken, no such address) rejects instead of surfacing later as an 'error' event.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
