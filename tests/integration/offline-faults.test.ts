// Randomised fault injection: a real hub, two seats in child processes, each behind its own fault proxy.
// Hundreds of writes while links are cut, black-holed, delayed and reset and seats are SIGKILLed; then
// the hub must hold each write's effect exactly once and both caches must equal the hub.
// FAULT_SEED=<n> replays a run's schedule (faults, kills, writes); the seed is printed at start and on failure.
// FAULT_DEBUG=1 also prints the seats' logs after a passing run.
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/measure.js';
import { fixtureCounty } from '../../hub/test-fixture.js';
import { startHub } from '../../hub/server.js';
import type { GridEvent } from '../../native/api/model.js';
import { CACHE_FILE } from '../../native/station.js';
import { openStore } from '../../native/store/store.js';
import type { OutboxRow } from '../../native/store/outbox.js';
import { tempDir } from '../../native/store/test-fixtures.js';
import { HubClient } from '../../native/sync/hub-client.js';
import type { SyncCollection } from '../../native/sync/hub-protocol.js';
import { FaultProxy } from '../support/fault-proxy.js';
import { verdict, type AskedWrite, type HubEffect, type WriteKind } from '../support/offline-ledger.js';
import type { WrittenCollection } from '../support/offline-seat-protocol.js';
import { OfflineSeat, SeatCallError, SeatGone } from '../support/offline-seat.js';
import { eventually } from './wait.js';

const SEED = Number(process.env.FAULT_SEED ?? randomInt(1, 2 ** 31 - 1));
const PREFIX = `FT${SEED}-`;
/** Writes the seats must have answered, together. */
const MIN_WRITES = 500;
const FAULTS = 24;
const KILLS = 4;
/** The seat's state-machine refusals of a transition (native/api/work-order.ts): nothing is written. */
const LOCAL_REFUSALS = new Set(['forbidden_transition', 'forbidden_role', 'missing_reason', 'bad_payload', 'version_conflict']);
const COUNTY = fixtureCounty({ villages: 3, unitsPerVillage: 3, buildingsPerUnit: 1 });

type Hub = Awaited<ReturnType<typeof startHub>>;
let hub: Hub;
const dirs = { a: tempDir('watchfloor-faults-a-'), b: tempDir('watchfloor-faults-b-') };
const proxies: FaultProxy[] = [];
const seats: OfflineSeat[] = [];
const log: string[] = [];
const note = (line: string): void => {
  log.push(line);
};
let incidentId = '';
let t0 = 0;
/** When each stage ended, ms since the start: printed with the verdict. */
const phases: Record<string, number> = {};
const phase = (name: string): void => {
  phases[name] = Math.round(performance.now() - t0);
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Every row of a collection as the hub serves it, paged like a seat pulls it. */
async function hubRows(collection: SyncCollection): Promise<{ id: string; data: unknown }[]> {
  const client = new HubClient(hub.url);
  const out: { id: string; data: unknown }[] = [];
  let after = 0;
  for (;;) {
    const page = await client.page(collection, after, 5_000);
    for (const r of page.rows) out.push({ id: (r.data as { id: string }).id, data: r.data });
    after = page.cursor;
    if (!page.more) return out;
  }
}

/** The first difference between a seat's cached rows and the hub's, or null when they are equal. */
function difference(seatRows: readonly { id: string; data: unknown }[], hubRowsNow: readonly { id: string; data: unknown }[]): string | null {
  if (seatRows.length !== hubRowsNow.length) return `${seatRows.length} rows cached, ${hubRowsNow.length} at the hub`;
  const cached = new Map(seatRows.map((r) => [r.id, r.data]));
  for (const r of hubRowsNow) {
    if (!cached.has(r.id)) return `${r.id} missing`;
    if (!isDeepStrictEqual(cached.get(r.id), r.data)) return `${r.id} differs`;
  }
  return null;
}

function integrity(dataDir: string): string {
  const db = new Database(join(dataDir, CACHE_FILE));
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  t0 = performance.now();
  process.stdout.write(`offline-faults: FAULT_SEED=${SEED}\n`);
  hub = await startHub({
    port: 0, host: '127.0.0.1', dataDir: null, county: COUNTY,
    historyEvents: 40, positionIntervalMs: 1_000, eventIntervalMs: 3_600_000, fieldIntervalMs: 3_600_000,
  });
  phase('hub');
  for (const [name, dir] of [['a', dirs.a.dir], ['b', dirs.b.dir]] as const) {
    const proxy = await FaultProxy.start({ port: hub.port });
    proxies.push(proxy);
    seats.push(new OfflineSeat(name, dir, proxy.url, note));
  }
  await Promise.all(seats.map((s) => s.start()));
  phase('seatsOpen');
  await Promise.all(seats.map((s) => s.whenSynced()));
  phase('seatsSynced');
  const [a, b] = seats as [OfflineSeat, OfflineSeat];
  await a.call('seat.setIdentity', { name: '张主任', role: 'duty_director', seatId: 'seat-a' });
  await b.call('seat.setIdentity', { name: '值班长', role: 'duty_commander', seatId: 'seat-b' });
  const county = (await a.call('station.status', {})).county;
  if (!county) throw new Error('seat A has no county after its first sync');
  incidentId = (await a.call('incident.declare', { type: 'typhoon_flood', title: '防汛演练', level: 3, position: county.center, radiusM: 1_000 })).key;
  // Notes go to the incident: both seats must know it (seat B by pulling it from the hub).
  await eventually(async () => (await b.rows('incidents')).some((r) => r.id === incidentId), 30_000, 'seat B to pull the incident');
}, 180_000);

