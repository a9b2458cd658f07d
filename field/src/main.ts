// The field page's entry: Pinia, vue-i18n, the one view, and the read-only test probe.
import './field.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { useFieldStore } from './field-store';
import { i18n } from './i18n';
import { installProbe } from './probe';

document.documentElement.lang = i18n.global.locale.value;
document.title = i18n.global.t('app.title');
const pinia = createPinia();
createApp(App).use(pinia).use(i18n).mount('#app');
installProbe(useFieldStore(pinia));
