import { describe, expect, it } from 'vitest';
import { EventState, GridEvent, type LonLat } from '../native/api/model.js';
import { PositionFix } from '../native/sync/hub-protocol.js';
import { CountyData } from './county/types.js';
import { EVENT_KINDS } from './event-catalog.js';
import { eventId, headingOf, pointAlong, preparePath, Simulator } from './simulator.js';
import { fixtureCounty } from './test-fixture.js';

const T0 = Date.UTC(2025, 2, 1, 2, 0, 0); // 2025-03-01 10:00 in China
const DAY = 86_400_000;

/** Metres between two nearby points (equirectangular, as the simulator measures). */
function metres(a: LonLat, b: LonLat): number {
  const kx = 111_320 * Math.cos((a[1] * Math.PI) / 180);
  return Math.hypot((b[0] - a[0]) * kx, (b[1] - a[1]) * 110_574);
}

function fakeClock(start = T0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('fixture county', () => {
  it('matches the county file schema', () => {
    expect(CountyData.safeParse(fixtureCounty()).success).toBe(true);
    expect(CountyData.safeParse(fixtureCounty({ villages: 3, unitsPerVillage: 4, buildingsPerUnit: 9 })).success).toBe(true);
  });
});

describe('headingOf', () => {
  const kx = 111_320 * Math.cos((33 * Math.PI) / 180);
  it.each([
    ['north', [119, 33.001], 0],
    ['east', [119.001, 33], 90],
    ['south', [119, 32.999], 180],
    ['west', [118.999, 33], 270],
    ['standing still', [119, 33], 0],
  ] as const)('%s', (_name, to, expected) => {
    expect(headingOf([119, 33], [to[0], to[1]], kx)).toBe(expected);
  });

  it('stays in [0, 360) just west of north', () => {
    const h = headingOf([119, 33], [118.9999999, 33.01], kx);
    expect(h).toBeGreaterThanOrEqual(0);
    expect(h).toBeLessThan(360);
  });
});

describe('pointAlong', () => {
  // A two-point route is walked out and back: A → B → A.
  const line = preparePath([[119, 33], [119.01, 33]]);

  it('closes the loop, so a two-point route is there and back', () => {
    expect(line.points).toHaveLength(3);
    expect(line.length).toBeCloseTo(2 * metres([119, 33], [119.01, 33]), 3);
  });

  it('walks out facing east and back facing west', () => {
    const out = pointAlong(line, line.length / 4);
    expect(out.heading).toBe(90);
    expect(out.position[0]).toBeCloseTo(119.005, 5);
    const back = pointAlong(line, (3 * line.length) / 4);
    expect(back.heading).toBe(270);
    expect(back.position[0]).toBeCloseTo(119.005, 5);
  });

  it('wraps distances beyond one loop and below zero', () => {
    expect(pointAlong(line, line.length * 3 + 100)).toEqual(pointAlong(line, 100));
    expect(pointAlong(line, -100)).toEqual(pointAlong(line, line.length - 100));
  });

  it('does not add a closing leg to a route that already ends where it starts', () => {
    const square = preparePath([[119, 33], [119.001, 33], [119.001, 33.001], [119, 33]]);
    expect(square.points).toHaveLength(4);
  });

  it('keeps a walker with a zero-length route in place', () => {
    const still = preparePath([[119, 33], [119, 33]]);
    expect(pointAlong(still, 50)).toEqual({ position: [119, 33], heading: 0 });
  });
});

describe('Simulator movement', () => {
  const county = fixtureCounty();
  const worker = county.workers[0]!;

  it('advances each worker along its route at its speed', () => {
    const clock = fakeClock();
    const sim = new Simulator(county, { now: clock.now });
    const a = sim.fixOf(worker.id)!;
    clock.advance(5_000);
    const b = sim.fixOf(worker.id)!;
    expect(b.fixAt - a.fixAt).toBe(5_000);
    const moved = metres(a.position, b.position);
    // 1.2 m/s for 5 s; less only if the 6 m straddle a corner of the square patrol.
    expect(moved).toBeGreaterThan(4);
    expect(moved).toBeLessThanOrEqual(6.01);
  });

  it('comes back to the same place after one lap and keeps going', () => {
    const clock = fakeClock();
    const sim = new Simulator(county, { now: clock.now });
    const lap = (preparePath(worker.route).length / worker.speedMps) * 1000;
    const start = sim.fixOf(worker.id)!;
    const after = sim.fixOf(worker.id, T0 + lap)!;
    expect(metres(start.position, after.position)).toBeLessThan(0.05);
    const half = sim.fixOf(worker.id, T0 + lap / 2)!;
    expect(metres(start.position, half.position)).toBeGreaterThan(10);
  });

  it('faces along the square patrol: north, east, south or west', () => {
    const sim = new Simulator(county, { now: () => T0 });
    const headings = new Set<number>();
    for (let s = 0; s < 600; s += 7) headings.add(sim.fixOf(worker.id, T0 + s * 1000)!.heading);
    expect([...headings].sort((x, y) => x - y)).toEqual([0, 90, 180, 270]);
  });

  it('reports every worker as a valid fix, and records without routes', () => {
    const sim = new Simulator(county, { now: () => T0 });
    const fixes = sim.positions();
    expect(fixes).toHaveLength(county.workers.length);
    for (const f of fixes) expect(PositionFix.safeParse(f).success).toBe(true);
    const records = sim.workerRecords();
    expect(records[0]).not.toHaveProperty('route');
    expect(records[0]!.fixAt).toBe(T0);
  });

  it('spreads workers over their routes and depends only on the seed', () => {
    const a = new Simulator(county, { seed: 1, now: () => T0 }).positions();
    const b = new Simulator(county, { seed: 1, now: () => T0 }).positions();
    const c = new Simulator(county, { seed: 2, now: () => T0 }).positions();
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });
});

describe('Simulator events', () => {
  const county = fixtureCounty();
  const units = new Set(county.grids.filter((g) => g.level === 'unit').map((g) => g.code));
  const categories = new Set(EVENT_KINDS.map((k) => k.category));

  it('reports a valid new event in a unit grid at the current time', () => {
    const sim = new Simulator(county, { now: () => T0 });
    const e = sim.nextEvent(42);
    expect(GridEvent.safeParse(e).success).toBe(true);
    expect(e.id).toBe('EV20250301000042');
    expect(e.state).toBe('reported');
    expect(e.reportedAt).toBe(T0);
    expect(units.has(e.gridCode)).toBe(true);
    expect(categories.has(e.category)).toBe(true);
    expect(/[\u4e00-\u9fff]/.test(e.title)).toBe(true);
    expect(['grid_worker', 'hotline_12345', 'ai_video', 'public_tip']).toContain(e.source);
  });

  it('draws the same events from the same seed', () => {
    const a = new Simulator(county, { seed: 7, now: () => T0 });
    const b = new Simulator(county, { seed: 7, now: () => T0 });
    const c = new Simulator(county, { seed: 8, now: () => T0 });
    const draw = (s: Simulator) => [1, 2, 3, 4, 5].map((n) => s.nextEvent(n));
    expect(draw(b)).toEqual(draw(a));
    expect(draw(c)).not.toEqual(draw(new Simulator(county, { seed: 7, now: () => T0 })));
  });

  it('names AI video alerts only for what video analytics can see, at a camera', () => {
    const sim = new Simulator(county, { now: () => T0 });
    const cameraSpots = new Set(county.cameras.map((c) => c.position.join()));
    const video = Array.from({ length: 200 }, (_, i) => sim.nextEvent(i + 1)).filter((e) => e.source === 'ai_video');
    expect(video.length).toBeGreaterThan(10);
    const detectable = new Set(EVENT_KINDS.filter((k) => k.videoDetectable).map((k) => k.category));
    for (const e of video) {
      expect(detectable.has(e.category)).toBe(true);
      expect(cameraSpots.has(e.position.join())).toBe(true);
    }
  });

  it('seeds a month of history: valid, ordered, mostly closed, weighted to low severity', () => {
    const sim = new Simulator(county, { now: () => T0 });
    const events = sim.history(300, 1);
    expect(events).toHaveLength(300);
    expect(new Set(events.map((e) => e.id)).size).toBe(300);
    for (const e of events) {
      expect(GridEvent.safeParse(e).success).toBe(true);
      expect(e.reportedAt).toBeGreaterThanOrEqual(T0 - 30 * DAY);
      expect(e.updatedAt).toBeGreaterThanOrEqual(e.reportedAt);
      expect(e.updatedAt).toBeLessThanOrEqual(T0);
    }
    for (let i = 1; i < events.length; i++) expect(events[i]!.reportedAt).toBeGreaterThanOrEqual(events[i - 1]!.reportedAt);
    expect(events[0]!.id).toBe(eventId(events[0]!.reportedAt, 1));

    const closed = events.filter((e) => ['archived', 'evaluated', 'verified'].includes(e.state));
    const open = events.filter((e) => !closed.includes(e));
    expect(closed.length).toBeGreaterThan(200);
    expect(open.length).toBeGreaterThan(20);
    expect(events.filter((e) => e.state === 'archived').length).toBeGreaterThan(150);
    for (const e of open) expect(EventState.safeParse(e.state).success).toBe(true);
    // Open work is recent: the old month is closed.
    for (const e of open) expect(e.reportedAt).toBeGreaterThan(T0 - 5 * DAY);

    const low = events.filter((e) => e.severity <= 2).length;
    const high = events.filter((e) => e.severity >= 4).length;
    expect(low).toBeGreaterThan(3 * high);
    expect(high).toBeGreaterThan(0);
  });
});
