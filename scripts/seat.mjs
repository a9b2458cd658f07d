// `npm run seat -- …`: builds the renderer and the field page once if out/ lacks them, then runs the browser seat
// (native/seat/main.ts) under tsx, passing the arguments and signals through.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

/** Builds a missing part of out/ once: the renderer, and the field page the embedded hub serves at /field/. */
function buildIfMissing(file, what, command) {
  if (existsSync(join(root, 'out', ...file))) return;
  console.log(`Watchfloor seat: ${what} is missing; building it first with \`npx ${command.join(' ')}\`…`);
  const build = spawnSync('npx', command, { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error(`Watchfloor seat: building ${what} failed (see above).`);
    process.exit(build.status ?? 1);
  }
}
buildIfMissing(['renderer', 'index.html'], 'out/renderer', ['electron-vite', 'build']);
buildIfMissing(['field', 'index.html'], 'out/field', ['vite', 'build', '--config', 'field/vite.config.ts']);

const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'native', 'seat', 'main.ts'), ...args], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
