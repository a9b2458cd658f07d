// Renderer entry: Pinia, vue-i18n, then the page this window shows: a wall display for `/wall/<n>`,
// else the console. Each is its own chunk, so a wall never loads Cesium.
import './styles/console.css';
import { createPinia } from 'pinia';
import { createApp, type Component } from 'vue';
import { wallIdFromPath } from './components/wall/wall-route';
import { i18n } from './i18n';

// Cesium fetches its workers and assets from here: the copy beside index.html, never a CDN.
window.CESIUM_BASE_URL = new URL(`${import.meta.env.BASE_URL}cesium/`, window.location.href).href;
document.documentElement.lang = i18n.global.locale.value;

function mount(root: Component, props: Record<string, unknown> = {}): void {
  createApp(root, props).use(createPinia()).use(i18n).mount('#app');
}

/**
 * One loader per page, each in its own function: written as two branches of one expression, the minifier
 * merged the two imports into one call and the console was left without its stylesheet.
 */
async function mountConsole(): Promise<void> {
  mount((await import('./App.vue')).default);
}
async function mountWall(wallId: number): Promise<void> {
  mount((await import('./WallPage.vue')).default, { wallId });
}

const wallId = wallIdFromPath(window.location.pathname);
void (wallId === null ? mountConsole() : mountWall(wallId));
