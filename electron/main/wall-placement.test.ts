import { describe, expect, it } from 'vitest';
import { MAX_REMEMBERED, planWalls, type WallAssignment } from './wall-placement.js';
import type { DisplayInfo } from './window-placement.js';

const display = (id: number, x: number, primary = false, width = 1920, height = 1080, y = 0): DisplayInfo => ({
  id,
  primary,
  bounds: { x, y, width, height },
  workArea: { x, y, width, height: height - 40 },
});
const at = (displayId: number, x: number, wallId: number, y = 0): WallAssignment => ({ displayId, x, y, wallId });

/** displayId → wallId of the windows a plan wants, for compact expectations. */
const wallsOf = (displays: DisplayInfo[], memory: WallAssignment[]) =>
  Object.fromEntries(planWalls(displays, memory).windows.map((w) => [w.displayId, w.wallId]));

describe('planWalls: one placement', () => {
  it.each<[string, DisplayInfo[], WallAssignment[], Record<number, number>]>([
    ['a single display: the console only', [display(1, 0, true)], [], {}],
    ['no displays reported', [], [], {}],
    ['two displays, nothing remembered: wall 1 on the secondary', [display(1, 0, true), display(2, 1920)], [], { 2: 1 }],
    ['three displays: walls numbered left to right', [display(3, 3840), display(1, 0, true), display(2, 1920)], [], { 2: 1, 3: 2 }],
    ['a display left of the primary counts from the left', [display(1, 0, true), display(2, 1920), display(5, -1920)], [], { 5: 1, 2: 2 }],
    ['remembered by display id, wherever it is now', [display(1, 0, true), display(2, -1920)], [at(2, 1920, 4)], { 2: 4 }],
    ['remembered by position when the id changed', [display(1, 0, true), display(9, 1920)], [at(2, 1920, 4)], { 9: 4 }],
    ['id wins over position', [display(1, 0, true), display(2, 3840), display(3, 1920)], [at(2, 1920, 5), at(3, 3840, 6)], { 2: 5, 3: 6 }],
    [
      'a present display keeps its wall against a stranger at its old position',
      [display(1, 0, true), display(2, 3840), display(7, 1920)],
      [at(2, 1920, 5)],
      { 2: 5, 7: 1 },
    ],
    ['a new display skips walls kept for unplugged displays', [display(1, 0, true), display(8, 5760)], [at(2, 1920, 1), at(3, 3840, 2)], { 8: 3 }],
    ['no display flagged primary: the first keeps the console', [display(1, 0), display(2, 1920)], [], { 2: 1 }],
    ['the primary display never gets a wall, even one it had', [display(2, 0, true), display(1, -1920)], [at(2, 1920, 1)], { 1: 1 }],
  ])('%s', (_name, displays, memory, expected) => {
    expect(wallsOf(displays, memory)).toEqual(expected);
  });

  it('sizes each wall window to its whole display, task bar included', () => {
    const plan = planWalls([display(1, 0, true), display(2, 1920, false, 3840, 2160, -540)], []);
    expect(plan.windows).toEqual([{ displayId: 2, wallId: 1, bounds: { x: 1920, y: -540, width: 3840, height: 2160 } }]);
  });

  it('stops at 16 walls, then reuses walls kept for absent displays before giving up', () => {
    const many = [display(1, 0, true), ...Array.from({ length: 18 }, (_, i) => display(100 + i, 1920 * (i + 1)))];
    const plan = planWalls(many, []);
    expect(plan.windows.map((w) => w.wallId)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    const memory = Array.from({ length: 16 }, (_, i) => at(500 + i, -9999, i + 1));
    expect(wallsOf([display(1, 0, true), display(2, 1920)], memory)).toEqual({ 2: 1 });
  });

  it('remembers one pairing per display and per wall, newest first, bounded', () => {
    const plan = planWalls([display(1, 0, true), display(9, 1920)], [at(2, 1920, 4), at(3, 3840, 6)]);
    // Display 9 took wall 4 by position: display 2's memory of wall 4 is gone, display 3's stays.
    expect(plan.remembered).toEqual([at(9, 1920, 4), at(3, 3840, 6)]);
    const old = Array.from({ length: 40 }, (_, i) => at(1000 + i, -50_000 - i, (i % 16) + 1));
    expect(planWalls([display(1, 0, true)], old).remembered).toHaveLength(MAX_REMEMBERED);
  });
});

describe('planWalls: hot-plug sequences', () => {
  /** Runs each step with the memory the previous one left, as the shell does across display events. */
  function replay(steps: DisplayInfo[][]): Array<Record<number, number>> {
    let memory: WallAssignment[] = [];
    return steps.map((displays) => {
      const plan = planWalls(displays, memory);
      memory = plan.remembered;
      return Object.fromEntries(plan.windows.map((w) => [w.displayId, w.wallId]));
    });
  }

  const primary = display(1, 0, true);
  const left = display(2, -1920);
  const right = display(3, 1920);

  it.each<[string, DisplayInfo[][], Array<Record<number, number>>]>([
    ['add a display, remove it, same display back → same wall', [[primary, left], [primary, left, right], [primary, left], [primary, left, right]], [{ 2: 1 }, { 2: 1, 3: 2 }, { 2: 1 }, { 2: 1, 3: 2 }]],
    ['a display removed keeps its wall from a newcomer elsewhere', [[primary, left, right], [primary, right], [primary, right, display(4, 3840)], [primary, left, right, display(4, 3840)]], [{ 2: 1, 3: 2 }, { 3: 2 }, { 3: 2, 4: 3 }, { 2: 1, 3: 2, 4: 3 }]],
    ['metrics change (resolution, moved in the arrangement): same wall', [[primary, right], [primary, display(3, 1920, false, 3840, 2160)], [primary, display(3, 2560)]], [{ 3: 1 }, { 3: 1 }, { 3: 1 }]],
    ['display back with a new id at its old place → its wall by position', [[primary, left, right], [primary, left], [primary, left, display(33, 1920)]], [{ 2: 1, 3: 2 }, { 2: 1 }, { 2: 1, 33: 2 }]],
    [
      'primary swap: the console and the wall trade displays, and back',
      [[primary, right], [display(1, -1920), display(3, 0, true)], [primary, right]],
      [{ 3: 1 }, { 1: 1 }, { 3: 1 }],
    ],
    ['all walls unplugged then replugged in reverse order → each its own wall', [[primary, left, right], [primary], [primary, right], [primary, right, left]], [{ 2: 1, 3: 2 }, {}, { 3: 2 }, { 2: 1, 3: 2 }]],
  ])('%s', (_name, steps, expected) => {
    expect(replay(steps)).toEqual(expected);
  });
});
