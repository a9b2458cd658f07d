// Control messages between Electron main and the station's utility process (over `process.parentPort`).
// Frames of the Station API never travel here: they go over the per-window MessagePorts handed with `connect`.
import { z } from 'zod';

/** main → station. `connect` carries exactly one MessagePort: the window's end of a fresh channel. */
export const ToStation = z.discriminatedUnion('type', [
  z.object({ type: z.literal('connect'), windowId: z.number().int().nonnegative() }).strict(),
  z.object({ type: z.literal('shutdown') }).strict(),
]);
export type ToStation = z.infer<typeof ToStation>;

/** station → main. `ready` once the station serves requests; `fatal` just before it exits on a start failure. */
export const FromStation = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }).strict(),
  z.object({ type: z.literal('fatal'), message: z.string() }).strict(),
]);
export type FromStation = z.infer<typeof FromStation>;
