// A seat (station) in a child process for the fault test, so it can be SIGKILLed at any instant and started
// again on the same data dir. It loads its code first and says `loaded`; `open` then starts the station (a
// spare child waits loaded, so a restart after a kill costs the station's start, not the code's).
// Talks over the IPC channel only (offline-seat-protocol.ts).
import type { ServerFrame } from '../../native/api/contract.js';
import type { ApiConnection } from '../../native/api/host.js';
import { startStation, type Station } from '../../native/station.js';
import { ChildRequest, type ChildMessage, type SeatStatus, type WrittenCollection } from './offline-seat-protocol.js';

if (!process.send) throw new Error('offline-seat-child.ts runs with an IPC channel (spawn it from tests/support/offline-seat.ts)');
const send = (m: ChildMessage): void => {
  process.send?.(m);
};

let station: Station | null = null;
let conn: ApiConnection | null = null;
// Requests by this connection's id, answers matched back to the parent's ids.
const waiting = new Map<number, number>();
let nextId = 1;

const TABLES: Record<WrittenCollection, string> = {
  events: 'events', event_actions: 'event_actions', incidents: 'incidents', incident_log: 'incident_log',
};

async function open(dataDir: string, hubUrl: string): Promise<void> {
  const t0 = performance.now();
  // The station's log goes to stderr (the parent keeps its tail for failure messages).
  const log = (line: string): void => {
    process.stderr.write(`${new Date().toISOString().slice(11, 23)} ${line}\n`);
  };
  const s = await startStation({ dataDir, hubUrl, pingIntervalMs: 300, log });
  station = s;
  conn = s.api.connect((f: ServerFrame) => {
    if (f.kind !== 'res' || f.id === null) return;
    const parentId = waiting.get(f.id);
    if (parentId === undefined) return;
    waiting.delete(f.id);
    send(f.ok ? { kind: 'ok', id: parentId, result: f.result } : { kind: 'err', id: parentId, code: f.error.code, message: f.error.message });
  });
  send({ kind: 'ready', startMs: performance.now() - t0 });
  void s.whenSynced().then(() => send({ kind: 'synced' }));
}

function status(s: Station): SeatStatus {
  const outbox: Record<string, number> = {};
  for (const r of s.store.db.prepare<[], { state: string; n: number }>('SELECT state, count(*) AS n FROM outbox GROUP BY state').all()) {
    outbox[r.state] = r.n;
  }
  return { outbox, link: s.sync.link().state, cursors: s.store.cursors.all() };
}

process.on('message', (raw: unknown) => {
  const parsed = ChildRequest.safeParse(raw);
  if (!parsed.success) {
    process.stderr.write(`offline seat: bad request ${JSON.stringify(raw)}\n`);
    return;
  }
  const req = parsed.data;
  if (req.op === 'open') {
    open(req.dataDir, req.hubUrl).catch((err: unknown) => {
      process.stderr.write(`offline seat: could not start: ${String(err)}\n`);
      process.exit(1);
    });
    return;
  }
  if (!station || !conn) {
    send({ kind: 'err', id: req.id, code: 'not_open', message: 'the station is not open yet' });
    return;
  }
  switch (req.op) {
    case 'call': {
      const id = nextId++;
      waiting.set(id, req.id);
      // The host checks the method and params against the contract and answers an error frame otherwise.
      conn.receive({ kind: 'req', id, method: req.method, params: req.params });
      break;
    }
    case 'status':
      send({ kind: 'ok', id: req.id, result: status(station) });
      break;
    case 'rows': {
      const rows = station.store.db.prepare<[], { id: string; data: string }>(`SELECT id, data FROM ${TABLES[req.collection]}`).all();
      send({ kind: 'ok', id: req.id, result: rows.map((r) => ({ id: r.id, data: JSON.parse(r.data) as unknown })) });
      break;
    }
    case 'close':
      conn.close();
      void station.close().then(() => {
        send({ kind: 'ok', id: req.id, result: null });
        process.disconnect();
      });
      break;
  }
});
send({ kind: 'loaded' });
