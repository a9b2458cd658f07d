import { describe, expect, it } from 'vitest';
import { placeConsole, type DisplayInfo, type WindowState } from './window-placement.js';

const fullHd = (id: number, x: number, primary: boolean): DisplayInfo => ({
  id,
  primary,
  bounds: { x, y: 0, width: 1920, height: 1080 },
  workArea: { x, y: 0, width: 1920, height: 1040 }, // a 40 px task bar at the bottom
});
const laptop: DisplayInfo = { id: 3, primary: true, bounds: { x: 0, y: 0, width: 1366, height: 768 }, workArea: { x: 0, y: 27, width: 1366, height: 741 } };
const tiny: DisplayInfo = { id: 4, primary: true, bounds: { x: 0, y: 0, width: 800, height: 600 }, workArea: { x: 0, y: 0, width: 800, height: 600 } };
const leftOfPrimary = fullHd(2, -1920, false);
const primary = fullHd(1, 0, true);

const at = (x: number, y: number, width: number, height: number, maximized = false): WindowState => ({ bounds: { x, y, width, height }, maximized });

describe('placeConsole', () => {
  it.each<[string, DisplayInfo[], WindowState | null, WindowState]>([
    ['first start: centred on the primary work area', [leftOfPrimary, primary], null, at(160, 20, 1600, 1000)],
    ['primary not listed first', [primary, leftOfPrimary].reverse(), null, at(160, 20, 1600, 1000)],
    ['remembered bounds on the primary display', [primary], at(100, 10, 1200, 800, true), at(100, 10, 1200, 800, true)],
    ['remembered bounds on a secondary display are honoured', [leftOfPrimary, primary], at(-1800, 50, 1600, 900), at(-1800, 50, 1600, 900)],
    ['secondary display unplugged: back to the primary, maximized kept', [primary], at(-1800, 50, 1600, 900, true), at(160, 20, 1600, 1000, true)],
    ['remembered bounds overlapping the task bar', [primary], at(0, 100, 1600, 1000), at(160, 20, 1600, 1000)],
    ['remembered bounds straddling two displays', [leftOfPrimary, primary], at(-800, 0, 1600, 900), at(160, 20, 1600, 1000)],
    ['remembered bounds below the minimum size', [primary], at(0, 0, 300, 200), at(160, 20, 1600, 1000)],
    ['small laptop: clamped to the work area, below the menu bar', [laptop], null, at(0, 27, 1366, 741)],
    ['screen smaller than the minimum size: the work area wins', [tiny], null, at(0, 0, 800, 600)],
    ['no displays reported', [], null, at(0, 0, 1600, 1000)],
    ['no display flagged primary: the first one', [{ ...leftOfPrimary, primary: false }], null, at(-1760, 20, 1600, 1000)],
  ])('%s', (_name, displays, remembered, expected) => {
    expect(placeConsole(displays, remembered)).toEqual(expected);
  });
});
