// The generator's plan on the county seat: the seed reaches the partition, the same stream lays out the
// same blocks, and the county seat's 42 villages and communities each get their unit grids. (Whole-file
// determinism is checked by generate.test.ts.)
import { describe, expect, it } from 'vitest';
import { blockBuildings } from './buildings.js';
import { planCounty } from './plan.js';
import { Rng } from './prng.js';
import { COUNTY_SEAT_CODE } from './seats.js';

describe('planCounty', () => {
  const seat = planCounty(7, undefined, new Set([COUNTY_SEAT_CODE]));

  it('plans different town borders and rivers from another seed', () => {
    // Towns only (no core, villages or units) keeps this quick.
    const other = planCounty(8, undefined, new Set());
    expect(JSON.stringify(other.townRings)).not.toBe(JSON.stringify(seat.townRings));
    expect(JSON.stringify(other.water.lines.map((l) => l.line))).not.toBe(JSON.stringify(seat.water.lines.map((l) => l.line)));
  });

  it('lays out the same buildings in a block from the same stream', () => {
    const core = seat.cores.find((c) => c !== null);
    if (!core) throw new Error('no core planned');
    const built = [...core.grid.blocks].filter(([, use]) => use === 'built').slice(0, 5);
    const layout = () =>
      built.map(([key]) => {
        const [i, j] = key.split(',').map(Number) as [number, number];
        return blockBuildings(new Rng(`test/${key}`), core, i, j);
      });
    const first = JSON.stringify(layout());
    expect(JSON.stringify(layout())).toBe(first);
    expect(first.length).toBeGreaterThan(100);
  });

  it('gives the county seat its 42 villages and communities, each with unit grids', () => {
    expect(seat.villages).toHaveLength(42);
    for (const pv of seat.villages) expect((seat.unitsByVillage.get(pv.village.code) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(seat.units.filter((u) => u.urban).length).toBeGreaterThan(200);
  });
});
