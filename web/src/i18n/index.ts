import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { en } from './en';
import { ko } from './ko';
import type { Lang } from '../lib/format';

const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('stocklab.lang') : null;
const initial: Lang = stored === 'en' || stored === 'ko' ? stored
  : typeof navigator !== 'undefined' && navigator.language?.toLowerCase().startsWith('ko') ? 'ko' : 'en';

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, ko: { translation: ko } },
  lng: initial,
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});
if (typeof document !== 'undefined') document.documentElement.lang = initial;

export function setLang(lang: Lang) {
  void i18n.changeLanguage(lang);
  localStorage.setItem('stocklab.lang', lang);
  document.documentElement.lang = lang;
}

/** The current language, for number formatting. */
export function useLang(): Lang {
  const { i18n: inst } = useTranslation();
  return inst.language === 'en' ? 'en' : 'ko';
}

/** Translates a validation message key with arguments ("v.range|0|100"); server text passes through unchanged. */
export function translateMessage(t: (k: string, o?: Record<string, unknown>) => string, message: string | undefined): string {
  if (!message) return '';
  const [key, ...args] = message.split('|');
  if (!key || !/^(v|auth)\.[a-zA-Z]+$/.test(key)) return message;
  return t(key, Object.fromEntries(args.map((a, i) => [String(i), a])));
}

export default i18n;
