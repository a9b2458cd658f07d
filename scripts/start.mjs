// `npm start`: the Electron app on the embedded demo county (electron-vite preview: build, then run the
// built app) when the Electron binary is installed; otherwise one line saying so and the browser seat.
// Arguments pass through (`npm start -- --hub http://10.0.0.5:8700`; `--seat` forces the browser seat).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary, NO_SQLITE_NOTICE, planStart } from './start-decision.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sqliteBinding = join(root, 'native-build', 'electron', 'better_sqlite3.node');
const read = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

const plan = planStart({
  electron: electronBinary({ electronDir: join(root, 'node_modules', 'electron'), env: process.env, exists: existsSync, read }),
  sqliteBuilt: existsSync(sqliteBinding),
  args: process.argv.slice(2),
});

/** Runs a command with the terminal, passing signals on, and exits with its status. */
function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function seat(args, notice) {
  if (notice) console.log(notice);
  run(process.execPath, [join(root, 'scripts', 'seat.mjs'), ...args]);
}

if (plan.run === 'seat') {
  seat(plan.args, plan.notice);
} else {
  let sqliteReady = !plan.buildSqlite;
  if (plan.buildSqlite) {
    console.log('Building better-sqlite3 for Electron (once; native-build/electron/)…');
    sqliteReady = spawnSync(process.execPath, [join(root, 'scripts', 'build-electron-sqlite.mjs')], { cwd: root, stdio: 'inherit' }).status === 0;
  }
  if (!sqliteReady) seat(plan.args, NO_SQLITE_NOTICE);
  else run(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'preview', ...(plan.args.length ? ['--', ...plan.args] : [])]);
}
