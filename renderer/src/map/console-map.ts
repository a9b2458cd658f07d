// The 3D city: an offline CesiumWidget (no ion, no imagery, ellipsoid terrain, render on change) and the
// layers on it. Components hand it plain data; it owns every Cesium object and never enters Vue state.
import {
  BoundingSphere, Cartesian3, Cartographic, CesiumWidget, DirectionalLight, EllipsoidTerrainProvider, HeadingPitchRange,
  Math as CesiumMath, PerspectiveFrustum, ScreenSpaceEventHandler, ScreenSpaceEventType, Transforms, Matrix4, Cartesian4,
  type Cartesian2,
} from 'cesium';
import type { Building, Camera, Grid, GridLevel, LonLat, MapFeature, Worker } from '../../../native/api/model';
import type { TileEndpoint } from '../../../native/api/tiles';
import { BasemapLayer } from './basemap';
import { BuildingLayer } from './buildings';
import { CameraLayer } from './cameras';
import { EventLayer, type EventMarker } from './events';
import { CAMERAS_BELOW_M } from './grid-levels';
import { GridLayer } from './grids';
import { ImageryUnderlay } from './imagery';
import { isMarkerId, type MarkerId } from './marker-id';
import { palette } from './palette';
import { WartimeLayer, circleRing, type WartimeView } from './wartime';
import type { MapProbe } from './probe';
import { WorkerLayer, type WorkerFix } from './workers';

const LOADING_RENDER_INTERVAL_MS = 250;

function isSoftwareRenderer(canvas: HTMLCanvasElement): boolean {
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (!gl) return false;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  return /swiftshader|llvmpipe|software/i.test(renderer);
}

export class ConsoleMap {
  readonly widget: CesiumWidget;
  private readonly imagery: ImageryUnderlay;
  private readonly basemap: BasemapLayer;
  private readonly grids: GridLayer;
  private readonly buildings: BuildingLayer;
  private readonly cameras: CameraLayer;
  private readonly workers: WorkerLayer;
  private readonly events: EventLayer;
  private readonly wartime: WartimeLayer;
  private readonly handler: ScreenSpaceEventHandler;
  private readonly loaded = new Set<string>();
  /** Screen space (CSS px) the side panels cover, so flights aim at the visible middle. */
  insets = { left: 0, right: 0 };
  private pickListener: ((marker: MarkerId | null) => void) | null = null;
  private groundListener: ((point: LonLat | null) => void) | null = null;
  private frames = 0;
  private frameStartedAt = 0;
  private lastFrameMs = 0;
  private loadingTimer: ReturnType<typeof setTimeout> | null = null;
  readonly probe: MapProbe;

  constructor(container: HTMLElement) {
    this.widget = new CesiumWidget(container, {
      baseLayer: false,
      terrainProvider: new EllipsoidTerrainProvider(),
      skyBox: false,
      skyAtmosphere: false,
      scene3DOnly: true,
      requestRenderMode: true,
      maximumRenderTimeChange: Number.POSITIVE_INFINITY,
      msaaSamples: 1,
      orderIndependentTranslucency: false,
      contextOptions: { webgl: { alpha: false, antialias: false, powerPreference: 'high-performance' } },
    });
    const scene = this.widget.scene;
    scene.backgroundColor = palette.space;
    scene.globe.baseColor = palette.ground;
    scene.globe.showGroundAtmosphere = false;
    scene.globe.enableLighting = false;
    // No imagery: a coarser globe mesh looks the same and costs SwiftShader far fewer tiles per frame.
    scene.globe.maximumScreenSpaceError = 12;
    scene.fog.enabled = false;
    scene.postProcessStages.fxaa.enabled = false;
    scene.screenSpaceCameraController.minimumZoomDistance = 120;
    scene.screenSpaceCameraController.maximumZoomDistance = 800_000;
    // Software GL (SwiftShader, no GPU) pays per pixel: draw fewer of them there, full resolution elsewhere.
    this.widget.resolutionScale = isSoftwareRenderer(scene.canvas) ? 0.75 : 1;

    // Creation order is drawing order for what ignores depth: markers over the city, names over markers.
    this.imagery = new ImageryUnderlay(scene);
    this.basemap = new BasemapLayer(scene);
    this.buildings = new BuildingLayer(scene);
    this.cameras = new CameraLayer(scene);
    this.workers = new WorkerLayer(scene);
    this.events = new EventLayer(scene);
    this.grids = new GridLayer(scene);
    this.wartime = new WartimeLayer(scene);

    scene.camera.percentageChanged = 0.05;
    scene.camera.changed.addEventListener(() => this.cameraMoved());
    scene.preUpdate.addEventListener(() => {
      this.frameStartedAt = performance.now();
    });
    scene.postRender.addEventListener(() => this.afterFrame());

    this.handler = new ScreenSpaceEventHandler(scene.canvas);
    this.handler.setInputAction((click: { position: Cartesian2 }) => {
      // Place names are drawn over the markers: look beneath them for the first event, camera or worker.
      const picked: unknown[] = scene.drillPick(click.position, 4);
      const ids = picked.map((p) => (typeof p === 'object' && p !== null ? (p as { id?: unknown }).id : undefined));
      // Work orders come first: they are what the operator acts on.
      const markers = ids.filter(isMarkerId);
      this.pickListener?.(markers.find((m) => m.kind === 'event') ?? markers[0] ?? null);
      // Where on the ground the operator clicked: the place of an incident about to be declared.
      const ground = scene.camera.pickEllipsoid(click.position);
      const carto = ground ? Cartographic.fromCartesian(ground) : undefined;
      this.groundListener?.(carto ? [CesiumMath.toDegrees(carto.longitude), CesiumMath.toDegrees(carto.latitude)] : null);
    }, ScreenSpaceEventType.LEFT_CLICK);

    this.probe = this.createProbe();
    this.keepRenderingWhileLoading();
  }

