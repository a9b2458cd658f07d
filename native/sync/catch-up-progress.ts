// How far a catch-up has got, as a pure rule: each collection has to move its cursor from where it
// started to the hub's sequence as it was at the start; the fraction is the distance covered over all.
import type { SyncProgress } from '../api/contract.js';
import type { SyncCollection } from './hub-protocol.js';

interface Lane {
  from: number;
  at: number;
  done: boolean;
}

export class CatchUpProgress {
  private lanes = new Map<SyncCollection, Lane>();
  private hubSeq = 0;
  private current: SyncProgress = { running: false, collection: null, rows: 0, fraction: 0, behind: null, startedAt: null, finishedAt: null };

  get status(): SyncProgress {
    return this.current;
  }

  /**
   * A catch-up begins: the cursors the cache holds, the hub's sequence now, and the hub's sequence at the
   * last complete catch-up (null on a cache that never finished one).
   */
  start(cursors: Iterable<readonly [SyncCollection, number]>, hubSeq: number, syncedSeq: number | null, now: number): SyncProgress {
    this.hubSeq = hubSeq;
    this.lanes = new Map([...cursors].map(([c, from]) => [c, { from, at: from, done: false }]));
    this.current = {
      running: true, collection: null, rows: 0, fraction: 0,
      behind: syncedSeq === null ? null : Math.max(0, hubSeq - syncedSeq),
      startedAt: now, finishedAt: this.current.finishedAt,
    };
    return this.current;
  }

  /** A page was committed. */
  page(collection: SyncCollection, cursor: number, rows: number): SyncProgress {
    const lane = this.lane(collection);
    lane.at = Math.max(lane.at, cursor);
    this.current = { ...this.current, collection, rows: this.current.rows + rows, fraction: this.fraction() };
    return this.current;
  }

  /** The collection has nothing more up to the hub's sequence (its last row may sit below it). */
  finished(collection: SyncCollection): SyncProgress {
    this.lane(collection).done = true;
    this.current = { ...this.current, fraction: this.fraction() };
    return this.current;
  }

  /** The catch-up ended: complete, or broken off (the fraction then stays where it got). */
  end(complete: boolean, now: number): SyncProgress {
    this.current = {
      ...this.current, running: false, collection: null,
      fraction: complete ? 1 : this.current.fraction,
      finishedAt: complete ? now : this.current.finishedAt,
    };
    return this.current;
  }

  private lane(collection: SyncCollection): Lane {
    let lane = this.lanes.get(collection);
    if (!lane) this.lanes.set(collection, (lane = { from: 0, at: 0, done: false }));
    return lane;
  }

  private fraction(): number {
    let span = 0;
    let covered = 0;
    for (const lane of this.lanes.values()) {
      const s = Math.max(0, this.hubSeq - lane.from);
      span += s;
      covered += lane.done ? s : Math.min(s, Math.max(0, lane.at - lane.from));
    }
    return span === 0 ? 1 : covered / span;
  }
}
