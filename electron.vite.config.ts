// Builds the three parts: Electron main (+ the station's utility-process entry), the sandboxed preload
// and the renderer (also served by the browser seat from out/renderer).
import { cpSync, existsSync, createReadStream, statSync } from 'node:fs';
import { join, resolve, extname } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'electron-vite';
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

/**
 * electron-vite builds the renderer with base './'. A wall page (/wall/1 in the browser seat,
 * watchfloor://app/wall/1 in Electron) sits a folder deeper than index.html, so built assets are addressed
 * from the root instead. (A plugin, because electron-vite sets './' in its own config hook.)
 */
function rootBase(): Plugin {
  return { name: 'watchfloor-root-base', config: () => ({ base: '/' }) };
}

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          // The station's utility-process entry (native/utility never imports electron): out/main/station.js.
          station: resolve('native/utility/main.ts'),
        },
        // Chunks beside the entries, not in out/main/chunks/: modules that find files relative to their own
        // place (hub/county/load.ts: ../../resources/county/) then resolve from out/main/ as from hub/county/.
        output: { chunkFileNames: '[name]-[hash].js' },
        // The hub's SFU (hub/calls, installed apart by `npm run sfu:setup`) is loaded at run time when it is
        // there; the desktop app's embedded demo hub runs without it and says calls are unavailable.
        external: ['mediasoup'],
      },
    },
  },
  preload: {
    build: {
      // Bundle everything: a sandboxed preload can require only `electron` and a few Node built-ins.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        // Sandboxed preloads cannot be ES modules, and "type": "module" makes a .js file one: CommonJS as .cjs.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    // vue-i18n: composition API only, no legacy API or devtools in the bundle. Cesium's base URL is set at
    // run time by renderer/src/main.ts (window.CESIUM_BASE_URL, the local ./cesium/ copy).
    define: {
      __VUE_I18N_FULL_INSTALL__: 'true',
      __VUE_I18N_LEGACY_API__: 'false',
      __INTLIFY_PROD_DEVTOOLS__: 'false',
    },
    plugins: [vue(), cesiumStatic(), rootBase()],
    build: {
      // electron-vite leaves renderer bundles unminified; Cesium alone is then ~10 MB of script to parse.
      minify: true,
      chunkSizeWarningLimit: 8000,
      rollupOptions: { input: resolve('renderer/index.html') },
    },
  },
});
