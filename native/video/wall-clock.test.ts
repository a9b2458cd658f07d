// The two WallClocks: the system one really fires and cancels; the manual one runs due timers in time order.
import { describe, expect, it } from 'vitest';
import { systemClock } from './wall-clock.js';
import { ManualClock } from './wall-test-clock.js';

describe('wall clocks', () => {
  it('the system clock fires a timer whose time has come and never one that was cancelled', async () => {
    const fired: string[] = [];
    const cancel = systemClock.at(systemClock.now(), () => fired.push('cancelled'));
    cancel();
    await new Promise<void>((resolve) => systemClock.at(systemClock.now() + 5, () => {
      fired.push('due');
      resolve();
    }));
    expect(fired).toEqual(['due']);
  });

  it('the manual clock runs timers in time order, each seeing its own time, and one set while running', () => {
    const clock = new ManualClock(1_000);
    const seen: [string, number][] = [];
    clock.at(1_300, () => seen.push(['b', clock.now()]));
    clock.at(1_100, () => {
      seen.push(['a', clock.now()]);
      clock.at(1_200, () => seen.push(['a2', clock.now()]));
    });
    const cancel = clock.at(1_150, () => seen.push(['x', clock.now()]));
    cancel();
    clock.at(5_000, () => seen.push(['late', clock.now()]));
    clock.advance(500);
    expect(seen).toEqual([['a', 1_100], ['a2', 1_200], ['b', 1_300]]);
    expect(clock.now()).toBe(1_500);
    expect(clock.pending).toBe(1);
  });
});