  onPick(listener: (marker: MarkerId | null) => void): void {
    this.pickListener = listener;
  }

  onGroundClick(listener: (point: LonLat | null) => void): void {
    this.groundListener = listener;
  }

  /** Wartime: the activated grids and the incident's radius (null: peacetime); `fly` frames the area. */
  setWartime(view: WartimeView | null, fly: boolean): void {
    this.wartime.set(view);
    if (view && fly) this.flyToOutline(circleRing(view.position, view.radiusM * 1.2, 16), 1.2);
  }

  setGrids(level: GridLevel, grids: readonly Grid[]): void {
    this.grids.set(level, grids);
    if (level === 'county' && grids[0]) {
      this.lightFrom(grids[0].center);
      if (!this.loaded.has('grids:county')) this.flyToOutline(grids[0].boundary, 0);
    }
    this.markLoaded(`grids:${level}`);
    this.cameraMoved();
  }

  setBasemap(features: readonly MapFeature[]): void {
    this.basemap.set(features);
    this.markLoaded('basemap');
  }

  /** The county's raster imagery from the seat's tile cache, under the vector ground (null: none). */
  setImagery(endpoint: TileEndpoint | null): void {
    this.imagery.set(endpoint);
  }

  setBuildings(buildings: readonly Building[]): void {
    this.buildings.set(buildings);
    this.markLoaded('buildings');
  }

  setCameras(cameras: readonly Camera[]): void {
    this.cameras.set(cameras);
    this.markLoaded('cameras');
    this.cameraMoved();
  }

  setWorkers(workers: readonly Worker[]): void {
    this.workers.set(workers);
    this.markLoaded('workers');
  }

  applyWorkerFixes(fixes: readonly WorkerFix[]): void {
    this.workers.apply(fixes);
  }

  setEvents(events: readonly EventMarker[]): void {
    this.events.set(events);
  }

  /** Highlights an event (null clears it); with `fly`, flies to it at street level. */
  selectEvent(id: string | null, position: LonLat | null, fly: boolean): void {
    this.events.select(id);
    if (fly && position) {
      // A ~300 m square around the event: close enough to read the street, wide enough to see the grid.
      const [lon, lat] = position;
      const d = 0.0015;
      this.flyToOutline([[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d]], 1.2);
    }
    this.widget.scene.requestRender();
  }

  /** Highlights a grid and flies to it (null clears the highlight). */
  selectGrid(grid: Grid | null): void {
    this.grids.select(grid);
    if (grid) this.flyToOutline(grid.boundary, 1.2);
    this.widget.scene.requestRender();
  }

  /** Flies so that the outline fills the part of the map not covered by the side panels. */
  flyToOutline(ring: readonly LonLat[], durationS: number): void {
    const scene = this.widget.scene;
    const sphere = BoundingSphere.fromPoints(ring.map(([lon, lat]) => Cartesian3.fromDegrees(lon, lat)));
    // Fit the outline into the part of the canvas between the panels, whichever way is tighter.
    const width = Math.max(1, scene.canvas.clientWidth);
    const height = Math.max(1, scene.canvas.clientHeight);
    const visibleWidth = Math.max(200, width - this.insets.left - this.insets.right);
    const fov = scene.camera.frustum instanceof PerspectiveFrustum ? scene.camera.frustum.fov ?? 1 : 1;
    // Cesium's fov spans the canvas's longer side.
    const tanLong = Math.tan(fov / 2);
    const tanX = width >= height ? tanLong : (tanLong * width) / height;
    const tanY = width >= height ? (tanLong * height) / width : tanLong;
    const half = Math.min(Math.atan((tanX * visibleWidth) / width), Math.atan(tanY));
    const range = Math.max(900, (sphere.radius / Math.sin(half)) * 0.92);
    // Move the aim west by half the panels' difference so the grid sits mid-way between them.
    const metresPerPx = (2 * range * tanX) / width;
    const shiftM = ((this.insets.left - this.insets.right) / 2) * metresPerPx;
    const east = Matrix4.getColumn(Transforms.eastNorthUpToFixedFrame(sphere.center), 0, new Cartesian4());
    const aim = new BoundingSphere(
      Cartesian3.subtract(sphere.center, Cartesian3.multiplyByScalar(new Cartesian3(east.x, east.y, east.z), shiftM, new Cartesian3()), new Cartesian3()),
      sphere.radius,
    );
    scene.camera.flyToBoundingSphere(aim, {
      offset: new HeadingPitchRange(0, CesiumMath.toRadians(-58), range),
      duration: durationS,
    });
    scene.requestRender();
  }

