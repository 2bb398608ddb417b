import { describe, expect, it } from 'vitest';
import { offeredLocales, spokenLocale } from './offer';

const app = ['en', 'de', 'fr'] as const;

describe('languages offered', () => {
  it('offers everything the app has before login or without a club', () => {
    expect(offeredLocales(app, null)).toEqual(['en', 'de', 'fr']);
  });

  it('offers the club’s languages the app has, in the club’s order', () => {
    expect(offeredLocales(app, ['fr', 'en'])).toEqual(['fr', 'en']);
    expect(offeredLocales(app, ['de'])).toEqual(['de']);
  });

  it('reads regional tags as their language and skips languages the app lacks', () => {
    expect(offeredLocales(app, ['es', 'de-AT', 'fr_CH', 'de'])).toEqual(['de', 'fr']);
  });

  it('offers everything when the club lists none of the app’s languages', () => {
    expect(offeredLocales(app, ['es', 'it'])).toEqual(['en', 'de', 'fr']);
    expect(offeredLocales(app, [])).toEqual(['en', 'de', 'fr']);
  });
});

describe('language spoken', () => {
  it('is the person’s own when the club offers it', () => {
    expect(spokenLocale('de', ['en', 'de'])).toBe('de');
  });

  it('falls back to the club’s first language when the person’s is not offered', () => {
    expect(spokenLocale('fr', ['de', 'en'])).toBe('de');
    expect(spokenLocale('en', offeredLocales(app, ['es', 'fr']))).toBe('fr');
  });
});
