// HTTP client for the hub's pull API: every response is checked against the hub protocol before anyone
// sees it, so a bad answer becomes one clear error and nothing is written.
import type { z } from 'zod';
import { describeIssues } from '../api/issues.js';
import { HubInfo, syncPage, type SyncCollection, type SyncPage } from './hub-protocol.js';

export { describeIssues };

export class HubError extends Error {
  override readonly name = 'HubError';
}

export interface HubClientOptions {
  /** Per request, ms. */
  timeoutMs?: number;
}

/** What the puller needs from a hub; tests hand it a stand-in. */
export interface HubApi {
  info(signal?: AbortSignal): Promise<HubInfo>;
  page<C extends SyncCollection>(collection: C, after: number, limit: number, signal?: AbortSignal): Promise<SyncPage<C>>;
}

export class HubClient implements HubApi {
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

  /** The live socket's address on the same hub. */
  liveUrl(): string {
    return `${this.baseUrl.replace(/^http/, 'ws')}/api/v1/live`;
  }

  private async get<T>(path: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
    const url = this.baseUrl + path;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    let res: Response;
    try {
      res = await fetch(url, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout, headers: { accept: 'application/json' } });
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      const why = e.name === 'TimeoutError' ? `no answer in ${this.timeoutMs} ms` : (e.cause?.code ?? e.message);
      throw new HubError(`hub unreachable: GET ${path}: ${why}`, { cause: err });
    }
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
