// `npm run seat -- …`: builds the renderer once if out/renderer is missing, then runs the browser seat
// (native/seat/main.ts) under tsx, passing the arguments and signals through.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
  console.log('Watchfloor seat: out/renderer is missing; building it first with `npx electron-vite build`…');
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('Watchfloor seat: the renderer build failed (see above).');
    process.exit(build.status ?? 1);
  }
}

const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'native', 'seat', 'main.ts'), ...args], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
