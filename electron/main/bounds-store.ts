// Remembers the console window's bounds in <userData>/window-state.json. A missing, corrupt or foreign
// file means "no memory" (defaults), and a failed write is logged: neither ever stops the app.
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './json-file.js';
import type { WindowState } from './window-placement.js';

const Coordinate = z.number().int().min(-100_000).max(100_000);
const Size = z.number().int().min(1).max(100_000);

const StateFile = z.object({
  version: z.literal(1),
  console: z.object({
    bounds: z.object({ x: Coordinate, y: Coordinate, width: Size, height: Size }),
    maximized: z.boolean(),
  }),
});

export interface BoundsStore {
  load(): WindowState | null;
  /** Returns whether the state reached the disk. */
  save(state: WindowState): boolean;
}

export function createBoundsStore(file: string, log: (line: string) => void = () => undefined): BoundsStore {
  return {
    load: () => readJsonFile(file, StateFile, 'window state', log)?.console ?? null,
    save(state) {
      const { x, y, width, height } = state.bounds;
      const bounds = { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
      return writeJsonFile(file, StateFile, { version: 1, console: { bounds, maximized: state.maximized } }, 'window state', log);
    },
  };
}