  destroy(): void {
    if (this.loadingTimer) clearTimeout(this.loadingTimer);
    this.handler.destroy();
    this.widget.destroy();
    if (window.__watchfloorMap === this.probe) delete window.__watchfloorMap;
  }

  /** A fixed light from high in the north-west: roofs read lighter than walls whatever the clock says. */
  private lightFrom([lon, lat]: LonLat): void {
    const frame = Transforms.eastNorthUpToFixedFrame(Cartesian3.fromDegrees(lon, lat));
    const local = new Cartesian4(0.35, -0.3, -1, 0);
    const world = Matrix4.multiplyByVector(frame, local, new Cartesian4());
    const direction = Cartesian3.normalize(new Cartesian3(world.x, world.y, world.z), new Cartesian3());
    this.widget.scene.light = new DirectionalLight({ direction, intensity: 2.2 });
  }

  /** The ground is drawn: county and town outlines and the basemap. */
  private get groundReady(): boolean {
    return ['grids:county', 'grids:town', 'basemap'].every((k) => this.loaded.has(k)) && this.basemap.ready && this.grids.ready;
  }

  private get layersReady(): boolean {
    const wanted = ['grids:village', 'grids:unit', 'buildings', 'cameras', 'workers'];
    return this.groundReady && wanted.every((k) => this.loaded.has(k)) && this.buildings.ready && this.grids.ready;
  }

  private markLoaded(key: string): void {
    this.loaded.add(key);
    this.keepRenderingWhileLoading();
  }

  /**
   * Render-on-change does not notice asynchronous geometry finishing in Cesium's workers, so while layers
   * are loading a frame is requested a few times a second; once everything is drawn the map goes quiet.
   */
  private keepRenderingWhileLoading(): void {
    if (this.loadingTimer) return;
    const tick = () => {
      this.loadingTimer = null;
      if (this.probe.ready) return;
      this.widget.scene.requestRender();
      this.loadingTimer = setTimeout(tick, LOADING_RENDER_INTERVAL_MS);
    };
    tick();
  }

  private afterFrame(): void {
    this.frames++;
    this.lastFrameMs = performance.now() - this.frameStartedAt;
    if (this.probe.ready) return;
    // The globe is one flat colour barely lighter than space: the county shows once its own ground is drawn.
    if (this.probe.firstFrameMs === null && this.groundReady) this.probe.firstFrameMs = performance.now();
    if (!this.widget.scene.globe.tilesLoaded) return;
    this.probe.globeMs ??= performance.now();
    if (this.layersReady) {
      this.probe.readyMs = performance.now();
      this.probe.ready = true;
    }
  }

  private cameraMoved(): void {
    const height = this.widget.scene.camera.positionCartographic.height;
    this.grids.setCameraHeight(height);
    this.cameras.show = height < CAMERAS_BELOW_M;
  }

  private createProbe(): MapProbe {
    const probe: MapProbe = {
      ready: false,
      firstFrameMs: null,
      globeMs: null,
      readyMs: null,
      workerPositions: () => this.workers.positions(),
      eventIds: () => this.events.ids(),
      counts: () => ({
        frames: this.frames,
        lastFrameMs: Math.round(this.lastFrameMs),
        buildings: this.buildings.count,
        cameras: this.cameras.count,
        workers: this.workers.count,
        events: this.events.count,
        wartimeGrids: this.wartime.count,
        imageryLayers: this.imagery.count,
        ...this.basemap.counts(),
        ...this.grids.counts(),
      }),
      markerScreenPosition: (kind, id) => {
        const position = kind === 'worker' ? this.workers.positionOf(id) : kind === 'event' ? this.events.positionOf(id) : this.cameras.positionOf(id);
        const pos = position ? this.widget.scene.cartesianToCanvasCoordinates(position) : undefined;
        if (!pos) return null;
        const rect = this.widget.scene.canvas.getBoundingClientRect();
        return { x: rect.left + pos.x, y: rect.top + pos.y };
      },
      benchWorkerUpdate: () => {
        const fixes = this.workers.positions().map((w) => ({ id: w.id, position: [w.lon + (Math.random() - 0.5) * 1e-4, w.lat + (Math.random() - 0.5) * 1e-4] as LonLat }));
        const t0 = performance.now();
        this.workers.apply(fixes);
        return performance.now() - t0;
      },
    };
    window.__watchfloorMap = probe;
    return probe;
  }
}
