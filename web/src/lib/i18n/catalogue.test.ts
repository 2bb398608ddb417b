import { errorMessages, errorCodes } from '@turnout/shared';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { catalogues } from './catalogues';
import { en } from './en';

function leaves(tree: object, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[`${prefix}${key}`, value] as [string, string]]
      : leaves(value as object, `${prefix}${key}.`),
  );
}

/** The argument names a message uses, including inside plural and select branches. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    into.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
    if (element.type === TYPE.tag) argumentsOf(element.children, into);
  }
  return into;
}

/** Every plural argument of a message with the selectors it offers (`=0`, `one`, `other`…). */
function pluralsOf(elements: MessageFormatElement[], into: string[][] = []): string[][] {
  for (const element of elements) {
    if (element.type === TYPE.plural) into.push(Object.keys(element.options));
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) pluralsOf(option.value, into);
    }
    if (element.type === TYPE.tag) pluralsOf(element.children, into);
  }
  return into;
}

const placeholders = (text: string) => [...argumentsOf(parse(text))].sort();
const english = leaves(en);
const others = Object.entries(catalogues).filter(([code]) => code !== 'en');

describe('message catalogue', () => {
  it('words every refusal of the shared protocol in English', () => {
    for (const code of [...errorCodes, 'network'] as const) {
      expect(en.errors[code], code).toBeTruthy();
    }
  });

  it.each(others)('translates every refusal of the shared protocol into %s', (_, messages) => {
    for (const code of errorCodes) {
      expect(messages.errors[code], code).toBeTruthy();
      expect(messages.errors[code], code).not.toBe(errorMessages[code]);
    }
  });

  it.each(others)('has exactly the keys of English in %s', (_, messages) => {
    const keys = new Set(leaves(messages).map(([key]) => key));
    const source = new Set(english.map(([key]) => key));
    expect(
      [...source].filter((key) => !keys.has(key)),
      'missing keys',
    ).toEqual([]);
    expect(
      [...keys].filter((key) => !source.has(key)),
      'keys English does not have',
    ).toEqual([]);
  });

  it.each(Object.entries(catalogues))('has only valid ICU messages in %s', (locale, messages) => {
    for (const [key, message] of leaves(messages)) {
      expect(() => new IntlMessageFormat(message, locale), key).not.toThrow();
      expect(message.trim(), key).not.toBe('');
    }
  });

  it.each(others)('uses the same placeholders in %s as in English', (_, messages) => {
    const translated = new Map(leaves(messages));
    for (const [key, message] of english) {
      expect(placeholders(translated.get(key) ?? ''), key).toEqual(placeholders(message));
    }
  });

  it.each(Object.entries(catalogues))('gives every plural an `other` case in %s', (_, messages) => {
    for (const [key, message] of leaves(messages)) {
      for (const options of pluralsOf(parse(message))) expect(options, key).toContain('other');
    }
  });

  it('keeps ASCII apostrophes out of the French and German texts (ICU reads them as quotes)', () => {
    for (const [locale, messages] of others) {
      for (const [key, message] of leaves(messages)) {
        expect(message.includes("'"), `${locale} ${key}`).toBe(false);
      }
    }
  });
});
