// The duty caches (issue 7), synced from the hub: liaisons, the roster, handovers, incidents, their
// timeline and the emergency plans; plus the seat's own sign-in log. Small tables; JSON rows with the
// columns the queries filter on.
import type Database from 'better-sqlite3';
import type { EmergencyPlan, Handover, Incident, IncidentLogEntry, Liaison, RosterEntry } from '../api/model.js';
import { cachedJson } from './cached-json.js';

const upsert = (table: string, cols: string[]): string => /* sql */ `
  INSERT INTO ${table} (id, ${cols.join(', ')}, seq, data) VALUES (?, ${cols.map(() => '?').join(', ')}, ?, ?)
  ON CONFLICT (id) DO UPDATE SET ${cols.map((c) => `${c} = excluded.${c}`).join(', ')}, seq = excluded.seq, data = excluded.data
  WHERE excluded.seq >= ${table}.seq`;

const SQL = {
  upsertLiaison: upsert('liaisons', ['department_code']),
  upsertRoster: upsert('roster', ['date', 'level', 'town_code']),
  upsertHandover: upsert('handovers', ['level', 'town_code', 'created_at', 'acknowledged_at']),
  upsertIncident: upsert('incidents', ['state', 'declared_at']),
  upsertLog: upsert('incident_log', ['incident_id', 'at']),
  upsertPlan: upsert('plans', ['type']),
  liaisons: `SELECT data FROM liaisons ORDER BY department_code, id`,
  rosterRange: `SELECT data FROM roster WHERE date >= ? AND date <= ? ORDER BY date, level, town_code`,
  handovers: `SELECT data FROM handovers ORDER BY created_at DESC, id LIMIT ?`,
  handoversPending: `SELECT data FROM handovers WHERE acknowledged_at IS NULL ORDER BY created_at DESC, id`,
  handover: `SELECT data FROM handovers WHERE id = ?`,
  lastHandover: `SELECT data FROM handovers WHERE level = ? AND town_code IS ? ORDER BY created_at DESC LIMIT 1`,
  incidents: `SELECT data FROM incidents ORDER BY declared_at DESC, id LIMIT ?`,
  activeIncident: `SELECT data FROM incidents WHERE state = 'active' ORDER BY declared_at DESC, id LIMIT 1`,
  activeCount: `SELECT count(*) AS n FROM incidents WHERE state = 'active'`,
  incident: `SELECT data FROM incidents WHERE id = ?`,
  log: `SELECT data FROM incident_log WHERE incident_id = ? ORDER BY at, id`,
  logSince: `SELECT data FROM incident_log WHERE at >= ? AND at < ? ORDER BY at, id`,
  plans: `SELECT data FROM plans ORDER BY id`,
  plan: `SELECT data FROM plans WHERE id = ?`,
  // A write's answer replaces the row's data but keeps its seq, so the next pull still moves it on.
  replaceRoster: `UPDATE roster SET date = ?, level = ?, town_code = ?, data = ? WHERE id = ?`,
  replaceHandover: `UPDATE handovers SET acknowledged_at = ?, data = ? WHERE id = ?`,
  replaceIncident: `UPDATE incidents SET state = ?, data = ? WHERE id = ?`,
  sign: `INSERT INTO duty_sign_log (kind, name, role, seat_id, at) VALUES (?, ?, ?, ?, ?)`,
  signLog: `SELECT kind, name, role, seat_id AS seatId, at FROM duty_sign_log ORDER BY id DESC LIMIT ?`,
} as const;

export interface SignLogRow {
  kind: 'in' | 'out';
  name: string;
  role: string;
  seatId: string;
  at: number;
}

type Row = { data: string };
const TABLES = ['liaisons', 'roster', 'handovers', 'incidents', 'incident_log', 'plans'] as const;

