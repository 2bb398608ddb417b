import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatDay,
  formatSessionSpan,
  formatSessionStart,
  formatTime,
} from './format';
import { clubFormatters } from './views/formatters';
import { manageFormat } from './views/manage-format';
import { formatMoney } from './views/manage-money';
import { formatMoment } from './views/roster';

const zone = 'Europe/Berlin';
/** 14:15 in Berlin on Tuesday 10 March 2026. */
const at = '2026-03-10T13:15:00.000Z';
const end = '2026-03-10T14:30:00.000Z';
const locales = ['en', 'de', 'fr'] as const;

/** Intl may put a no-break or narrow no-break space before "PM". */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('one time format per language', () => {
  it('writes a time of day in 12 hours in English and 24 hours in German and French', () => {
    expect(plain(formatTime(at, 'en', zone))).toBe('2:15 PM');
    expect(formatTime(at, 'de', zone)).toBe('14:15');
    expect(formatTime(at, 'fr', zone)).toBe('14:15');
  });

  it('never pads the hour: "9:05 AM", not "09:05 AM"', () => {
    expect(plain(formatTime('2026-03-10T08:05:00.000Z', 'en', zone))).toBe('9:05 AM');
    expect(plain(formatSessionStart('2026-03-10T08:05:00.000Z', 'en', zone))).toMatch(/, 9:05 AM$/);
  });

  it.each(locales)('writes the time the same way in every formatter (%s)', (locale) => {
    const time = formatTime(at, locale, zone);
    const club = clubFormatters(locale, zone);
    const manage = manageFormat(locale, zone);
    const shown = [
      formatDateTime(at, locale, zone),
      formatSessionStart(at, locale, zone),
      club.dateTime(at),
      club.sessionStart(at),
      manage.dateTime(at),
      manage.sessionStart(at),
      formatMoment(Date.parse(at), at, locale, zone),
      formatMoment(Date.parse(at), '2026-03-12T10:00:00.000Z', locale, zone),
    ];
    for (const text of shown) expect(text).toContain(time);
    expect(formatMoment(Date.parse(at), at, locale, zone)).toBe(time);
  });

  it('gives a session its weekday, date and both times', () => {
    expect(plain(formatSessionSpan(at, end, 'en', zone))).toMatch(
      /^Tuesday, March 10, 2:15\s?–\s?3:30 PM$/,
    );
    expect(formatSessionSpan(at, end, 'de', zone)).toMatch(
      /^Dienstag, 10\. März, 14:15\s?–\s?15:30/,
    );
    expect(formatSessionSpan(at, end, 'fr', zone)).toMatch(/^mardi 10 mars, 14:15\s?–\s?15:30/);
  });

  it('writes dates in each language', () => {
    expect(formatDate(at, 'en', zone)).toBe('Mar 10, 2026');
    expect(formatDate(at, 'de', zone)).toBe('10.03.2026');
    expect(formatDate(at, 'fr', zone)).toBe('10 mars 2026');
    expect(formatDay('2026-03-10', 'fr')).toBe('mardi 10 mars');
    expect(clubFormatters('de', zone).date('2026-03-10')).toBe('10.03.2026');
  });
});

describe('numbers and money per language', () => {
  it('writes money with the language’s marks', () => {
    expect(formatMoney(8950, 'EUR', 'en')).toBe('€89.50');
    expect(plain(formatMoney(8950, 'EUR', 'de'))).toBe('89,50 €');
    expect(plain(formatMoney(8950, 'EUR', 'fr'))).toBe('89,50 €');
    expect(plain(formatMoney(123450, 'CHF', 'fr'))).toBe('1 234,50 CHF');
  });

  it('writes signed changes and counts', () => {
    expect(clubFormatters('en', zone).signed(-1)).toBe('-1');
    expect(clubFormatters('de', zone).signed(10)).toBe('+10');
    expect(plain(manageFormat('fr', zone).count(12345))).toBe('12 345');
    expect(manageFormat('de', zone).count(12345)).toBe('12.345');
  });
});
