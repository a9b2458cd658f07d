// Builds the three parts: Electron main (+ the station's utility-process entry), the sandboxed preload
// and the renderer (also served by the browser seat from out/renderer).
import { cpSync, existsSync, createReadStream, statSync } from 'node:fs';
import { join, resolve, extname } from 'node:path';
import { defineConfig, type Plugin } from 'electron-vite';
import vue from '@vitejs/plugin-vue';

const cesiumBuild = resolve('node_modules/cesium/Build/Cesium');
const cesiumDirs = ['Workers', 'ThirdParty', 'Assets', 'Widgets'];

/** Cesium loads workers and assets at run time from CESIUM_BASE_URL: serve them in dev, copy them on build. */
function cesiumStatic(): Plugin {
  const types: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm', '.png': 'image/png', '.jpg': 'image/jpeg', '.svg': 'image/svg+xml', '.xml': 'application/xml' };
  return {
    name: 'watchfloor-cesium-static',
    configureServer(server) {
      server.middlewares.use('/cesium', (req, res, next) => {
        const file = join(cesiumBuild, decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/'));
        if (!file.startsWith(cesiumBuild) || !existsSync(file) || !statSync(file).isFile()) return next();
        res.setHeader('Content-Type', types[extname(file)] ?? 'application/octet-stream');
        createReadStream(file).pipe(res);
      });
    },
    writeBundle(options) {
      const outDir = options.dir ?? resolve('out/renderer');
      for (const dir of cesiumDirs) cpSync(join(cesiumBuild, dir), join(outDir, 'cesium', dir), { recursive: true });
    },
  };
}

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          station: resolve('native/utility/main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    base: './',
    define: { CESIUM_BASE_URL: JSON.stringify('./cesium/') },
    plugins: [vue(), cesiumStatic()],
    build: {
      chunkSizeWarningLimit: 8000,
      rollupOptions: { input: resolve('renderer/index.html') },
    },
  },
});
