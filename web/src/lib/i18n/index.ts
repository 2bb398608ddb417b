import { derived } from 'svelte/store';
import { _, addMessages, getLocaleFromNavigator, init, locale as currentLocale } from 'svelte-i18n';
import { catalogues } from './catalogues';

export type { MessageKey } from './en';

/** The languages the app is translated into, each named in its own language. */
export const locales = { en: 'English', de: 'Deutsch', fr: 'Français' } as const;
export type Locale = keyof typeof locales;

const storageKey = 'turnout.locale';

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && value in locales;
}

function initialLocale(): Locale {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(storageKey);
  if (isLocale(saved)) return saved;
  const fromBrowser = (getLocaleFromNavigator() ?? 'en').slice(0, 2);
  return isLocale(fromBrowser) ? fromBrowser : 'en';
}

// The catalogues are small and bundled, so they are available at once
// (and offline) without the asynchronous loaders svelte-i18n also offers.
for (const [code, messages] of Object.entries(catalogues)) addMessages(code, messages);
void init({ fallbackLocale: 'en', initialLocale: initialLocale() });

export type MessageValues = Record<string, string | number | Date>;
export type Translate = (key: MessageKey, values?: MessageValues) => string;

/** The typed translation store: `$t('login.title')`, `$t('home.hello', { name })`. */
export const t = derived(
  _,
  (format): Translate =>
    (key, values) =>
      format(key, { values }),
);

/** The active locale as a typed store. */
export const locale = derived(currentLocale, (value): Locale => (isLocale(value) ? value : 'en'));

export function setLocale(next: Locale): void {
  localStorage.setItem(storageKey, next);
  void currentLocale.set(next);
}

currentLocale.subscribe((value) => {
  if (typeof document !== 'undefined' && isLocale(value)) document.documentElement.lang = value;
});
