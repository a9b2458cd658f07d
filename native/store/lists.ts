// The lists that drive routing, synced from the hub: departments, the collection list (网格事项采集清单)
// and the department responsibility list (部门事件责任清单). Small (tens to hundreds of rows).
import type Database from 'better-sqlite3';
import type { CollectionItem, Department, Responsibility } from '../api/model.js';
import { cachedJson } from './cached-json.js';

const SQL = {
  upsertDepartment: `INSERT INTO departments (code, seq, data) VALUES (?, ?, ?)
    ON CONFLICT (code) DO UPDATE SET seq = excluded.seq, data = excluded.data WHERE excluded.seq >= departments.seq`,
  upsertItem: `INSERT INTO collection_items (category, seq, data) VALUES (?, ?, ?)
    ON CONFLICT (category) DO UPDATE SET seq = excluded.seq, data = excluded.data WHERE excluded.seq >= collection_items.seq`,
  upsertResponsibility: `INSERT INTO responsibilities (category, level, seq, data) VALUES (?, ?, ?, ?)
    ON CONFLICT (category, level) DO UPDATE SET seq = excluded.seq, data = excluded.data
    WHERE excluded.seq >= responsibilities.seq`,
  departments: `SELECT data FROM departments ORDER BY code`,
  department: `SELECT data FROM departments WHERE code = ?`,
  items: `SELECT data FROM collection_items ORDER BY category`,
  item: `SELECT data FROM collection_items WHERE category = ?`,
  responsibilities: `SELECT data FROM responsibilities ORDER BY category, level`,
} as const;

export class ListsRepo {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    this.s = {
      upsertDepartment: db.prepare<[string, number, string]>(SQL.upsertDepartment),
      upsertItem: db.prepare<[string, number, string]>(SQL.upsertItem),
      upsertResponsibility: db.prepare<[string, string, number, string]>(SQL.upsertResponsibility),
      departments: db.prepare<[], { data: string }>(SQL.departments),
      department: db.prepare<[string], { data: string }>(SQL.department),
      items: db.prepare<[], { data: string }>(SQL.items),
      item: db.prepare<[string], { data: string }>(SQL.item),
      responsibilities: db.prepare<[], { data: string }>(SQL.responsibilities),
    };
  }

  upsertDepartment(d: Department, seq: number): void {
    this.s.upsertDepartment.run(d.code, seq, JSON.stringify(d));
  }

  upsertItem(c: CollectionItem, seq: number): void {
    this.s.upsertItem.run(c.category, seq, JSON.stringify(c));
  }

  upsertResponsibility(r: Responsibility, seq: number): void {
    this.s.upsertResponsibility.run(r.category, r.level, seq, JSON.stringify(r));
  }

  departments(): Department[] {
    return this.s.departments.all().map((r) => cachedJson<Department>(r.data));
  }

  department(code: string): Department | null {
    const r = this.s.department.get(code);
    return r ? cachedJson<Department>(r.data) : null;
  }

  collectionItems(): CollectionItem[] {
    return this.s.items.all().map((r) => cachedJson<CollectionItem>(r.data));
  }

  collectionItem(category: string): CollectionItem | null {
    const r = this.s.item.get(category);
    return r ? cachedJson<CollectionItem>(r.data) : null;
  }

  responsibilities(): Responsibility[] {
    return this.s.responsibilities.all().map((r) => cachedJson<Responsibility>(r.data));
  }

  clear(): void {
    this.db.exec('DELETE FROM departments; DELETE FROM collection_items; DELETE FROM responsibilities;');
  }
}
