// vue-i18n set-up: Chinese by default, English second; the operator's choice is remembered in localStorage.
import { createI18n } from 'vue-i18n';
import en from './en';
import zhCN from './zh-CN';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'watchfloor.locale';

export function savedLocale(storage: Pick<Storage, 'getItem'> | null): Locale {
  const value = storage?.getItem(STORAGE_KEY);
  return value === 'en' || value === 'zh-CN' ? value : 'zh-CN';
}

export const i18n = createI18n({
  legacy: false,
  locale: savedLocale(typeof localStorage === 'undefined' ? null : localStorage),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
  datetimeFormats: {
    'zh-CN': {
      time: { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false },
      datetime: { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false },
    },
    en: {
      time: { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false },
      datetime: { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false },
    },
  },
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage can be unavailable (private mode, quota): the choice then lasts for this session only.
  }
}
