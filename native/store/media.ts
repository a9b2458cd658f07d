// Images fetched from the hub once (AI alert snapshots), kept in the cache so they show offline too.
import type Database from 'better-sqlite3';

export interface MediaItem {
  contentType: string;
  body: Buffer;
}

export class MediaRepo {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      get: db.prepare<[string], { content_type: string; body: Buffer }>(`SELECT content_type, body FROM media WHERE path = ?`),
      put: db.prepare<[string, string, Buffer, number]>(`INSERT INTO media (path, content_type, body, fetched_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (path) DO UPDATE SET content_type = excluded.content_type, body = excluded.body, fetched_at = excluded.fetched_at`),
    };
  }

  get(path: string): MediaItem | null {
    const r = this.s.get.get(path);
    return r ? { contentType: r.content_type, body: r.body } : null;
  }

  put(path: string, item: MediaItem, now = Date.now()): void {
    this.s.put.run(path, item.contentType, item.body, now);
  }
}
