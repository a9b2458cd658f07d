// `npm run sfu:setup`: installs the hub's SFU (mediasoup 3.12.16, in hub/calls/) and its worker binary.
// The seat never needs it. mediasoup's own install downloads a prebuilt worker from GitHub or builds one
// with pip and meson wraps fetched from the internet; neither works offline. So: the package is installed
// without its install script, and the worker is built from its sources against Debian's own libraries —
// each meson subproject is replaced by a stub that hands over the system library. MEDIASOUP_WORKER_BIN
// (a worker built or downloaded elsewhere) skips the build, and mediasoup uses it at run time too.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const callsDir = join(root, 'hub', 'calls');
const worker = join(callsDir, 'node_modules', 'mediasoup', 'worker');
const workerBin = join(worker, 'out', 'Release', 'mediasoup-worker');
const started = Date.now();
const say = (line) => console.log(`sfu:setup [${((Date.now() - started) / 1000).toFixed(0)} s] ${line}`);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

/** Runs a noisy build step quietly; on failure prints the end of what it said. */
function quiet(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) {
    console.error(`${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-60).join('\n'));
    throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  }
}

function output(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Debian's packages for the worker's build, by what they provide (pkg-config module or command). */
const NEEDS = [
  { check: ['pkg-config', ['--version']], debian: 'pkg-config' },
  { check: ['meson', ['--version']], debian: 'meson' },
  { check: ['ninja', ['--version']], debian: 'ninja-build' },
  { check: ['c++', ['--version']], debian: 'g++' },
  { check: ['pkg-config', ['--exists', 'libuv']], debian: 'libuv1-dev' },
  { check: ['pkg-config', ['--exists', 'libsrtp2']], debian: 'libsrtp2-dev' },
  { check: ['pkg-config', ['--exists', 'usrsctp']], debian: 'libusrsctp-dev' },
  { check: ['pkg-config', ['--exists', 'absl_flat_hash_map']], debian: 'libabsl-dev' },
  { check: ['pkg-config', ['--exists', 'nlohmann_json']], debian: 'nlohmann-json3-dev' },
  { check: ['pkg-config', ['--exists', 'openssl']], debian: 'libssl-dev' },
];

/**
 * One stub per subproject of worker/meson.build: the variables it reads (…_dep, and the static library
 * it links whole, which stays empty because the system library comes in through the dependency), and the
 * options it passes, so meson accepts them.
 */
const STUBS = {
  openssl: {
    build: `openssl_dep = dependency('openssl')
libcrypto_dep = dependency('libcrypto')
libssl_dep = dependency('libssl')
libcrypto_lib = static_library('crypto_system', [])
libssl_lib = static_library('ssl_system', [])`,
  },
  nlohmann_json: { lang: 'cpp', build: `nlohmann_json_dep = dependency('nlohmann_json')` },
  libuv: {
    build: `libuv_dep = dependency('libuv')
libuv = static_library('uv_system', [])`,
    options: `option('build_tests', type: 'boolean', value: false)
option('build_benchmarks', type: 'boolean', value: false)`,
  },
  libsrtp2: {
    // Debian installs srtp.h under srtp2/; the worker includes <srtp.h>.
    build: `srtp = dependency('libsrtp2')
libsrtp2_dep = declare_dependency(dependencies: srtp, compile_args: '-I' + (srtp.get_variable(pkgconfig: 'includedir') / 'srtp2'))
libsrtp2 = static_library('srtp2_system', [])`,
    options: `option('crypto-library', type: 'string', value: 'openssl')
option('crypto-library-kdf', type: 'feature', value: 'disabled')
option('tests', type: 'feature', value: 'disabled')`,
  },
  usrsctp: {
    build: `usrsctp_dep = dependency('usrsctp')
usrsctp = static_library('usrsctp_system', [])`,
    options: `option('sctp_build_programs', type: 'boolean', value: false)`,
  },
  'abseil-cpp': {
    lang: 'cpp',
    build: `absl_container_dep = dependency('absl_flat_hash_map', 'absl_flat_hash_set', 'absl_btree', 'absl_inlined_vector')
absl_strings_dep = dependency('absl_strings')
absl_types_dep = dependency('absl_optional')
absl_container_lib = static_library('absl_system', [])`,
  },
  // Only the worker's own test programs use Catch2; they are not built.
  catch2: { lang: 'cpp', build: `catch2_dep = declare_dependency()` },
};

function writeStubs() {
  const subprojects = join(worker, 'subprojects');
  for (const wrap of readdirSync(subprojects).filter((f) => f.endsWith('.wrap'))) {
    const name = wrap.slice(0, -'.wrap'.length);
    if (name === 'wingetopt') continue; // Windows only
    const stub = STUBS[name];
    if (!stub) throw new Error(`mediasoup's worker names a subproject this setup has no stub for: ${name}`);
    const directory = /^directory\s*=\s*(.+)$/m.exec(readFileSync(join(subprojects, wrap), 'utf8'))?.[1]?.trim();
    if (!directory) throw new Error(`${wrap} names no directory`);
    const dir = join(subprojects, directory);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'meson.build'), `project('${name}', '${stub.lang ?? 'c'}')\n${stub.build}\n`);
    if (stub.options) writeFileSync(join(dir, 'meson_options.txt'), `${stub.options}\n`);
  }
}

/** The worker asks for meson ≥ 1.1 but uses nothing newer than Debian bookworm's 1.0.1 has. */
function allowDebianMeson() {
  const version = output('meson', ['--version']) ?? '0';
  const [major, minor] = version.split('.').map(Number);
  if (major > 1 || (major === 1 && minor >= 1)) return;
  const file = join(worker, 'meson.build');
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace(/meson_version: '>= 1\.1\.0'/, `meson_version: '>= ${version}'`));
  say(`meson ${version} (Debian): the worker's meson_version lowered to match`);
}

function main() {
  say('installing hub/calls (mediasoup 3.12.16) without its download step');
  run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: callsDir });

  const given = process.env.MEDIASOUP_WORKER_BIN;
  if (given) {
    if (!existsSync(given)) throw new Error(`MEDIASOUP_WORKER_BIN=${given}: no such file`);
    say(`using MEDIASOUP_WORKER_BIN=${given}; keep it set when running the hub`);
    return;
  }
  if (existsSync(workerBin)) {
    say(`worker already built: ${workerBin}`);
    return;
  }
  const missing = NEEDS.filter((n) => output(n.check[0], n.check[1]) === null).map((n) => n.debian);
  if (missing.length > 0) {
    throw new Error(
      `building mediasoup's worker needs Debian packages that are missing: ${missing.join(' ')}\n` +
        `  apt-get install ${[...new Set(missing)].join(' ')}`,
    );
  }
  writeStubs();
  allowDebianMeson();
  const build = join(worker, 'out', 'Release', 'build');
  say('configuring the worker (meson)');
  quiet('meson', ['setup', '--buildtype', 'release', '-Db_ndebug=true', '-Db_pie=true', '-Db_staticpic=true', build, worker]);
  say(`compiling the worker (ninja, ${cpus().length} jobs; a few minutes)`);
  quiet('ninja', ['-C', build, `-j${cpus().length}`, 'mediasoup-worker']);
  copyFileSync(join(build, 'mediasoup-worker'), workerBin);
  say(`worker built: ${workerBin}`);
}

try {
  main();
} catch (err) {
  console.error(`sfu:setup failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
