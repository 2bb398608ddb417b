import {
  accountMailKinds,
  notificationKinds,
  type MailKind,
  type NotificationKind,
} from '@turnout/shared';
import { IntlMessageFormat } from 'intl-messageformat';
import { formatDay, formatWhen } from './format.js';
import { mailLanguage } from './languages.js';
import type { MailWords } from './en.js';

export type MailData = Record<string, string | number | null>;

export interface MailLinks {
  /** What the mail asks to do (open the session, accept the invitation…); else `data.link`. */
  action?: string;
  /** Turns this kind of mail off for this person (notification kinds only). */
  unsubscribe?: string;
}

export interface RenderedMessage {
  subject: string;
  /** One plain sentence: the body of a push notification whose title is `subject`. */
  summary: string;
  text: string;
  html: string;
  /** The language the words are in ('en', 'de'…), for Content-Language. */
  language: string;
}

type Values = Record<string, string | number>;

const compiled = new Map<string, IntlMessageFormat>();

function say(template: string, locale: string, values: Values): string {
  const key = `${locale}\u0000${template}`;
  let format = compiled.get(key);
  if (!format) {
    format = new IntlMessageFormat(template, locale);
    compiled.set(key, format);
  }
  const out = format.format<string>(values);
  const text = (Array.isArray(out) ? out.join('') : String(out)).trim();
  // A sentence may open with a value ("your pass expires…"): it starts a sentence all the same.
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

function str(data: MailData, key: string): string | undefined {
  const v = data[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function num(data: MailData, key: string): number {
  const v = data[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

const yesNo = (v: unknown) => (v === undefined ? 'no' : 'yes');

/** The values every message may use, from a mail's data (see en.ts for the names). */
function valuesOf(kind: MailKind, data: MailData, locale: string, words: MailWords): Values {
  const timeZone = str(data, 'timezone');
  const startsAt = str(data, 'startsAt');
  const expires = str(data, 'expiresOn') ?? str(data, 'expiresAt');
  // A rejection's reason is the owner's words; promotion_skipped's is a code the body already says.
  const reason = kind === 'promotion_skipped' ? undefined : str(data, 'reason');
  const name = str(data, 'name');
  const club = str(data, 'clubName');
  const inviter = str(data, 'inviterName');
  const pass = str(data, 'passName') ?? str(data, 'templateName');
  const dependant = str(data, 'dependantName');
  return {
    name: name ?? '',
    hasName: yesNo(name),
    club: club ?? '',
    hasClub: yesNo(club),
    session: str(data, 'sessionTitle') ?? words.aSession,
    when: startsAt ? formatWhen(startsAt, locale, timeZone) : '',
    credits: num(data, 'credits'),
    reason: reason ?? '',
    hasReason: yesNo(reason),
    // "Your pass" only when it is the reader's own.
    pass: pass ?? (kind === 'pass_expiring' && !dependant ? words.yourPass : words.aPass),
    expires: expires ? formatDay(expires, locale, timeZone) : '',
    hasExpires: yesNo(expires),
    minutes: num(data, 'expiresMinutes'),
    role: str(data, 'role') ?? 'member',
    inviter: inviter ?? '',
    hasInviter: yesNo(inviter),
    // The reminder job names a pass's credits left `credits`, as a promotion names what it charged.
    creditsLeft: num(data, 'creditsLeft') || num(data, 'credits'),
    // A membership by time expires by date; it has no credits to use up.
    unlimited: num(data, 'unlimited') > 0 ? 'yes' : 'no',
    // The child a guardian is told about (delivery sets it; see en.ts `forDependant`).
    dependant: dependant ?? '',
  };
}

/** The words of a language and a way to say them, for pages about mail (unsubscribe). */
export function mailWordsFor(locale: string): {
  language: string;
  words: MailWords;
  say(template: string, values?: Values): string;
} {
  const lang = mailLanguage(locale);
  return {
    language: lang.code,
    words: lang.words,
    say: (template, values = {}) => say(template, lang.locale, values),
  };
}

/** Only web links go in a mail: anything else in the data is left out, not linked. */
function webLink(link: string | undefined): string | undefined {
  if (!link) return undefined;
  try {
    const url = new URL(link);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c]!);
}

const isAccountMail = (kind: MailKind) => (accountMailKinds as readonly string[]).includes(kind);
const isNotification = (kind: MailKind): kind is NotificationKind =>
  (notificationKinds as readonly string[]).includes(kind);

/**
 * The subject, a one-sentence summary, and the plain-text and HTML bodies
 * of a mail, in the locale's language (English when there are no words for
 * it). Every value is escaped in the HTML; links are only http(s).
 */
export function renderMessage(
  kind: MailKind,
  locale: string,
  data: MailData,
  links: MailLinks = {},
): RenderedMessage {
  const lang = mailLanguage(locale);
  const { words } = lang;
  const kindWords = words.kinds[kind];
  const values = valuesOf(kind, data, lang.locale, words);
  const t = (template: string) => say(template, lang.locale, values);
  // About a child, to their guardian: the child is named and the guardian greeted.
  const told =
    values.dependant !== '' && isNotification(kind) ? words.forDependant[kind] : kindWords;

  const subject = t(told.subject);
  const summary = t(told.summary);
  const greeting = t(words.greeting);
  const paragraphs = told.body.map(t).filter((p) => p !== '');
  const signature = t(words.signature);
  const footer = isAccountMail(kind)
    ? t(words.accountFooter)
    : say(words.notificationFooter, lang.locale, { ...values, about: kindWords.about });
  const action = webLink(links.action ?? str(data, 'link'));
  const unsubscribe = isAccountMail(kind) ? undefined : webLink(links.unsubscribe);

  const text = [
    greeting,
    ...paragraphs,
    ...(action ? [`${kindWords.action}: ${action}`] : []),
    signature,
    [
      '-- ',
      footer,
      ...(unsubscribe ? [say(words.unsubscribeText, lang.locale, { link: unsubscribe })] : []),
    ].join('\n'),
  ].join('\n\n');

  const e = escapeHtml;
  const p = (inner: string, style = '') => `<p style="margin:0 0 16px;${style}">${inner}</p>`;
  const html = [
    '<!doctype html>',
    `<html lang="${e(lang.code)}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(subject)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#f4f4f5;color:#18181b;font:16px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif">',
    '<div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border-radius:8px">',
    p(e(greeting)),
    ...paragraphs.map((para) => p(e(para))),
    ...(action
      ? [
          p(
            `<a href="${e(action)}" style="display:inline-block;padding:10px 18px;background:#1d4ed8;color:#ffffff;border-radius:6px;text-decoration:none;font-weight:600">${e(kindWords.action)}</a>`,
          ),
          p(
            `${e(words.linkFallback)}<br><a href="${e(action)}" style="color:#1d4ed8;word-break:break-all">${e(action)}</a>`,
            'font-size:13px;color:#52525b',
          ),
        ]
      : []),
    p(e(signature)),
    '<hr style="border:none;border-top:1px solid #e4e4e7;margin:24px 0 16px">',
    p(
      e(footer) +
        (unsubscribe
          ? ` <a href="${e(unsubscribe)}" style="color:#52525b">${e(words.unsubscribe)}</a>`
          : ''),
      'font-size:12px;color:#71717a',
    ),
    '</div></body></html>',
  ].join('\n');

  return { subject, summary, text, html, language: lang.code };
}
