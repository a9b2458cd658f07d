// What the fault test says to a seat in a child process and what it answers (over the Node IPC channel),
// checked on both sides: a request to the Station API, the seat's outbox and cursors, or its cached rows.
import { z } from 'zod';

/** The cached collections the fault test writes to and compares with the hub. */
export const WrittenCollection = z.enum(['events', 'event_actions', 'incidents', 'incident_log']);
export type WrittenCollection = z.infer<typeof WrittenCollection>;

export const ChildRequest = z.discriminatedUnion('op', [
  /** Start the station (once per child). */
  z.object({ op: z.literal('open'), id: z.number().int(), dataDir: z.string().min(1), hubUrl: z.string().url() }),
  z.object({ op: z.literal('call'), id: z.number().int(), method: z.string().min(1), params: z.unknown() }),
  z.object({ op: z.literal('status'), id: z.number().int() }),
  z.object({ op: z.literal('rows'), id: z.number().int(), collection: WrittenCollection }),
  z.object({ op: z.literal('close'), id: z.number().int() }),
]);
export type ChildRequest = z.infer<typeof ChildRequest>;

export const SeatStatus = z.object({
  outbox: z.record(z.string(), z.number().int()),
  link: z.string(),
  cursors: z.record(z.string(), z.number()),
});
export type SeatStatus = z.infer<typeof SeatStatus>;

export const ChildMessage = z.discriminatedUnion('kind', [
  /** The code is loaded and the child listens: it may be told to open. */
  z.object({ kind: z.literal('loaded') }),
  /** The station is open (from its cache); `synced` follows once it caught up with the hub. */
  z.object({ kind: z.literal('ready'), startMs: z.number() }),
  z.object({ kind: z.literal('synced') }),
  z.object({ kind: z.literal('ok'), id: z.number().int(), result: z.unknown() }),
  z.object({ kind: z.literal('err'), id: z.number().int(), code: z.string(), message: z.string() }),
]);
export type ChildMessage = z.infer<typeof ChildMessage>;
