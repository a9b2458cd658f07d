// Worker-thread stand-in for Electron's utility-process bootstrap (see emulated-utility.ts): gives the
// station entry a `process.parentPort` whose messages carry MessagePorts shaped like MessagePortMain.
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';

const adapt = (port) => ({
  postMessage: (m) => port.postMessage(m),
  on(event, listener) {
    if (event === 'message') port.on('message', (data) => listener({ data }));
    else port.on(event, listener);
    return this;
  },
  start: () => port.start(),
  close: () => port.close(),
});

process.parentPort = {
  on(event, listener) {
    parentPort.on('message', ({ data, ports }) => listener({ data, ports: ports.map(adapt) }));
    return this;
  },
  postMessage: (data) => parentPort.postMessage(data),
};

await import(pathToFileURL(workerData.modulePath).href);