export class DutyRepo {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    this.s = {
      upsertLiaison: db.prepare<[string, string, number, string]>(SQL.upsertLiaison),
      upsertRoster: db.prepare<[string, string, string, string | null, number, string]>(SQL.upsertRoster),
      upsertHandover: db.prepare<[string, string, string | null, number, number | null, number, string]>(SQL.upsertHandover),
      upsertIncident: db.prepare<[string, string, number, number, string]>(SQL.upsertIncident),
      upsertLog: db.prepare<[string, string, number, number, string]>(SQL.upsertLog),
      upsertPlan: db.prepare<[string, string, number, string]>(SQL.upsertPlan),
      liaisons: db.prepare<[], Row>(SQL.liaisons),
      rosterRange: db.prepare<[string, string], Row>(SQL.rosterRange),
      handovers: db.prepare<[number], Row>(SQL.handovers),
      handoversPending: db.prepare<[], Row>(SQL.handoversPending),
      handover: db.prepare<[string], Row>(SQL.handover),
      lastHandover: db.prepare<[string, string | null], Row>(SQL.lastHandover),
      incidents: db.prepare<[number], Row>(SQL.incidents),
      activeIncident: db.prepare<[], Row>(SQL.activeIncident),
      activeCount: db.prepare<[], { n: number }>(SQL.activeCount),
      incident: db.prepare<[string], Row>(SQL.incident),
      log: db.prepare<[string], Row>(SQL.log),
      logSince: db.prepare<[number, number], Row>(SQL.logSince),
      plans: db.prepare<[], Row>(SQL.plans),
      plan: db.prepare<[string], Row>(SQL.plan),
      replaceRoster: db.prepare<[string, string, string | null, string, string]>(SQL.replaceRoster),
      replaceHandover: db.prepare<[number | null, string, string]>(SQL.replaceHandover),
      replaceIncident: db.prepare<[string, string, string]>(SQL.replaceIncident),
      sign: db.prepare<[string, string, string, string, number]>(SQL.sign),
      signLog: db.prepare<[number], SignLogRow>(SQL.signLog),
    };
  }

  // -- writes from sync (seq: the hub's change number; 0 for a row taken from a write's answer)
  upsertLiaison(l: Liaison, seq: number): void {
    this.s.upsertLiaison.run(l.id, l.departmentCode, seq, JSON.stringify(l));
  }
  upsertRoster(r: RosterEntry, seq: number): void {
    this.s.upsertRoster.run(r.id, r.date, r.level, r.townCode, seq, JSON.stringify(r));
  }
  upsertHandover(h: Handover, seq: number): void {
    this.s.upsertHandover.run(h.id, h.level, h.townCode, h.createdAt, h.acknowledgedAt, seq, JSON.stringify(h));
  }
  upsertIncident(i: Incident, seq: number): void {
    this.s.upsertIncident.run(i.id, i.state, i.declaredAt, seq, JSON.stringify(i));
  }
  upsertLog(e: IncidentLogEntry, seq: number): void {
    this.s.upsertLog.run(e.id, e.incidentId, e.at, seq, JSON.stringify(e));
  }
  upsertPlan(p: EmergencyPlan, seq: number): void {
    this.s.upsertPlan.run(p.id, p.type, seq, JSON.stringify(p));
  }

  // -- the hub's answer to this seat's own write (before the pull brings the row)
  applyRoster(r: RosterEntry): void {
    if (this.s.replaceRoster.run(r.date, r.level, r.townCode, JSON.stringify(r), r.id).changes === 0) this.upsertRoster(r, 0);
  }
  applyHandover(h: Handover): void {
    const cur = this.handover(h.id);
    if (!cur) this.upsertHandover(h, 0);
    else if (cur.acknowledgedAt === null && h.acknowledgedAt !== null) this.s.replaceHandover.run(h.acknowledgedAt, JSON.stringify(h), h.id);
  }
  applyIncident(i: Incident): void {
    const cur = this.incident(i.id);
    if (!cur) this.upsertIncident(i, 0);
    else if (cur.version < i.version) this.s.replaceIncident.run(i.state, JSON.stringify(i), i.id);
  }

  // -- reads
  liaisons(): Liaison[] {
    return this.s.liaisons.all().map((r) => cachedJson<Liaison>(r.data));
  }
  /** The liaison of a department (the first listed when several are). */
  liaisonOf(departmentCode: string): Liaison | null {
    return this.liaisons().find((l) => l.departmentCode === departmentCode) ?? null;
  }
  roster(from: string, to: string): RosterEntry[] {
    return this.s.rosterRange.all(from, to).map((r) => cachedJson<RosterEntry>(r.data));
  }
  handovers(limit: number): Handover[] {
    return this.s.handovers.all(limit).map((r) => cachedJson<Handover>(r.data));
  }
  pendingHandovers(): Handover[] {
    return this.s.handoversPending.all().map((r) => cachedJson<Handover>(r.data));
  }
  handover(id: string): Handover | null {
    const r = this.s.handover.get(id);
    return r ? cachedJson<Handover>(r.data) : null;
  }
  lastHandover(level: 'county' | 'town', townCode: string | null): Handover | null {
    const r = this.s.lastHandover.get(level, townCode);
    return r ? cachedJson<Handover>(r.data) : null;
  }
  incidents(limit: number): Incident[] {
    return this.s.incidents.all(limit).map((r) => cachedJson<Incident>(r.data));
  }
  activeIncident(): Incident | null {
    const r = this.s.activeIncident.get();
    return r ? cachedJson<Incident>(r.data) : null;
  }
  activeIncidentCount(): number {
    return this.s.activeCount.get()?.n ?? 0;
  }
  incident(id: string): Incident | null {
    const r = this.s.incident.get(id);
    return r ? cachedJson<Incident>(r.data) : null;
  }
  log(incidentId: string): IncidentLogEntry[] {
    return this.s.log.all(incidentId).map((r) => cachedJson<IncidentLogEntry>(r.data));
  }
  /** Every incident's log entries in [from, to). */
  logBetween(from: number, to: number): IncidentLogEntry[] {
    return this.s.logSince.all(from, to).map((r) => cachedJson<IncidentLogEntry>(r.data));
  }
  plans(): EmergencyPlan[] {
    return this.s.plans.all().map((r) => cachedJson<EmergencyPlan>(r.data));
  }
  plan(id: string): EmergencyPlan | null {
    const r = this.s.plan.get(id);
    return r ? cachedJson<EmergencyPlan>(r.data) : null;
  }

  // -- the seat's sign-in log
  sign(kind: 'in' | 'out', name: string, role: string, seatId: string, at: number): void {
    this.s.sign.run(kind, name, role, seatId, at);
  }
  signLog(limit: number): SignLogRow[] {
    return this.s.signLog.all(limit);
  }

  /** The hub's history was reset: forget what was pulled (the sign-in log is the seat's own and stays). */
  clear(): void {
    for (const t of TABLES) this.db.prepare(`DELETE FROM ${t}`).run();
  }
}
