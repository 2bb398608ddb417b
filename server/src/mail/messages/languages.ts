import { mailWordsDe } from './de.js';
import { mailWordsEn, type MailWords } from './en.js';
import { mailWordsFr } from './fr.js';

/** Every language mail is written in; a new language is a file and a line here. */
const languages: Record<string, MailWords> = {
  en: mailWordsEn,
  de: mailWordsDe,
  fr: mailWordsFr,
};

export interface MailLanguage {
  /** The language whose words are used, e.g. 'de'. */
  code: string;
  /** The locale dates and numbers are formatted for, e.g. 'de-AT' (falls back to `code`). */
  locale: string;
  words: MailWords;
}

/** The words for a locale such as 'de', 'de-AT' or 'pt_BR'; English when there are none. */
export function mailLanguage(locale: string): MailLanguage {
  const tag = locale.trim().replace(/_/g, '-');
  const code = tag.split('-')[0]!.toLowerCase();
  const words = languages[code];
  if (!words) return { code: 'en', locale: 'en', words: mailWordsEn };
  let supported: string[] = [];
  try {
    supported = Intl.DateTimeFormat.supportedLocalesOf(tag);
  } catch {
    // Not a well-formed tag: its language's own formats.
  }
  return { code, locale: supported[0] ?? code, words };
}
