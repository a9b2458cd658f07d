// Renderer entry: Cesium's asset location, Pinia, vue-i18n, then the console.
import 'cesium/Build/Cesium/Widgets/CesiumWidget/CesiumWidget.css';
import './styles/console.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n';

// Cesium fetches its workers and assets from here: the copy beside index.html, never a CDN.
window.CESIUM_BASE_URL = new URL('./cesium/', window.location.href).href;
document.documentElement.lang = i18n.global.locale.value;

createApp(App).use(createPinia()).use(i18n).mount('#app');
