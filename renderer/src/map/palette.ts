// The command-room colours of the map, in one place: dark ground, cyan roads, deep-blue water, grid
// lines brighter the higher their level. Heights lift flat layers apart so they never z-fight.
import { Color } from 'cesium';
import type { BuildingUse, GridLevel } from '../../../native/api/model';

export const palette = {
  space: Color.fromCssColorString('#02050b'),
  ground: Color.fromCssColorString('#03070f'),
  /** The county's land, a shade lighter than the world around it. */
  land: Color.fromCssColorString('#0a1526'),
  block: Color.fromCssColorString('#0f1c31').withAlpha(0.95),
  green: Color.fromCssColorString('#0c2a26').withAlpha(0.95),
  water: Color.fromCssColorString('#0b3a78'),
  waterLine: Color.fromCssColorString('#1456a8'),
  road: {
    primary: Color.fromCssColorString('#56dcff'),
    secondary: Color.fromCssColorString('#2fa6d6'),
    street: Color.fromCssColorString('#1b5f82'),
  } as Record<string, Color>,
  roadHalo: Color.fromCssColorString('#2cc8ff').withAlpha(0.22),
  grid: {
    county: Color.fromCssColorString('#9af6ff'),
    // Boundaries in white and violet, so they never read as the cyan roads.
    town: Color.fromCssColorString('#e6f6ff').withAlpha(0.9),
    village: Color.fromCssColorString('#a98bff').withAlpha(0.7),
    unit: Color.fromCssColorString('#8a7ad8').withAlpha(0.75),
  } satisfies Record<GridLevel, Color>,
  countyHalo: Color.fromCssColorString('#56dcff').withAlpha(0.25),
  selection: Color.fromCssColorString('#ffd257'),
  labelTown: Color.fromCssColorString('#f2fbff'),
  labelVillage: Color.fromCssColorString('#d4c6ff'),
  labelUnit: Color.fromCssColorString('#b9b0e8'),
  building: {
    residential: Color.fromCssColorString('#2c4a70'),
    commercial: Color.fromCssColorString('#35608f'),
    public: Color.fromCssColorString('#2f6b74'),
    industrial: Color.fromCssColorString('#4a4f6a'),
  } satisfies Record<BuildingUse, Color>,
  cameraOnline: Color.fromCssColorString('#ffb547'),
  cameraOffline: Color.fromCssColorString('#7d8797'),
  worker: Color.fromCssColorString('#3dff8e'),
  workerOutline: Color.fromCssColorString('#03130a'),
  labelOutline: Color.fromCssColorString('#02050b'),
} as const;

/** Metres above the ellipsoid for each flat layer, bottom to top. */
export const layerHeight = {
  land: 0.5,
  block: 1,
  green: 2,
  water: 3,
  road: 5,
  grid: { unit: 10, village: 14, town: 18, county: 22 } satisfies Record<GridLevel, number>,
  selection: 30,
} as const;

/** Road line widths in pixels by class; the widest also get a soft halo. */
export const roadWidthPx: Record<string, number> = { primary: 3, secondary: 2, street: 1.2 };
export const gridWidthPx: Record<GridLevel, number> = { county: 3, town: 2, village: 1.4, unit: 1.3 };
