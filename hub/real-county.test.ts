// The hub as shipped: `hub/main.ts` on resources/county/baoying.json.gz, pulled the way a station pulls,
// then stopped with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubInfo, SYNC_PAGE_MAX, syncPage, type SyncCollection } from '../native/sync/hub-protocol.js';
import { defaultCountyPath, loadCounty } from './county/load.js';
import { ROSTER_DAYS_AHEAD, ROSTER_DAYS_BACK } from './duty.js';
import { LIAISONS } from './liaisons.js';
import { SHIPPED_LISTS } from './lists.js';
import { PLANS } from './plans.js';

const shipped = existsSync(defaultCountyPath());
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

describe.skipIf(!shipped)('demo hub command on the shipped Baoying county', () => {
  let child: ChildProcess;
  let url: string;

  beforeAll(async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'hub/main.ts', '--port', '0'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the hub printed no address within 50 s:\n${stderr}`)), 50_000);
      child.once('exit', (code) => reject(new Error(`the hub exited early with ${code}:\n${stderr}`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const m = /^Watchfloor demo hub: (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
    });
  }, 60_000);
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('serves every collection in full through sync paging, in valid pages', async () => {
    const county = loadCounty();
    const expected: Record<Exclude<SyncCollection, 'events' | 'event_actions'>, number> = {
      grids: county.grids.length, basemap: county.basemap.length, buildings: county.buildings.length,
      cameras: county.cameras.length, workers: county.workers.length, departments: SHIPPED_LISTS.departments.length,
      collection_items: SHIPPED_LISTS.collectionItems.length, responsibilities: SHIPPED_LISTS.responsibilities.length,
      liaisons: LIAISONS.length, plans: PLANS.length, handovers: 0, incidents: 0, incident_log: 0,
      roster: (ROSTER_DAYS_BACK + ROSTER_DAYS_AHEAD + 1) * (1 + county.grids.filter((g) => g.level === 'town').length),
    };
    expect(county.workers.length).toBeGreaterThanOrEqual(900);
    expect(county.buildings.length).toBeGreaterThan(SYNC_PAGE_MAX);

    const pull = async (collection: SyncCollection) => {
      let cursor = 0;
      let rows = 0;
      let pages = 0;
      for (;;) {
        const res = await fetch(`${url}/api/v1/sync/${collection}?after=${cursor}&limit=${SYNC_PAGE_MAX * 10}`);
        expect(res.status).toBe(200);
        const page = syncPage(collection).parse(await res.json());
        expect(page.rows.length).toBeLessThanOrEqual(SYNC_PAGE_MAX);
        if (page.more) expect(page.rows).toHaveLength(SYNC_PAGE_MAX);
        rows += page.rows.length;
        pages++;
        cursor = page.cursor;
        if (!page.more) return { rows, pages };
      }
    };
    for (const [collection, count] of Object.entries(expected) as [SyncCollection, number][]) {
      const { rows, pages } = await pull(collection);
      expect(rows, collection).toBe(count);
      expect(pages, collection).toBe(Math.max(1, Math.ceil(count / SYNC_PAGE_MAX)));
    }
    // A month of history, plus any event the live trickle (one per 20 s) added meanwhile.
    const events = await pull('events');
    expect(events.rows).toBeGreaterThanOrEqual(300);
    expect(events.rows).toBeLessThan(310);

    const info = HubInfo.parse(await (await fetch(`${url}/api/v1/info`)).json());
    expect(info.county).toEqual(county.county);
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(`${url}/api/v1/info`)).rejects.toThrow();
  });
});
