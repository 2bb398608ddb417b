import { get } from 'svelte/store';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as I18n from './index';

let i18n: typeof I18n;

beforeAll(async () => {
  // The module reads and writes the person's choice in localStorage, which Node lacks.
  const saved = new Map<string, string>();
  Object.assign(globalThis, {
    localStorage: {
      getItem: (key: string) => saved.get(key) ?? null,
      setItem: (key: string, value: string) => void saved.set(key, value),
      removeItem: (key: string) => void saved.delete(key),
    },
  });
  i18n = await import('./index');
});

describe('the language the app speaks', () => {
  it('offers every language before a club is shown', () => {
    i18n.offerClubLocales(null);
    expect(get(i18n.offered)).toEqual(['en', 'de', 'fr']);
    expect(get(i18n.locale)).toBe('en');
  });

  it('speaks the club’s first language when the person’s is not offered', () => {
    i18n.offerClubLocales(['fr', 'de']);
    expect(get(i18n.offered)).toEqual(['fr', 'de']);
    expect(get(i18n.locale)).toBe('fr');
    expect(get(i18n.t)('login.title')).toBe('Connexion');
  });

  it('speaks the person’s choice when the club offers it, and keeps it for later', () => {
    i18n.setLocale('de');
    expect(get(i18n.locale)).toBe('de');
    expect(localStorage.getItem('turnout.locale')).toBe('de');
    i18n.offerClubLocales(['fr']);
    expect(get(i18n.locale)).toBe('fr');
    i18n.offerClubLocales(null);
    expect(get(i18n.locale)).toBe('de');
  });

  it('remembers the club’s languages for the next start, and forgets them without a club', () => {
    i18n.offerClubLocales(['fr', 'en']);
    expect(localStorage.getItem('turnout.clubLocales')).toBe('["fr","en"]');
    i18n.offerClubLocales(null);
    expect(localStorage.getItem('turnout.clubLocales')).toBeNull();
  });
});
