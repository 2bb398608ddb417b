import { de } from './de';
import { en, type Messages } from './en';
import { fr } from './fr';

/**
 * Every language the app is translated into, each one JSON file in
 * `messages/`. Adding a language: add its file, a two-line module like
 * `fr.ts`, an entry here and its own name in `locales` (index.ts).
 */
export const catalogues = { en, de, fr } satisfies Record<string, Messages>;

/** The codes of the languages the app has, English first. */
export const appLocales = Object.keys(catalogues) as (keyof typeof catalogues)[];
