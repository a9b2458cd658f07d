// A command room's screens must never go dark: the display-sleep blocker is on while any app window (console
// or wall) is open, and released when the last one closes.
import { powerSaveBlocker } from 'electron';

export interface Closable {
  once(event: 'closed', listener: () => void): unknown;
}

export interface KeepAwake {
  /** Keeps the displays awake until `win` closes. */
  hold(win: Closable): void;
  readonly active: boolean;
}

export function createKeepAwake(log: (line: string) => void): KeepAwake {
  let blocker: number | null = null;
  let open = 0;
  return {
    hold(win) {
      open += 1;
      if (blocker === null) {
        blocker = powerSaveBlocker.start('prevent-display-sleep');
        log('display sleep blocked');
      }
      win.once('closed', () => {
        open -= 1;
        if (open > 0 || blocker === null) return;
        powerSaveBlocker.stop(blocker);
        blocker = null;
        log('display sleep allowed again');
      });
    },
    get active() {
      return blocker !== null;
    },
  };
}
