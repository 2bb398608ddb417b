import { IntlMessageFormat } from 'intl-messageformat';
import { catalogues } from './catalogues';
import type { MessageValues, Translate } from './index';

/**
 * A translator over the real catalogues without svelte-i18n's stores, so
 * unit tests word messages in any language the way the app does.
 */
export function translator(locale: keyof typeof catalogues): Translate {
  return (key, values?: MessageValues) => {
    let node: unknown = catalogues[locale];
    for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
    if (typeof node !== 'string') throw new Error(`No message ${key} in ${locale}`);
    return String(new IntlMessageFormat(node, locale).format(values));
  };
}