afterAll(async () => {
  await Promise.all(seats.map((s) => s.dispose()));
  await Promise.all(proxies.map((p) => p.close()));
  await hub?.close();
  dirs.a.remove();
  dirs.b.remove();
});

describe('offline fault injection', () => {
  it(`keeps every write exactly once through link faults and SIGKILLs (FAULT_SEED=${SEED})`, async () => {
    const rng = mulberry32(SEED);
    const between = (lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo));
    const asked: AskedWrite[] = [];
    const faults: Record<string, number> = {};
    const kills: string[] = [];
    const integrityAfterKill: string[] = [];
    let localRefusals = 0;
    let stop = false;
    /** A writer's unexpected error stops the run and fails it. */
    let writerError: unknown = null;
    const lists = await seats[0]!.call('lists.get', {});
    const category = lists.collectionItems[0]!.category;
    const unitCodes = COUNTY.grids.filter((g) => g.level === 'unit');

    // Each seat's writer draws from its own stream, so a kill at the other seat does not shift its choices.
    const writer = async (seat: OfflineSeat, seatRng: () => number): Promise<void> => {
      let n = 0;
      while (writerError === null && (!stop || asked.filter((w) => w.key !== null).length < MIN_WRITES)) {
        await sleep(10 + Math.floor(seatRng() * 50));
        if (!seat.alive) continue;
        const x = seatRng();
        const kind: WriteKind = x < 0.55 ? 'create' : x < 0.8 ? 'note' : 'transition';
        const tag = `${PREFIX}${seat.name}-${n++}`;
        try {
          let key: string;
          if (kind === 'create') {
            const grid = unitCodes[Math.floor(seatRng() * unitCodes.length)]!;
            key = (await seat.call('events.create', { title: tag, category, severity: 1 + Math.floor(seatRng() * 5), gridCode: grid.code, position: grid.center })).key;
          } else if (kind === 'note') {
            key = (await seat.call('incident.log', { incidentId, kind: 'note', text: tag })).key;
          } else {
            const open = (await seat.call('events.list', { states: ['reported', 'accepted'], sort: 'reported', limit: 30 })).items;
            const e: GridEvent | undefined = open[Math.floor(seatRng() * open.length)];
            if (!e) continue;
            key = (await seat.call('events.transition', {
              eventId: e.id, action: e.state === 'reported' ? 'accept' : 'supervise', reason: tag, expectedVersion: e.version,
            })).key;
          }
          asked.push({ tag, seat: seat.name, kind, key });
        } catch (err) {
          if (err instanceof SeatGone) asked.push({ tag, seat: seat.name, kind, key: null });
          // The seat's own state-machine check (the event moved on between the list and the call): nothing written.
          else if (err instanceof SeatCallError && kind === 'transition' && LOCAL_REFUSALS.has(err.code)) localRefusals++;
          else throw err;
        }
      }
    };

    const restart = async (seat: OfflineSeat): Promise<void> => {
      await seat.kill();
      integrityAfterKill.push(integrity(seat.dataDir));
      await seat.start();
    };

    // The schedule: faults one after another on one link or both, kills of a seat at random fault steps.
    const killAt = new Set<number>();
    while (killAt.size < KILLS) killAt.add(between(2, FAULTS - 1));
    const schedule = async (): Promise<void> => {
      for (let i = 0; i < FAULTS && writerError === null; i++) {
        await sleep(between(100, 500));
        const targets = rng() < 0.25 ? proxies : [proxies[between(0, 2)]!];
        const kind = (['cut', 'blackhole', 'delay', 'reset'] as const)[between(0, 4)]!;
        faults[kind] = (faults[kind] ?? 0) + 1;
        const hold = between(150, 1_200);
        if (kind === 'cut') for (const p of targets) p.cut();
        else if (kind === 'blackhole') await Promise.all(targets.map((p) => p.blackhole()));
        else if (kind === 'delay') for (const p of targets) p.delay(between(50, 800));
        else for (const p of targets) p.reset();
        note(`${Math.round(performance.now() - t0)} ms: ${kind} on ${targets.map((p) => p.port).join('+')} for ${hold} ms`);
        if (killAt.has(i)) {
          const seat = seats[between(0, 2)]!;
          kills.push(seat.name);
          note(`${Math.round(performance.now() - t0)} ms: SIGKILL seat ${seat.name}`);
          await restart(seat);
        } else {
          await sleep(hold);
        }
        await Promise.all(proxies.map((p) => p.heal()));
      }
    };

    phase('start');
    try {
      const writers = [writer(seats[0]!, mulberry32(SEED ^ 0xa5a5)), writer(seats[1]!, mulberry32(SEED ^ 0x5a5a))].map((w) => w.catch((err: unknown) => {
        writerError ??= err;
        stop = true;
      }));
      await schedule();
      phase('faultsDone');
      stop = true;
      await Promise.all(writers);
      if (writerError) throw writerError;
      phase('writesDone');
      const backlog = (await Promise.all(seats.map((x) => x.status()))).map((x) => x.outbox['pending'] ?? 0);

      // Healed: both outboxes drain, and both caches come to equal the hub in the written collections.
      await eventually(async () => {
        const s = await Promise.all(seats.map((x) => x.status()));
        return s.every((x) => !x.outbox['pending']);
      }, 90_000, 'both outboxes drained', 250);
      phase('drained');
      const collections: WrittenCollection[] = ['events', 'event_actions', 'incidents', 'incident_log'];
      await eventually(async () => {
        for (const c of collections) {
          const atHub = await hubRows(c);
          for (const seat of seats) {
            const d = difference(await seat.rows(c), atHub);
            if (d) {
              note(`not yet converged: seat ${seat.name} ${c}: ${d}`);
              return false;
            }
          }
        }
        return true;
      }, 60_000, 'both caches equal to the hub', 500);
      phase('converged');

      // The verdict reads the outboxes from the files, after a clean close.
      await Promise.all(seats.map((s) => s.close()));
      const outboxes = new Map<string, OutboxRow[]>();
      for (const seat of seats) {
        const store = openStore(join(seat.dataDir, CACHE_FILE));
        try {
          outboxes.set(seat.name, store.outbox.list(undefined, 100_000));
          expect(String(store.db.pragma('integrity_check', { simple: true }))).toBe('ok');
        } finally {
          store.close();
        }
      }
      const effects: HubEffect[] = [];
      const tagged = (tag: unknown, id: string): void => {
        if (typeof tag === 'string' && tag.startsWith(PREFIX)) effects.push({ tag, id });
      };
      for (const r of await hubRows('events')) tagged((r.data as { title: string }).title, r.id);
      for (const r of await hubRows('event_actions')) tagged((r.data as { reason: string | null }).reason, r.id);
      for (const r of await hubRows('incident_log')) tagged((r.data as { text: string }).text, r.id);
      const v = verdict(asked, outboxes, effects, PREFIX);
      const answered = asked.filter((w) => w.key !== null).length;
      const byKind = (k: WriteKind): number => asked.filter((w) => w.kind === k && w.key !== null).length;
      const summary = {
        seed: SEED, answered, creates: byKind('create'), notes: byKind('note'), transitions: byKind('transition'), localRefusals,
        backlog, sent: v.sent, rejected: v.rejected, inDoubt: v.inDoubt, faults, kills, integrityAfterKill,
        seatStartMs: seats.map((s) => s.startMs.map((x) => Math.round(x))), phases, runtimeS: Math.round((performance.now() - t0) / 1000),
      };
      process.stdout.write(`offline-faults: ${JSON.stringify(summary)}\n`);
      if (process.env.FAULT_DEBUG) for (const s of seats) process.stdout.write(`seat ${s.name} output:\n${s.tail()}\n`);
      expect(answered).toBeGreaterThanOrEqual(MIN_WRITES);
      expect(Object.values(faults).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(20);
      expect(kills.length).toBeGreaterThanOrEqual(3);
      expect(integrityAfterKill.every((r) => r === 'ok')).toBe(true);
      expect(v.pending).toBe(0);
      expect(v.lost).toEqual([]);
      expect(v.duplicated).toEqual([]);
      expect(v.phantom).toEqual([]);
      expect(v.badRejections).toEqual([]);
      expect(v.sent + v.rejected).toBe(v.writes);
    } catch (err) {
      process.stdout.write(`offline-faults: FAILED with FAULT_SEED=${SEED} (replay: FAULT_SEED=${SEED} npx vitest run --project integration tests/integration/offline-faults.test.ts)\n`);
      process.stdout.write(`${log.slice(-40).join('\n')}\n`);
      for (const s of seats) process.stdout.write(`seat ${s.name} output:\n${s.tail().slice(-3_000)}\n`);
      throw err;
    }
  }, 300_000);
});
