// The demo county as the generator writes it and the demo hub loads it (resources/county/*.json.gz).
import { z } from 'zod';
import { Building, Camera, CountyInfo, Grid, MapFeature, Polyline, Worker } from '../../native/api/model.js';

export const COUNTY_DATA_VERSION = 1;

/** A grid worker as the hub simulates them: the public record plus the patrol route they walk. */
export const SimulatedWorker = Worker.extend({
  /** A closed walk along the streets of the worker's grid; the simulator moves the worker along it. */
  route: Polyline,
  /** Walking speed, metres per second. */
  speedMps: z.number().positive(),
});
export type SimulatedWorker = z.infer<typeof SimulatedWorker>;

export const CountyData = z.object({
  version: z.literal(COUNTY_DATA_VERSION),
  seed: z.number().int(),
  county: CountyInfo,
  grids: z.array(Grid),
  buildings: z.array(Building),
  cameras: z.array(Camera),
  workers: z.array(SimulatedWorker),
  basemap: z.array(MapFeature),
});
export type CountyData = z.infer<typeof CountyData>;
