import { errorMessages, errorCodes } from '@turnout/shared';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
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

describe('message catalogue', () => {
  it('words every refusal of the shared protocol in English', () => {
    for (const code of [...errorCodes, 'network'] as const) {
      expect(en.errors[code], code).toBeTruthy();
    }
  });

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
    const placeholders = (text: string) => [...argumentsOf(parse(text))].sort();
    const german = new Map(leaves(de));
    for (const [key, message] of leaves(en)) {
      expect(placeholders(german.get(key) ?? ''), key).toEqual(placeholders(message));
    }
  });
});
