// Builds better-sqlite3 for the installed Electron's ABI into native-build/electron/better_sqlite3.node
// (passed to the station as `nativeBinding`), leaving node_modules' Node build, which the tests load,
// untouched: the package's sources are copied to a temp folder and node-gyp builds there. Electron's
// headers come from the internet the first time (cached in ~/.electron-gyp), so offline it stops with
// one line. `--runtime=node` builds the same way for this Node instead: a check of the pipeline.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const HEADERS_URL = 'https://electronjs.org/headers';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runtime: { type: 'string', default: 'electron' },
    target: { type: 'string' },
    out: { type: 'string' },
  },
});
const runtime = values.runtime;
if (runtime !== 'electron' && runtime !== 'node') fail(`--runtime must be electron or node, not ${runtime}`);

const version = (pkg) => JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')).version;
const target = values.target ?? (runtime === 'electron' ? version('electron') : process.versions.node);
const out = resolve(values.out ?? join(root, 'native-build', runtime, 'better_sqlite3.node'));
const devdir = join(homedir(), '.electron-gyp');

function fail(line) {
  console.error(`build-electron-sqlite: ${line}`);
  process.exit(1);
}

async function reachable(url) {
  try {
    const res = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(8_000) });
    return res.ok;
  } catch {
    return false;
  }
}

if (runtime === 'electron') {
  const cached = existsSync(join(devdir, target, 'include', 'node', 'node.h'));
  if (!cached && !(await reachable(`${HEADERS_URL}/v${target}/SHASUMS256.txt`))) {
    fail(`cannot reach ${HEADERS_URL} for Electron ${target}'s headers (offline?); better-sqlite3 was not built for Electron.`);
  }
}

const pkgDir = dirname(require.resolve('better-sqlite3/package.json'));
const work = mkdtempSync(join(tmpdir(), 'wf-sqlite-'));
let status = 0;
try {
  // Everything node-gyp needs, nothing of the existing build.
  for (const entry of ['binding.gyp', 'package.json', 'src', 'deps']) cpSync(join(pkgDir, entry), join(work, entry), { recursive: true });
  const gyp = [
    require.resolve('node-gyp/bin/node-gyp.js'),
    'rebuild',
    '--release',
    `--target=${target}`,
    `--arch=${process.arch}`,
    ...(runtime === 'electron' ? [`--dist-url=${HEADERS_URL}`, '--runtime=electron', `--devdir=${devdir}`] : []),
    // Anything after `--` goes to node-gyp as is (e.g. --nodedir=/usr for a Node built by the distribution).
    ...positionals,
  ];
  console.log(`build-electron-sqlite: better-sqlite3 ${version('better-sqlite3')} for ${runtime} ${target} (${process.arch})…`);
  status = spawnSync(process.execPath, gyp, { cwd: work, stdio: 'inherit' }).status ?? 1;
  if (status === 0) {
    mkdirSync(dirname(out), { recursive: true });
    cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), out);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (status !== 0) fail(`node-gyp failed (status ${status}); see above.`);
console.log(`build-electron-sqlite: ${out}`);
