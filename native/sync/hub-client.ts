// HTTP client for the hub's pull API: every response is checked against the hub protocol before anyone
// sees it, so a bad answer becomes one clear error and nothing is written.
import type { z } from 'zod';
import { describeIssues } from '../api/issues.js';
import {
  ActionApplied, ActionConflict, HandoverSaved, HubError as HubErrorBody, HubInfo, IncidentLogged, IncidentSaved, IntakeCreated,
  PlayInfo, ResponsibilitySaved, RosterSaved, syncPage,
  type ActionRequest, type HandoverAckRequest, type HandoverCreateRequest, type IncidentDeclareRequest, type IncidentLogRequest,
  type IncidentStandDownRequest, type IntakeRequest, type ResponsibilityPutRequest, type RosterPutRequest, type SyncCollection, type SyncPage,
} from './hub-protocol.js';
import type { Actor, Responsibility } from '../api/model.js';

export { describeIssues };

export class HubError extends Error {
  override readonly name = 'HubError';
}

export interface HubClientOptions {
  /** Per request, ms. */
  timeoutMs?: number;
}

/**
 * The hub's answer to a write. Anything else (no answer, 5xx, a body that breaks the protocol) throws
 * HubError: the write stays pending and is sent again with the same key.
 */
export type WriteOutcome<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'conflict'; conflict: ActionConflict }
  | { kind: 'refused'; status: number; code: string; message: string };

/** What the outbox sender needs from a hub. */
export interface HubWriter {
  postAction(eventId: string, body: ActionRequest): Promise<WriteOutcome<ActionApplied>>;
  postIntake(body: IntakeRequest): Promise<WriteOutcome<IntakeCreated>>;
}

/** What the outbox sender needs for the duty and incident writes (issue 7). */
export interface HubDutyWriter {
  postHandover(body: HandoverCreateRequest): Promise<WriteOutcome<HandoverSaved>>;
  ackHandover(id: string, body: HandoverAckRequest): Promise<WriteOutcome<HandoverSaved>>;
  putRoster(date: string, level: 'county' | 'town', townCode: string | null, body: RosterPutRequest): Promise<WriteOutcome<RosterSaved>>;
  declareIncident(body: IncidentDeclareRequest): Promise<WriteOutcome<IncidentSaved>>;
  logIncident(id: string, body: IncidentLogRequest): Promise<WriteOutcome<IncidentLogged>>;
  standDownIncident(id: string, body: IncidentStandDownRequest): Promise<WriteOutcome<IncidentSaved>>;
}

/** What a list edit (the responsibility list, by an administrator) needs from a hub. */
export interface HubListWriter {
  putResponsibility(row: Responsibility, actor: Actor): Promise<WriteOutcome<ResponsibilitySaved>>;
}

/** What the puller needs from a hub; tests hand it a stand-in. */
export interface HubApi {
  info(signal?: AbortSignal): Promise<HubInfo>;
  page<C extends SyncCollection>(collection: C, after: number, limit: number, signal?: AbortSignal): Promise<SyncPage<C>>;
}

