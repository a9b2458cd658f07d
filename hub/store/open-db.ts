// Opens the hub's embedded PostgreSQL (PGlite). Creating a cluster runs initdb inside WebAssembly, which
// takes seconds; so the first hub to build a database with the county loaded saves a tarball of it in a
// cache folder, and later hubs start from that tarball (a fraction of a second) instead.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';

export interface OpenedDb {
  db: PGlite;
  /** How the database came to be: an existing data folder, a cached template, or built now. */
  origin: 'reopened' | 'template' | 'built';
}

export interface OpenDbOptions {
  /** A folder for the cluster; null keeps it in memory. */
  dataDir: string | null;
  /** Where templates are cached; null disables the cache. */
  cacheDir: string | null;
  /** Identifies what a template holds (PGlite version, schema, county). */
  templateKey: string;
  /** Fills a new, empty database (schema and county); its result becomes the template. */
  build: (db: PGlite) => Promise<void>;
  log: (line: string) => void;
}

/** Templates kept per cache folder: enough for the shipped county plus the test fixtures. */
const KEEP_TEMPLATES = 4;

export function templatePath(cacheDir: string, key: string): string {
  return join(cacheDir, `pg-template-${key}.tar.gz`);
}

export function readTemplate(cacheDir: string | null, key: string, log: (line: string) => void): Blob | null {
  if (!cacheDir) return null;
  const file = templatePath(cacheDir, key);
  if (!existsSync(file)) return null;
  try {
    return new Blob([gunzipSync(readFileSync(file))]);
  } catch (err) {
    log(`template ${file} unreadable (${(err as Error).message}); building the database afresh`);
    rmSync(file, { force: true });
    return null;
  }
}

async function dumpTemplate(db: PGlite): Promise<Uint8Array> {
  // A checkpoint first, so a hub started from the template does not replay the load from the WAL.
  await db.exec('checkpoint');
  return new Uint8Array(await (await db.dumpDataDir('none')).arrayBuffer());
}

/** Saves a template. Best effort: a hub that cannot write its cache still runs. */
function saveTemplate(tar: Uint8Array, cacheDir: string | null, key: string, log: (line: string) => void): void {
  if (!cacheDir) return;
  try {
    mkdirSync(cacheDir, { recursive: true });
    const file = templatePath(cacheDir, key);
    // Write then rename, so a hub starting beside this one never reads half a file.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, gzipSync(tar, { level: 1 }));
    renameSync(partial, file);
    pruneTemplates(cacheDir);
  } catch (err) {
    log(`could not cache the database template in ${cacheDir}: ${(err as Error).message}`);
  }
}

function pruneTemplates(cacheDir: string): void {
  const files = readdirSync(cacheDir)
    .filter((f) => f.startsWith('pg-template-') && f.endsWith('.tar.gz'))
    .map((f) => ({ f, mtime: statSync(join(cacheDir, f)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { f } of files.slice(KEEP_TEMPLATES)) rmSync(join(cacheDir, f), { force: true });
}

export async function openDb(opts: OpenDbOptions): Promise<OpenedDb> {
  const { dataDir, cacheDir, templateKey, log } = opts;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    if (existsSync(join(dataDir, 'PG_VERSION'))) return { db: await PGlite.create({ dataDir }), origin: 'reopened' };
  }
  const template = readTemplate(cacheDir, templateKey, log);
  if (template) {
    try {
      return { db: await PGlite.create({ ...(dataDir ? { dataDir } : {}), loadDataDir: template }), origin: 'template' };
    } catch (err) {
      log(`template ${templateKey} failed to load (${(err as Error).message}); building the database afresh`);
      rmSync(templatePath(cacheDir!, templateKey), { force: true });
      if (dataDir) emptyDir(dataDir);
    }
  }
  // Built in memory even for a data folder: initdb writing straight to disk took ~18 s here, against ~5 s
  // in memory plus ~2.5 s to unpack the result into the folder.
  const memory = await PGlite.create();
  try {
    await opts.build(memory);
    const tar = await dumpTemplate(memory);
    saveTemplate(tar, cacheDir, templateKey, log);
    if (!dataDir) return { db: memory, origin: 'built' };
    await memory.close();
    return { db: await PGlite.create({ dataDir, loadDataDir: new Blob([tar]) }), origin: 'built' };
  } catch (err) {
    if (!memory.closed) await memory.close().catch(() => undefined);
    throw err;
  }
}

function emptyDir(dir: string): void {
  for (const entry of readdirSync(dir)) rmSync(join(dir, entry), { recursive: true, force: true });
}
