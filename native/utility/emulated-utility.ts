// For tests: runs the built station entry (out/main/station.js) the way Electron's utility process
// would, but in a worker thread: `process.parentPort` is shimmed over the worker's port, and MessagePorts
// are transferred to it as main transfers MessagePortMain. Built JavaScript only: Node 20 cannot give an
// eval'd or --import'ed TypeScript loader to a worker.
import { Worker, type MessagePort } from 'node:worker_threads';

const BOOTSTRAP = new URL('./emulated-utility-bootstrap.mjs', import.meta.url);

export interface EmulatedUtility {
  /** What the station posted to main (process.parentPort.postMessage). */
  messages: unknown[];
  /** Resolves with the next message the station posts to main. */
  nextMessage(): Promise<unknown>;
  post(data: unknown, ports?: MessagePort[]): void;
  exited: Promise<number>;
  terminate(): Promise<number>;
}

export function emulateUtility(modulePath: string, args: string[]): EmulatedUtility {
  const worker = new Worker(BOOTSTRAP, {
    argv: args,
    workerData: { modulePath },
    stdout: false,
    stderr: false,
  });
  const messages: unknown[] = [];
  const waiting: Array<(m: unknown) => void> = [];
  worker.on('message', (m: unknown) => {
    messages.push(m);
    waiting.shift()?.(m);
  });
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  let seen = 0;
  return {
    messages,
    nextMessage() {
      if (seen < messages.length) return Promise.resolve(messages[seen++]);
      return new Promise((resolve) => waiting.push((m) => (seen++, resolve(m))));
    },
    post: (data, ports = []) => worker.postMessage({ data, ports }, ports),
    exited,
    terminate: () => worker.terminate(),
  };
}
