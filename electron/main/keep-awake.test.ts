// The display-sleep blocker with a mocked `electron.powerSaveBlocker`.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

const blocker = vi.hoisted(() => ({ next: 10, running: new Set<number>(), types: [] as string[] }));
vi.mock('electron', () => ({
  powerSaveBlocker: {
    start: (type: string) => {
      blocker.types.push(type);
      const id = blocker.next++;
      blocker.running.add(id);
      return id;
    },
    stop: (id: number) => blocker.running.delete(id),
  },
}));

const { createKeepAwake } = await import('./keep-awake.js');

describe('keep awake', () => {
  it('blocks display sleep while any window is open, once, and releases it with the last', () => {
    const awake = createKeepAwake(() => undefined);
    expect(awake.active).toBe(false);
    const console = new EventEmitter();
    const wall = new EventEmitter();
    awake.hold(console);
    awake.hold(wall);
    expect(blocker.running.size).toBe(1);
    expect(blocker.types).toEqual(['prevent-display-sleep']);
    console.emit('closed');
    expect(awake.active).toBe(true);
    expect(blocker.running.size).toBe(1);
    wall.emit('closed');
    expect(awake.active).toBe(false);
    expect(blocker.running.size).toBe(0);

    // A wall opened later (a monitor plugged in) blocks it again.
    const later = new EventEmitter();
    awake.hold(later);
    expect(blocker.running.size).toBe(1);
    later.emit('closed');
    expect(blocker.running.size).toBe(0);
  });
});
