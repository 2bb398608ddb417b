import type { Explanation } from '@turnout/shared';
import { describe, expect, it } from 'vitest';
import { explanationText, refusalWords, type RefusalContext } from './refusals';
import { translator } from './testing';

const timeZone = 'Europe/Berlin';
const now = '2026-03-10T17:00:00.000Z';
/** 17:52 in Berlin, the same day as `now`. */
const at = '2026-03-10T16:52:00.000Z';

const context = (locale: 'en' | 'de' | 'fr'): RefusalContext => ({
  t: translator(locale),
  locale,
  timeZone,
  now,
});
/** Intl may put a narrow no-break space before "PM". */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const say = (e: Explanation, locale: 'en' | 'de' | 'fr') =>
  plain(explanationText(e, context(locale)) ?? '');

describe('refusal explanations worded on the device', () => {
  it('says what took the last spot, in each language', () => {
    const taken: Explanation = {
      kind: 'place_taken',
      record: 'checkin',
      at,
      device: 'Front desk',
    };
    expect(say(taken, 'en')).toBe(
      'The last spot was taken by a check-in at 5:52 PM on Front desk.',
    );
    expect(say(taken, 'de')).toBe(
      'Der letzte Platz ging an einen Check-in um 17:52 auf Front desk.',
    );
    expect(say(taken, 'fr')).toBe(
      'La dernière place a été prise par un pointage à 17:52 sur Front desk.',
    );
    const named: Explanation = { ...taken, record: 'signup', device: null, memberName: 'Noah' };
    expect(say(named, 'en')).toBe('The last spot went to Noah: a sign-up at 5:52 PM.');
    expect(say(named, 'de')).toBe('Der letzte Platz ging an Noah: eine Anmeldung um 17:52.');
    expect(say(named, 'fr')).toBe('La dernière place est allée à Noah : une inscription à 17:52.');
  });

  it('gives the date with a time that is not today', () => {
    const e: Explanation = { kind: 'check_in_opens', at: '2026-03-12T16:30:00.000Z' };
    expect(say(e, 'en')).toBe('It opens at Mar 12, 2026, 5:30 PM.');
    expect(say(e, 'de')).toBe('Er öffnet um 12.03.2026, 17:30.');
  });

  it('words every kind in every language, with no English left in German and French', () => {
    const kinds: Explanation[] = [
      { kind: 'credit_used', record: 'checkin', at, device: null, sessionTitle: 'Yoga' },
      { kind: 'check_in_opens', at },
      { kind: 'checked_in', at, device: 'Tablet' },
      { kind: 'code_made', at },
      { kind: 'phone_pass_ran_out', on: '2026-03-01' },
      { kind: 'credits_owed', owed: 2, usable: 1 },
      { kind: 'request_decided', status: 'rejected' },
      { kind: 'name_taken', name: 'Yoga' },
    ];
    const english = kinds.map((e) => say(e, 'en'));
    expect(english).toEqual([
      'Your last credit went to Yoga: a check-in at 5:52 PM.',
      'It opens at 5:52 PM.',
      'Recorded at 5:52 PM on Tablet.',
      'It was made at 5:52 PM; a code lasts about a minute. Ask them to show it again.',
      'This phone’s check-in pass ran out on Mar 1, 2026; it renews when the member opens Turnout online.',
      '2 credits owed, 1 credit usable for this session. Grant or extend a pass first.',
      'The request was already declined.',
      'A training type called Yoga already exists.',
    ]);
    expect(kinds.map((e) => say(e, 'de'))).toEqual([
      'Deine letzte Einheit ging an Yoga: ein Check-in um 17:52.',
      'Er öffnet um 17:52.',
      'Erfasst um 17:52 auf Tablet.',
      'Er wurde um 17:52 erstellt; ein Code gilt etwa eine Minute. Bitte ihn, ihn noch einmal zu zeigen.',
      'Der Check-in-Pass dieses Handys ist am 01.03.2026 abgelaufen; er erneuert sich, wenn das Mitglied Turnout online öffnet.',
      '2 Einheiten offen, 1 Einheit für diesen Termin nutzbar. Vergib oder verlängere zuerst eine Karte.',
      'Die Anfrage wurde schon abgelehnt.',
      'Eine Trainingsart namens Yoga gibt es schon.',
    ]);
    expect(kinds.map((e) => say(e, 'fr'))).toEqual([
      'Ton dernier crédit est allé à Yoga : un pointage à 17:52.',
      'Il ouvre à 17:52.',
      'Enregistré à 17:52 sur Tablet.',
      'Il a été créé à 17:52 ; un code dure environ une minute. Demande à la personne de le montrer à nouveau.',
      'Le passe de pointage de ce téléphone a expiré le 1 mars 2026 ; il se renouvelle quand le membre ouvre Turnout en ligne.',
      '2 crédits dus, 1 crédit utilisable pour cette séance. Attribue ou prolonge d’abord une carte.',
      'La demande a déjà été refusée.',
      'Un type d’entraînement nommé Yoga existe déjà.',
    ]);
  });

  it('says "none usable" rather than "0 credits usable"', () => {
    const e: Explanation = { kind: 'credits_owed', owed: 1, usable: 0 };
    expect(say(e, 'en')).toMatch(/^1 credit owed, none usable/);
    expect(say(e, 'fr')).toMatch(/^1 crédit dû, aucun utilisable/);
  });
});

describe('refusals worded from the code', () => {
  const english = 'Check-in is not open for this session right now. It opens at 17:52.';

  it('puts the code’s message in the person’s language before the explanation', () => {
    const refusal = {
      code: 'check_in_closed',
      message: english,
      explanation: { kind: 'check_in_opens', at } as Explanation,
    };
    expect(plain(refusalWords(refusal, context('de')))).toBe(
      'Der Check-in für diesen Termin ist gerade nicht geöffnet. Er öffnet um 17:52.',
    );
    expect(plain(refusalWords(refusal, context('en')))).toBe(
      'Check-in is not open for this session right now. It opens at 5:52 PM.',
    );
  });

  it('never shows the server’s English for a code the device knows', () => {
    const refusal = { code: 'check_in_closed', message: english };
    expect(refusalWords(refusal, context('fr'))).toBe(
      'Le pointage n’est pas ouvert pour cette séance en ce moment.',
    );
  });

  it('falls back to the server’s message for a code this version does not know', () => {
    const refusal = { code: 'brand_new_code', message: 'Something new went wrong.' };
    expect(refusalWords(refusal, context('de'))).toBe('Something new went wrong.');
    expect(refusalWords({ code: null, message: '' }, context('en'))).toBe(
      'Something went wrong on the server. Nothing was changed; please try again.',
    );
  });

  it('leaves out an explanation of a kind it does not know', () => {
    const refusal = {
      code: 'session_full',
      message: 'The session is full. Something newer.',
      explanation: { kind: 'from_the_future' } as unknown as Explanation,
    };
    expect(refusalWords(refusal, context('fr'))).toBe('La séance est complète.');
  });
});
