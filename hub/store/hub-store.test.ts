import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GridEvent } from '../../native/api/model.js';
import { syncPage } from '../../native/sync/hub-protocol.js';
import { SHIPPED_LISTS } from '../lists.js';
import { Simulator } from '../simulator.js';
import { fixtureCounty } from '../test-fixture.js';
import { openHubStore } from './hub-store.js';
import { readTemplate, templatePath } from './open-db.js';

const county = fixtureCounty();
/** Tests that open a database: on a cold template cache the first one runs initdb (seconds). */
const DB_TIMEOUT = 60_000;
const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'wf-hub-store-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

// A cache of this file's own, so the build path (initdb in memory, unpacked into the folder, saved as a
// template) runs every time, once; the later tests start from what it saved.
const cacheDir = tempDir();

describe('hub store with a data folder', () => {
  const dataDir = join(tempDir(), 'pg');

  it('keeps events, serials and the sequence across a restart', async () => {
    const sim = new Simulator(county, { now: () => Date.UTC(2025, 2, 1) });
    const first = await openHubStore({ county, dataDir, cacheDir });
    expect(first.origin).toBe('built');
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.tar.gz'))).toHaveLength(1);
    const serial = await first.takeEventSerials(2);
    const lastSeq = await first.insertEvents([sim.nextEvent(serial), sim.nextEvent(serial + 1)]);
    expect(await first.seq()).toBe(lastSeq);
    await first.close();

    const again = await openHubStore({ county, dataDir, cacheDir });
    try {
      expect(again.origin).toBe('reopened');
      expect(await again.count('events')).toBe(2);
      expect(await again.count('buildings')).toBe(county.buildings.length);
      expect(await again.seq()).toBe(lastSeq);
      expect(await again.takeEventSerials(1)).toBe(serial + 2);
      const page = syncPage('events').parse(JSON.parse((await again.page('events', 0, 10)).json));
      expect(page.rows.map((r) => r.data.id)).toEqual([`EV20250301${String(serial).padStart(6, '0')}`, `EV20250301${String(serial + 1).padStart(6, '0')}`]);
      for (const r of page.rows) expect(GridEvent.safeParse(r.data).success).toBe(true);
    } finally {
      await again.close();
    }
  }, DB_TIMEOUT);

  it('brings a regenerated county in as changes: changed rows get new seqs, others keep theirs', async () => {
    const changed = fixtureCounty();
    changed.buildings[0] = { ...changed.buildings[0]!, floors: 30, heightM: 90 };
    const removedId = changed.buildings.pop()!.id;
    const store = await openHubStore({ county: changed, dataDir, cacheDir });
    try {
      expect(store.origin).toBe('reopened');
      const page = syncPage('buildings').parse(JSON.parse((await store.page('buildings', 0, 100)).json));
      expect(page.rows).toHaveLength(county.buildings.length - 1);
      expect(page.rows.some((r) => r.data.id === removedId)).toBe(false);
      const newest = page.rows.at(-1)!;
      expect(newest.data.id).toBe(changed.buildings[0]!.id);
      expect(newest.data.floors).toBe(30);
      // Only the changed building moved past the old sequence; the grids did not change at all.
      expect(page.rows.filter((r) => r.seq > newest.seq - 1)).toHaveLength(1);
      const grids = JSON.parse((await store.page('grids', 0, 100)).json) as { cursor: number };
      expect(grids.cursor).toBeLessThan(newest.seq);
    } finally {
      await store.close();
    }
  }, DB_TIMEOUT);

  it('syncs the shipped lists on every start but keeps an administrator’s responsibility edits', async () => {
    const edited = { category: 'clutter', level: 'village' as const, department: 'town_enforcement', timeLimitHours: 6 };
    const first = await openHubStore({ county, dataDir, cacheDir });
    try {
      await first.syncLists(SHIPPED_LISTS);
      expect(await first.count('responsibilities')).toBe(SHIPPED_LISTS.responsibilities.length);
      await first.putResponsibility(edited);
    } finally {
      await first.close();
    }
    const again = await openHubStore({ county, dataDir, cacheDir });
    try {
      const seq = await again.seq();
      await again.syncLists(SHIPPED_LISTS);
      // Nothing shipped changed, so nothing new to pull; the edit is still there.
      for (const c of ['departments', 'collection_items', 'responsibilities'] as const) {
        expect((await again.page(c, seq, 10)).count, c).toBe(0);
      }
      const lists = await again.lists();
      expect(lists.responsibilities.find((r) => r.category === 'clutter' && r.level === 'village')).toEqual(edited);
      expect(lists.departments).toHaveLength(SHIPPED_LISTS.departments.length);
      expect(lists.collectionItems).toHaveLength(SHIPPED_LISTS.collectionItems.length);
    } finally {
      await again.close();
    }
  }, DB_TIMEOUT);

  it('refuses a data folder that is not a hub database', async () => {
    const bogus = tempDir();
    writeFileSync(join(bogus, 'PG_VERSION'), '17\n');
    await expect(openHubStore({ county, dataDir: bogus, cacheDir: null })).rejects.toThrow();
  }, DB_TIMEOUT);
});

describe('hub store template cache', () => {
  it('starts a hub from the template an earlier one saved, with the same rows and a working sequence', async () => {
    const a = await openHubStore({ county, dataDir: null, cacheDir });
    expect(a.origin).toBe('template');
    const pageA = (await a.page('grids', 0, 100)).json;
    await a.close();

    const b = await openHubStore({ county, dataDir: null, cacheDir });
    try {
      expect(b.origin).toBe('template');
      expect((await b.page('grids', 0, 100)).json).toBe(pageA);
      const seq = await b.seq();
      const next = await b.insertEvents([new Simulator(county).nextEvent(await b.takeEventSerials(1))]);
      expect(next).toBe(seq + 1);
    } finally {
      await b.close();
    }
  }, DB_TIMEOUT);

  it('drops a corrupt template instead of failing the start', () => {
    const dir = tempDir();
    const file = templatePath(dir, 'k1');
    writeFileSync(file, 'not a gzip file');
    const lines: string[] = [];
    expect(readTemplate(dir, 'k1', (l) => lines.push(l))).toBeNull();
    expect(existsSync(file)).toBe(false);
    expect(lines.join('\n')).toMatch(/unreadable/);
    expect(readTemplate(dir, 'absent', () => undefined)).toBeNull();
    expect(readTemplate(null, 'k1', () => undefined)).toBeNull();
  });
});
