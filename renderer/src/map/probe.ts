// A small read-only window onto the map for end-to-end tests and the map benchmark
// (`window.__watchfloorMap`). It reports state; it never changes what the operator sees, except the
// bench hook, which moves worker points the way a position batch would.

export interface MapCounts {
  frames: number;
  buildings: number;
  cameras: number;
  workers: number;
  [layer: string]: number;
}

export interface MapProbe {
  /** True once every layer's data is drawn and the globe's tiles are loaded. */
  ready: boolean;
  /** `performance.now()` of the first frame with the county's ground (land, water, roads, blocks) and the
   *  county and town outlines drawn; null before. */
  firstFrameMs: number | null;
  /** `performance.now()` when the globe's own tiles had all loaded. */
  globeMs: number | null;
  /** `performance.now()` of the first frame with every layer drawn (when `ready` turned true). */
  readyMs: number | null;
  workerPositions(): Array<{ id: string; lon: number; lat: number }>;
  /** Ids of the events drawn on the map (open ones). */
  eventIds(): string[];
  counts(): MapCounts;
  /** Window coordinates (CSS px) of a marker, or null when it is off screen: lets a test click it. */
  markerScreenPosition(kind: 'camera' | 'worker' | 'event', id: string): { x: number; y: number } | null;
  /** Bench hook: applies one synthetic update of every worker's position; returns its cost in ms. */
  benchWorkerUpdate(): number;
}
