import { describe, expect, it } from 'vitest';
import { GridEvent, type LonLat } from '../native/api/model.js';
import { PositionFix } from '../native/sync/hub-protocol.js';
import { CountyData } from './county/types.js';
import { EVENT_KINDS } from './event-catalog.js';
import { SHIPPED_LISTS } from './lists.js';
import { handlingLevel, headingOf, PHONE_FIX_HOLD_MS, pointAlong, preparePath, Simulator } from './simulator.js';
import { fixtureCounty } from './test-fixture.js';

const T0 = Date.UTC(2025, 2, 1, 2, 0, 0); // 2025-03-01 10:00 in China

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

  it("stands a worker where their phone says while it shares fixes, and walks the route again after it goes quiet", () => {
    const clock = fakeClock();
    const sim = new Simulator(county, { now: clock.now });
    const other = county.workers[1]!;
    const otherBefore = sim.fixOf(other.id)!;
    const here: LonLat = [119.3611, 33.2411];
    expect(sim.place(worker.id, here, clock.now())).toBe(true);
    expect(sim.place('W-nobody', here, clock.now())).toBe(false);
    expect(sim.fixOf(worker.id)).toEqual({ id: worker.id, position: here, heading: 0, fixAt: T0 });
    clock.advance(10_000);
    // Standing still between fixes; the next fix north-east of the last faces that way.
    expect(sim.fixOf(worker.id)?.position).toEqual(here);
    const there: LonLat = [119.3612, 33.2412];
    sim.place(worker.id, there, clock.now());
    const fix = sim.positions().find((p) => p.id === worker.id)!;
    expect(fix.position).toEqual(there);
    expect(fix.heading).toBeGreaterThan(0);
    expect(fix.heading).toBeLessThan(90);
    expect(sim.workerRecords().find((w) => w.id === worker.id)?.position).toEqual(there);
    // Nobody else is touched, and the past is as the walk was.
    expect(sim.fixOf(other.id, T0)).toEqual(otherBefore);
    expect(sim.fixOf(worker.id, T0 - 1)?.position).not.toEqual(here);
    clock.advance(PHONE_FIX_HOLD_MS - 1);
    expect(sim.fixOf(worker.id)?.position).toEqual(there);
    clock.advance(1);
    const walking = sim.fixOf(worker.id)!;
    expect(walking.position).not.toEqual(there);
    expect(walking.fixAt).toBe(clock.now());
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
  const categories = new Set(SHIPPED_LISTS.collectionItems.map((k) => k.category));

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

  it('reports from every channel at the designed shares, each with its own fields', () => {
    const sim = new Simulator(county, { now: () => T0 });
    const events = Array.from({ length: 2000 }, (_, i) => sim.nextEvent(i + 1));
    const share = (source: string) => events.filter((e) => e.source === source).length / events.length;
    expect(share('grid_worker')).toBeGreaterThan(0.44);
    expect(share('grid_worker')).toBeLessThan(0.56);
    expect(share('hotline_12345')).toBeGreaterThan(0.2);
    expect(share('hotline_12345')).toBeLessThan(0.3);
    expect(share('ai_video')).toBeGreaterThan(0.11);
    expect(share('ai_video')).toBeLessThan(0.19);
    expect(share('public_tip')).toBeGreaterThan(0.07);
    expect(share('public_tip')).toBeLessThan(0.13);
    const cameraGrid = new Map(county.cameras.map((c) => [c.id, c.gridCode]));
    const listed = new Set(SHIPPED_LISTS.collectionItems.map((c) => c.category));
    for (const e of events) {
      expect(listed.has(e.category), e.category).toBe(true);
      expect(e.version).toBe(1);
      expect(e.description.length).toBeGreaterThan(5);
      expect(/[\u4e00-\u9fff]/.test(e.description)).toBe(true);
      if (e.source === 'ai_video') {
        expect(cameraGrid.get(e.cameraId!)).toBe(e.gridCode);
        expect(e.detection).toBe(e.category);
        expect(e.snapshot).toBe(`/api/v1/snapshots/${e.id}.svg`);
      } else {
        expect([e.cameraId, e.snapshot, e.detection]).toEqual([null, null, null]);
        expect(e.reporter).toBeTruthy();
      }
    }
    // Most work is handled at village or town level (小事不出村, 大事不出镇).
    const low = events.filter((e) => e.level !== 'county').length;
    expect(low / events.length).toBeGreaterThan(0.9);
  });
});

describe('handlingLevel', () => {
  it.each([
    ['street_vending', 1, 'village'],
    ['street_vending', 4, 'town'],
    ['gas_hazard', 2, 'town'],
    ['gas_hazard', 5, 'county'],
    ['not_a_category', 1, 'town'],
  ] as const)('%s at severity %i → %s', (category, severity, level) => {
    expect(handlingLevel(category, severity, SHIPPED_LISTS)).toBe(level);
  });
});
