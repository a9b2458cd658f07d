// Remembers which display showed which wall, in <userData>/walls.json, so a monitor plugged back in (or the
// app started again) shows the wall it had. Missing or corrupt: no memory, walls numbered afresh.
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './json-file.js';
import { MAX_REMEMBERED, MAX_WALLS, type WallAssignment } from './wall-placement.js';

const Coordinate = z.number().int().min(-100_000).max(100_000);

const WallsFile = z.object({
  version: z.literal(1),
  walls: z
    .array(
      z.object({
        displayId: z.number().int().nonnegative(),
        x: Coordinate,
        y: Coordinate,
        wallId: z.number().int().min(1).max(MAX_WALLS),
      }).strict(),
    )
    .max(MAX_REMEMBERED),
});

export interface WallStore {
  load(): WallAssignment[];
  /** Returns whether the pairings reached the disk. */
  save(walls: readonly WallAssignment[]): boolean;
}

export function createWallStore(file: string, log: (line: string) => void = () => undefined): WallStore {
  return {
    load: () => readJsonFile(file, WallsFile, 'wall memory', log)?.walls ?? [],
    save: (walls) =>
      writeJsonFile(file, WallsFile, { version: 1, walls: walls.map((w) => ({ ...w, x: Math.round(w.x), y: Math.round(w.y) })) }, 'wall memory', log),
  };
}
