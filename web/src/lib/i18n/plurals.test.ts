import { describe, expect, it } from 'vitest';
import { translator } from './testing';

/**
 * Counts read right in every language at 0, 1, 2, 5 and 21 (issue 16):
 * French counts 0 as singular, German and English do not, and a phrase
 * around a count ("16 von 16 Plätzen frei") follows the language.
 */
const counts = [0, 1, 2, 5, 21] as const;
const en = translator('en');
const de = translator('de');
const fr = translator('fr');

/** Intl and ICU may use no-break spaces; compare them as spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const each = (say: (count: number) => string) => counts.map((n) => plain(say(n)));

describe('places left in a session', () => {
  it('in the sessions list', () => {
    const key = 'sessions.spotsLeft' as const;
    expect(each((count) => en(key, { count }))).toEqual([
      'Full',
      '1 spot left',
      '2 spots left',
      '5 spots left',
      '21 spots left',
    ]);
    expect(each((count) => de(key, { count }))).toEqual([
      'Ausgebucht',
      '1 Platz frei',
      '2 Plätze frei',
      '5 Plätze frei',
      '21 Plätze frei',
    ]);
    expect(each((count) => fr(key, { count }))).toEqual([
      'Complet',
      '1 place libre',
      '2 places libres',
      '5 places libres',
      '21 places libres',
    ]);
  });

  it('out of the capacity, on the session page', () => {
    const key = 'session.spotsLeft' as const;
    expect(each((left) => en(key, { left, capacity: 21 }))).toEqual([
      'Full (21 places)',
      '1 of 21 places left',
      '2 of 21 places left',
      '5 of 21 places left',
      '21 of 21 places left',
    ]);
    expect(each((left) => de(key, { left, capacity: 21 }))).toEqual([
      'Ausgebucht (21 Plätze)',
      '1 von 21 Plätzen frei',
      '2 von 21 Plätzen frei',
      '5 von 21 Plätzen frei',
      '21 von 21 Plätzen frei',
    ]);
    expect(each((left) => fr(key, { left, capacity: 21 }))).toEqual([
      'Complet (21 places)',
      '1 place libre sur 21',
      '2 places libres sur 21',
      '5 places libres sur 21',
      '21 places libres sur 21',
    ]);
    expect(de(key, { left: 16, capacity: 16 })).toBe('16 von 16 Plätzen frei');
    expect(en(key, { left: 1, capacity: 1 })).toBe('1 of 1 place left');
    expect(de(key, { left: 1, capacity: 1 })).toBe('1 von 1 Platz frei');
    expect(de(key, { left: 0, capacity: 1 })).toBe('Ausgebucht (1 Platz)');
  });

  it('taken, on the organizer’s list', () => {
    const key = 'manageSessions.places' as const;
    expect(en(key, { taken: 1, capacity: 1 })).toBe('1 of 1 place taken');
    expect(en(key, { taken: 1, capacity: 10 })).toBe('1 of 10 places taken');
    expect(de(key, { taken: 0, capacity: 1 })).toBe('0 von 1 Platz belegt');
    expect(plain(fr(key, { taken: 0, capacity: 5 }))).toBe('0 place prise sur 5');
    expect(plain(fr(key, { taken: 21, capacity: 21 }))).toBe('21 places prises sur 21');
  });
});

describe('people', () => {
  it('going to a session', () => {
    const key = 'session.goingCount' as const;
    expect(each((count) => en(key, { count }))).toEqual([
      'Nobody yet',
      '1 person',
      '2 people',
      '5 people',
      '21 people',
    ]);
    expect(each((count) => de(key, { count }))).toEqual([
      'Noch niemand',
      '1 Person',
      '2 Personen',
      '5 Personen',
      '21 Personen',
    ]);
    expect(each((count) => fr(key, { count }))).toEqual([
      'Personne pour l’instant',
      '1 personne',
      '2 personnes',
      '5 personnes',
      '21 personnes',
    ]);
  });

  it('in the club', () => {
    const key = 'people.memberCount' as const;
    expect(each((count) => en(key, { count }))).toEqual([
      '0 people',
      '1 person',
      '2 people',
      '5 people',
      '21 people',
    ]);
    expect(each((count) => de(key, { count }))[0]).toBe('0 Personen');
    // French counts zero as singular.
    expect(each((count) => fr(key, { count }))).toEqual([
      '0 personne',
      '1 personne',
      '2 personnes',
      '5 personnes',
      '21 personnes',
    ]);
  });
});

describe('credits', () => {
  it('a session costs', () => {
    const key = 'session.credits' as const;
    expect(each((count) => en(key, { count }))).toEqual([
      '0 credits',
      '1 credit',
      '2 credits',
      '5 credits',
      '21 credits',
    ]);
    expect(each((count) => de(key, { count }))).toEqual([
      '0 Einheiten',
      '1 Einheit',
      '2 Einheiten',
      '5 Einheiten',
      '21 Einheiten',
    ]);
    expect(each((count) => fr(key, { count }))).toEqual([
      '0 crédit',
      '1 crédit',
      '2 crédits',
      '5 crédits',
      '21 crédits',
    ]);
  });

  it('left on a pass, out of its total', () => {
    const key = 'managePasses.balance' as const;
    expect(each((count) => en(key, { count, total: 21 }))).toEqual([
      'None of 21 sessions left',
      '1 of 21 sessions left',
      '2 of 21 sessions left',
      '5 of 21 sessions left',
      '21 of 21 sessions left',
    ]);
    expect(en(key, { count: 1, total: 1 })).toBe('1 of 1 session left');
    expect(de(key, { count: 1, total: 1 })).toBe('1 von 1 Einheit übrig');
    expect(de(key, { count: 5, total: 21 })).toBe('5 von 21 Einheiten übrig');
    expect(each((count) => fr(key, { count, total: 21 }))).toEqual([
      'Plus aucune séance sur 21',
      '1 séance restante sur 21',
      '2 séances restantes sur 21',
      '5 séances restantes sur 21',
      '21 séances restantes sur 21',
    ]);
  });

  it('usable for a session', () => {
    const key = 'session.myCredits' as const;
    expect(en(key, { count: 0 })).toBe('You have no usable credits for this session.');
    expect(en(key, { count: 21 })).toBe('You have 21 usable credits for this session.');
    expect(de(key, { count: 1 })).toMatch(/1 nutzbare Einheit\b/);
    expect(fr(key, { count: 1 })).toBe('Tu as 1 crédit utilisable pour cette séance.');
    expect(fr(key, { count: 2 })).toBe('Tu as 2 crédits utilisables pour cette séance.');
  });
});
