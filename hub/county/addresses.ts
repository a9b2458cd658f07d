// Unified-address-library style addresses (统一地址库): 宝应县安宜镇叶挺路18号, 叶挺路18号3幢 for a slab
// behind the street front, 宝应县夏集镇双琚村3组12号 in the countryside. Every address is unique.
import type { AddressKey } from './buildings.js';
import { houseNumber } from './cameras.js';
import type { Rng } from './prng.js';

export function countyPrefix(townName: string): string {
  return townName.startsWith('宝应县') ? townName : `宝应县${townName}`;
}

export class AddressBook {
  private readonly used = new Set<string>();
  private readonly groups = new Map<string, { group: number; next: number }>();

  constructor(
    private readonly rng: Rng,
    private readonly villageName: (code: string) => string,
  ) {}

  address(townName: string, key: AddressKey): string {
    const prefix = countyPrefix(townName);
    if (key.kind === 'village') {
      let g = this.groups.get(key.villageCode);
      if (!g) {
        g = { group: this.rng.int(1, 9), next: 1 };
        this.groups.set(key.villageCode, g);
      }
      return this.claim(() => `${prefix}${this.villageName(key.villageCode)}${g.group}组${g.next++}号`);
    }
    let n = houseNumber(key.along, key.odd);
    const slab = key.slab === null ? '' : `${key.slab}幢`;
    return this.claim(() => {
      const text = `${prefix}${key.road}${n}号${slab}`;
      n += 2;
      return text;
    });
  }

  /** Takes the first unused address the generator offers. */
  private claim(next: () => string): string {
    for (;;) {
      const text = next();
      if (!this.used.has(text)) {
        this.used.add(text);
        return text;
      }
    }
  }
}
