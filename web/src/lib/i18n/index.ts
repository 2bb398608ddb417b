import { derived, get, writable } from 'svelte/store';
import { _, addMessages, getLocaleFromNavigator, init, locale as currentLocale } from 'svelte-i18n';
import { catalogues } from './catalogues';
import type { MessageKey } from './en';
import { offeredLocales, spokenLocale } from './offer';

export type { MessageKey } from './en';

/** The languages the app is translated into, each named in its own language. */
export const locales = { en: 'English', de: 'Deutsch', fr: 'Français' } as const;
export type Locale = keyof typeof locales;
const appLocales = Object.keys(locales) as Locale[];

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

// The catalogues are bundled, so they are available at once (and offline) without the
// asynchronous loaders svelte-i18n also offers. Adding one copies it (a deep merge), which
// with all of them took a long task at start-up: English (the fallback) and the language
// about to be spoken are added now, another just before it is spoken, the rest once the
// screen is up.
const added = new Set<string>();
function ensureMessages(code: string): void {
  if (added.has(code) || !(code in catalogues)) return;
  added.add(code);
  addMessages(code, catalogues[code as keyof typeof catalogues]);
}
ensureMessages('en');
ensureMessages(initialLocale());
if (typeof window !== 'undefined') {
  setTimeout(() => {
    for (const code of Object.keys(catalogues)) ensureMessages(code);
  }, 1_000);
} else {
  for (const code of Object.keys(catalogues)) ensureMessages(code);
}

/** The person's language: chosen on this device (or their profile), else the browser's. */
const preferred = writable<Locale>(initialLocale());
const clubLocalesKey = 'turnout.clubLocales';

/** The club's languages as this device last knew them, so the app starts in the right one. */
function lastClubLocales(): readonly string[] | null {
  try {
    const saved: unknown = JSON.parse(
      (typeof localStorage === 'undefined' ? null : localStorage.getItem(clubLocalesKey)) ?? 'null',
    );
    return Array.isArray(saved) && saved.every((l) => typeof l === 'string') ? saved : null;
  } catch {
    return null;
  }
}

/** The shown club's `locales` setting; null when no club is shown (before login). */
const clubLocales = writable<readonly string[] | null>(lastClubLocales());

/** The languages the switcher offers: the club's that the app has (all of them without a club). */
export const offered = derived(clubLocales, (club) => offeredLocales(appLocales, club));

void init({ fallbackLocale: 'en', initialLocale: initialLocale() });

// The app speaks the person's language when the club offers it, else the club's first.
derived([preferred, offered], ([p, o]) => spokenLocale(p, o)).subscribe((spoken) => {
  ensureMessages(spoken);
  void currentLocale.set(spoken);
});

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

/** The person's choice of language, remembered on this device. */
export function setLocale(next: Locale): void {
  localStorage.setItem(storageKey, next);
  preferred.set(next);
}

/** Tells the app which languages the shown club offers (null: no club shown). */
export function offerClubLocales(locales: readonly string[] | null): void {
  // Told again on every change the club's store sees: only a new list does anything.
  if (JSON.stringify(locales) === JSON.stringify(get(clubLocales))) return;
  if (locales) localStorage.setItem(clubLocalesKey, JSON.stringify(locales));
  else localStorage.removeItem(clubLocalesKey);
  clubLocales.set(locales);
}

currentLocale.subscribe((value) => {
  if (typeof document !== 'undefined' && isLocale(value)) document.documentElement.lang = value;
});
