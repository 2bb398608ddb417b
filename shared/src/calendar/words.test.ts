import { describe, expect, it } from 'vitest';
import { calendarWords } from './words.js';

describe('calendar words', () => {
  it('speaks every language the app has, by the primary tag, English otherwise', () => {
    expect(calendarWords('en').cancelledTitle('Yoga')).toBe('Cancelled: Yoga');
    expect(calendarWords('de-AT').cancelledTitle('Yoga')).toBe('Abgesagt: Yoga');
    expect(calendarWords('fr').cancelledTitle('Yoga')).toBe('Annulée\u00a0: Yoga');
    expect(calendarWords('fr-CH').waitlisted(2)).toBe('Tu es sur la liste d’attente (position 2).');
    expect(calendarWords('es').going).toBe('You said you are going.');
    expect(calendarWords(null).signedUp).toBe('You are signed up.');
  });

  it('gives each language every word', () => {
    const keys = Object.keys(calendarWords('en')).sort();
    for (const locale of ['de', 'fr'])
      expect(Object.keys(calendarWords(locale)).sort()).toEqual(keys);
  });
});
