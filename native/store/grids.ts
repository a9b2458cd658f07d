// Grid hierarchy (网格层级) in the cache: upsert from sync, tree, subtree, search, shapes by level.
import type Database from 'better-sqlite3';
import type { Grid, GridLevel, LonLat } from '../api/model.js';
import type { GridNode } from '../api/contract.js';
import { cachedJson } from './cached-json.js';
import { subtreeRange } from './code-range.js';

const LEVEL_DEPTH: Record<GridLevel, number> = { county: 0, town: 1, village: 2, unit: 3 };

const SQL = {
  upsert: /* sql */ `
    INSERT INTO grids (code, parent_code, level, depth, name, center_lon, center_lat, west, south, east, north, seq, data)
    VALUES (@code, @parentCode, @level, @depth, @name, @centerLon, @centerLat, @west, @south, @east, @north, @seq, @data)
    ON CONFLICT (code) DO UPDATE SET
      parent_code = excluded.parent_code, level = excluded.level, depth = excluded.depth, name = excluded.name,
      center_lon = excluded.center_lon, center_lat = excluded.center_lat,
      west = excluded.west, south = excluded.south, east = excluded.east, north = excluded.north,
      seq = excluded.seq, data = excluded.data
    WHERE excluded.seq >= grids.seq`,
  get: `SELECT data FROM grids WHERE code = ?`,
  nodes: `SELECT code, name, level, parent_code, center_lon, center_lat FROM grids ORDER BY depth, code`,
  subtreeNodes: `
    SELECT code, name, level, parent_code, center_lon, center_lat FROM grids
     WHERE code >= @lo AND code < @hi ORDER BY depth, code`,
  subtreeCount: `SELECT count(*) AS n FROM grids WHERE code >= @lo AND code < @hi`,
  childCount: `SELECT count(*) AS n FROM grids WHERE parent_code = ?`,
  byLevel: `SELECT data FROM grids WHERE level = ? ORDER BY code`,
  // Codes match from their start (people type the head of a code); names match anywhere.
  search: `
    SELECT code, name, level, parent_code, center_lon, center_lat FROM grids
     WHERE name LIKE @anywhere ESCAPE '\\' OR code LIKE @head ESCAPE '\\'
     ORDER BY depth, code LIMIT @limit`,
  count: `SELECT count(*) AS n FROM grids`,
  clear: `DELETE FROM grids`,
} as const;

interface NodeRow {
  code: string;
  name: string;
  level: GridLevel;
  parent_code: string | null;
  center_lon: number;
  center_lat: number;
}

function toNode(r: NodeRow): GridNode {
  return { code: r.code, name: r.name, level: r.level, parentCode: r.parent_code, center: [r.center_lon, r.center_lat] };
}

export function boundsOf(ring: readonly LonLat[]): { west: number; south: number; east: number; north: number } {
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  for (const [lon, lat] of ring) {
    if (lon < west) west = lon;
    if (lon > east) east = lon;
    if (lat < south) south = lat;
    if (lat > north) north = lat;
  }
  return { west, south, east, north };
}

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export class GridsRepo {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      upsert: db.prepare(SQL.upsert),
      get: db.prepare<[string], { data: string }>(SQL.get),
      nodes: db.prepare<[], NodeRow>(SQL.nodes),
      subtreeNodes: db.prepare<{ lo: string; hi: string }, NodeRow>(SQL.subtreeNodes),
      subtreeCount: db.prepare<{ lo: string; hi: string }, { n: number }>(SQL.subtreeCount),
      childCount: db.prepare<[string], { n: number }>(SQL.childCount),
      byLevel: db.prepare<[string], { data: string }>(SQL.byLevel),
      search: db.prepare<{ anywhere: string; head: string; limit: number }, NodeRow>(SQL.search),
      count: db.prepare<[], { n: number }>(SQL.count),
      clear: db.prepare(SQL.clear),
    };
  }

  /** Call inside a transaction when writing many. */
  upsert(grid: Grid, seq: number): void {
    const b = boundsOf(grid.boundary);
    this.s.upsert.run({
      code: grid.code, parentCode: grid.parentCode, level: grid.level, depth: LEVEL_DEPTH[grid.level], name: grid.name,
      centerLon: grid.center[0], centerLat: grid.center[1], ...b, seq, data: JSON.stringify(grid),
    });
  }

  get(code: string): Grid | null {
    const row = this.s.get.get(code);
    return row ? cachedJson<Grid>(row.data) : null;
  }

  /** The whole hierarchy without outlines, parents before children. */
  tree(): GridNode[] {
    return this.s.nodes.all().map(toNode);
  }

  /** The grid and everything under it, parents before children. */
  subtree(code: string): GridNode[] {
    return this.s.subtreeNodes.all(subtreeRange(code)).map(toNode);
  }

  subtreeCount(code: string): number {
    return this.s.subtreeCount.get(subtreeRange(code))?.n ?? 0;
  }

  childCount(code: string): number {
    return this.s.childCount.get(code)?.n ?? 0;
  }

  /** From the county down to the grid itself; empty when the grid is unknown. */
  path(code: string): GridNode[] {
    const path: GridNode[] = [];
    let next: string | null = code;
    while (next !== null) {
      const grid = this.get(next);
      if (!grid) break;
      path.unshift({ code: grid.code, name: grid.name, level: grid.level, parentCode: grid.parentCode, center: grid.center });
      next = grid.parentCode;
    }
    return path;
  }

  byLevel(level: GridLevel): Grid[] {
    return this.s.byLevel.all(level).map((r) => cachedJson<Grid>(r.data));
  }

  search(query: string, limit: number): GridNode[] {
    const q = likeEscape(query.trim());
    return this.s.search.all({ anywhere: `%${q}%`, head: `${q}%`, limit }).map(toNode);
  }

  count(): number {
    return this.s.count.get()?.n ?? 0;
  }

  clear(): void {
    this.s.clear.run();
  }
}
