import { errorMessages, errorCodes } from '@turnout/shared';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { de } from './de';
import { en } from './en';

function leaves(tree: object, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[`${prefix}${key}`, value] as [string, string]]
      : leaves(value as object, `${prefix}${key}.`),
  );
}

describe('message catalogue', () => {
  it('translates every refusal of the shared protocol into German', () => {
    for (const code of errorCodes) {
      expect(de.errors[code], code).toBeTruthy();
      expect(de.errors[code], code).not.toBe(errorMessages[code]);
    }
  });

  it('has the same keys in German as in English', () => {
    expect(leaves(de).map(([key]) => key)).toEqual(leaves(en).map(([key]) => key));
  });

  it.each([
    ['en', en],
    ['de', de],
  ] as const)('has only valid ICU messages in %s', (locale, messages) => {
    for (const [key, message] of leaves(messages)) {
      expect(() => new IntlMessageFormat(message, locale), key).not.toThrow();
    }
  });

  it('uses the same placeholders in German as in English', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();
    const german = new Map(leaves(de));
    for (const [key, message] of leaves(en)) {
      expect(placeholders(german.get(key) ?? ''), key).toEqual(placeholders(message));
    }
  });
});
