// Builds the grid worker's field page (its own small Vue app) into out/field, which the hub serves at /field/.
// Paths are relative to the repository root, where `npm run build:field` runs (this file is type-checked with
// the web code, which has no Node types).
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'field',
  // Relative asset paths: the page works at /field/ on the hub and from any other folder it is served in.
  base: './',
  // vue-i18n: composition API only, as in the renderer.
  define: {
    __VUE_I18N_FULL_INSTALL__: 'true',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  plugins: [vue()],
  build: {
    // Relative to root: <repo>/out/field.
    outDir: '../out/field',
    emptyOutDir: true,
    minify: true,
  },
});
