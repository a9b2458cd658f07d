// Remembers the console window's bounds in <userData>/window-state.json. A missing, corrupt or foreign
// file means "no memory" (defaults), and a failed write is logged: neither ever stops the app.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
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
    load() {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        return null;
      }
      try {
        const parsed = StateFile.safeParse(JSON.parse(text));
        if (parsed.success) return parsed.data.console;
        log(`window state ${file} ignored: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      } catch (err) {
        log(`window state ${file} ignored: ${String(err)}`);
      }
      return null;
    },
    save(state) {
      const { x, y, width, height } = state.bounds;
      const bounds = { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
      const parsed = StateFile.safeParse({ version: 1, console: { bounds, maximized: state.maximized } });
      if (!parsed.success) {
        log(`window state not saved: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
        return false;
      }
      try {
        mkdirSync(dirname(file), { recursive: true });
        // Write then rename, so a crash mid-write leaves the old file rather than half a new one.
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify(parsed.data, null, 2));
        renameSync(tmp, file);
        return true;
      } catch (err) {
        log(`window state not saved: ${String(err)}`);
        return false;
      }
    },
  };
}
