// Sandboxed preload (built as CommonJS: sandboxed preloads cannot be ES modules). It exposes exactly
// `window.watchfloorBridge` and connects it to the MessagePort main pushes on each page load.
import { contextBridge, ipcRenderer } from 'electron';
import { PORT_CHANNEL } from '../shared/ipc-channels.js';
import { createBridge } from './bridge.js';

const { bridge, attach } = createBridge();

ipcRenderer.on(PORT_CHANNEL, (event) => {
  const port = event.ports[0];
  if (port) attach(port);
});

// Fresh functions, so the page can reach nothing of the bridge's internals.
contextBridge.exposeInMainWorld('watchfloorBridge', {
  post: (frame: unknown): void => bridge.post(frame),
  onFrame: (listener: (frame: unknown) => void): void => bridge.onFrame(listener),
});
