// Globals the renderer meets at run time: the Electron preload's bridge and the test probe the map sets.
/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

interface WatchfloorBridge {
  post(frame: unknown): void;
  onFrame(listener: (frame: unknown) => void): void;
}

interface Window {
  /** Set by Electron's preload; absent in a browser seat. */
  watchfloorBridge?: WatchfloorBridge;
  /** Where Cesium loads its workers and assets from (the local copy beside index.html). */
  CESIUM_BASE_URL?: string;
  /** Read-only map probe for end-to-end tests and the map benchmark (see map/probe.ts). */
  __watchfloorMap?: import('./map/probe').MapProbe;
}
