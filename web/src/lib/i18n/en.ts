import messages from './messages/en.json';

/**
 * The English catalogue is the source: its shape defines every message key,
 * and the other languages must provide exactly the same keys (`Messages`,
 * checked by catalogue.test.ts). Each language is one JSON file in
 * `messages/`, the format translation tools read; messages use ICU syntax
 * (`{name}`, plurals) as read by svelte-i18n.
 */
export const en = messages;

export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** What every language must provide: the same keys as English. */
export type Messages = Widen<typeof en>;

type Paths<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Paths<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every message key, e.g. `'login.title'`. */
export type MessageKey = Paths<Messages>;
