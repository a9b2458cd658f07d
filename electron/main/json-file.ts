// The shell's small memory files in userData (window bounds, wall pairings): read leniently (missing or
// corrupt means "no memory", said in the log), written whole through a temp file so a crash never leaves half.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { z } from 'zod';

export function readJsonFile<T extends z.ZodType>(file: string, schema: T, what: string, log: (line: string) => void): z.output<T> | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    log(`${what} ${file} ignored: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  } catch (err) {
    log(`${what} ${file} ignored: ${String(err)}`);
  }
  return null;
}

/** Validates, then writes; returns whether the data reached the disk. */
export function writeJsonFile<T extends z.ZodType>(file: string, schema: T, data: z.input<T>, what: string, log: (line: string) => void): boolean {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    log(`${what} not saved: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return false;
  }
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(parsed.data, null, 2));
    renameSync(tmp, file);
    return true;
  } catch (err) {
    log(`${what} not saved: ${String(err)}`);
    return false;
  }
}
