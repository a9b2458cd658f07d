// Picking exactly N things from pools of candidates: each pool gives up to its target, best-first, and
// any shortfall is made up from the pools that still have candidates, in pool order.

export interface Pool<T> {
  name: string;
  /** Candidates, best first. */
  items: readonly T[];
  target: number;
}

export function takeByTier<T>(pools: readonly Pool<T>[], total: number): { taken: T[]; counts: Record<string, number> } {
  const counts = pools.map((p) => Math.min(p.target, p.items.length));
  let short = total - counts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < pools.length && short > 0; k++) {
    const spare = (pools[k] as Pool<T>).items.length - (counts[k] as number);
    const extra = Math.min(spare, short);
    counts[k] = (counts[k] as number) + extra;
    short -= extra;
  }
  if (short > 0) throw new Error(`takeByTier: ${total} wanted, only ${total - short} candidates (${pools.map((p) => `${p.name} ${p.items.length}`).join(', ')})`);
  if (short < 0) {
    // Targets add up to more than the total: trim from the last pools.
    for (let k = pools.length - 1; k >= 0 && short < 0; k--) {
      const cut = Math.min(counts[k] as number, -short);
      counts[k] = (counts[k] as number) - cut;
      short += cut;
    }
  }
  const taken: T[] = [];
  const record: Record<string, number> = {};
  pools.forEach((p, k) => {
    taken.push(...p.items.slice(0, counts[k]));
    record[p.name] = counts[k] as number;
  });
  return { taken, counts: record };
}