export class HubClient implements HubApi, HubWriter, HubListWriter, HubDutyWriter {
  readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(baseUrl: string, options: HubClientOptions = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  info(signal?: AbortSignal): Promise<HubInfo> {
    return this.get('/api/v1/info', HubInfo, signal);
  }

  page<C extends SyncCollection>(collection: C, after: number, limit: number, signal?: AbortSignal): Promise<SyncPage<C>> {
    const path = `/api/v1/sync/${collection}?after=${after}&limit=${limit}`;
    return this.get(path, syncPage(collection), signal) as Promise<SyncPage<C>>;
  }

  postAction(eventId: string, body: ActionRequest): Promise<WriteOutcome<ActionApplied>> {
    return this.post(`/api/v1/events/${encodeURIComponent(eventId)}/actions`, body, ActionApplied);
  }

  postIntake(body: IntakeRequest): Promise<WriteOutcome<IntakeCreated>> {
    return this.post('/api/v1/events', body, IntakeCreated);
  }

  putResponsibility(row: Responsibility, actor: Actor): Promise<WriteOutcome<ResponsibilitySaved>> {
    const path = `/api/v1/lists/responsibilities/${encodeURIComponent(row.category)}/${encodeURIComponent(row.level)}`;
    const body: ResponsibilityPutRequest = { responsibility: row, actor };
    return this.post(path, body, ResponsibilitySaved, 'PUT');
  }

  postHandover(body: HandoverCreateRequest): Promise<WriteOutcome<HandoverSaved>> {
    return this.post('/api/v1/handovers', body, HandoverSaved);
  }

  ackHandover(id: string, body: HandoverAckRequest): Promise<WriteOutcome<HandoverSaved>> {
    return this.post(`/api/v1/handovers/${encodeURIComponent(id)}/ack`, body, HandoverSaved);
  }

  putRoster(date: string, level: 'county' | 'town', townCode: string | null, body: RosterPutRequest): Promise<WriteOutcome<RosterSaved>> {
    const place = level === 'county' ? 'county' : `town/${encodeURIComponent(townCode ?? '')}`;
    return this.post(`/api/v1/roster/${encodeURIComponent(date)}/${place}`, body, RosterSaved, 'PUT');
  }

  declareIncident(body: IncidentDeclareRequest): Promise<WriteOutcome<IncidentSaved>> {
    return this.post('/api/v1/incidents', body, IncidentSaved);
  }

  logIncident(id: string, body: IncidentLogRequest): Promise<WriteOutcome<IncidentLogged>> {
    return this.post(`/api/v1/incidents/${encodeURIComponent(id)}/log`, body, IncidentLogged);
  }

  standDownIncident(id: string, body: IncidentStandDownRequest): Promise<WriteOutcome<IncidentSaved>> {
    return this.post(`/api/v1/incidents/${encodeURIComponent(id)}/stand-down`, body, IncidentSaved);
  }

  /** An image or other file from the hub (snapshots); null when the hub says 404. */
  async media(path: string): Promise<{ contentType: string; body: Buffer } | null> {
    const res = await this.request(path, { headers: { accept: 'image/*' } });
    if (res.status === 404) return null;
    if (!res.ok) throw new HubError(`hub answered ${res.status} to GET ${path}`);
    return { contentType: res.headers.get('content-type') ?? 'application/octet-stream', body: Buffer.from(await res.arrayBuffer()) };
  }

  /** Where a `hub://` camera stream plays from (the platform's 点播); null when the hub has no such camera or profile (404). */
  async play(cameraId: string, profile: 'main' | 'sub', signal?: AbortSignal): Promise<PlayInfo | null> {
    const path = `/api/v1/cameras/${encodeURIComponent(cameraId)}/play?profile=${profile}`;
    const res = await this.request(path, { signal, headers: { accept: 'application/json' } });
    const text = await res.text();
    if (res.status === 404) return null;
    if (!res.ok) throw new HubError(`hub answered ${res.status} to GET ${path}: ${text.slice(0, 200)}`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new HubError(`hub sent invalid JSON for GET ${path}: ${text.slice(0, 80)}`);
    }
    const parsed = PlayInfo.safeParse(body);
    if (!parsed.success) throw new HubError(`hub response to GET ${path} breaks the protocol: ${describeIssues(parsed.error)}`);
    return parsed.data;
  }

  /** The live socket's address on the same hub. */
  liveUrl(): string {
    return `${this.baseUrl.replace(/^http/, 'ws')}/api/v1/live`;
  }

  private async request(path: string, init: RequestInit & { signal?: AbortSignal }): Promise<Response> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    try {
      return await fetch(this.baseUrl + path, { ...init, signal: init.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      const why = e.name === 'TimeoutError' ? `no answer in ${this.timeoutMs} ms` : (e.cause?.code ?? e.message);
      throw new HubError(`hub unreachable: ${init.method ?? 'GET'} ${path}: ${why}`, { cause: err });
    }
  }

  private async post<T>(path: string, body: unknown, schema: z.ZodType<T>, method: 'POST' | 'PUT' = 'POST'): Promise<WriteOutcome<T>> {
    const res = await this.request(path, {
      method, headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new HubError(`hub answered ${res.status} with invalid JSON to ${method} ${path}: ${text.slice(0, 80)}`);
    }
    if (res.status >= 500) throw new HubError(`hub answered ${res.status} to ${method} ${path}: ${text.slice(0, 200)}`);
    if (res.status === 409) {
      const conflict = ActionConflict.safeParse(json);
      if (conflict.success) return { kind: 'conflict', conflict: conflict.data };
    }
    if (!res.ok) {
      const err = HubErrorBody.safeParse(json);
      return err.success
        ? { kind: 'refused', status: res.status, code: err.data.error.code, message: err.data.error.message }
        : { kind: 'refused', status: res.status, code: `http_${res.status}`, message: text.slice(0, 200) };
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new HubError(`hub response to ${method} ${path} breaks the protocol: ${describeIssues(parsed.error)}`);
    return { kind: 'ok', value: parsed.data };
  }

  private async get<T>(path: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
    const res = await this.request(path, { signal, headers: { accept: 'application/json' } });
    const text = await res.text();
    if (!res.ok) {
      throw new HubError(`hub answered ${res.status} to GET ${path}: ${text.slice(0, 200)}`);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new HubError(`hub sent invalid JSON for GET ${path}: ${text.slice(0, 80)}`);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new HubError(`hub response to GET ${path} breaks the protocol: ${describeIssues(parsed.error)}`);
    }
    return parsed.data;
  }
}
