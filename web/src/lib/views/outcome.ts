import {
  errorMessages,
  type ErrorCode,
  type Flag,
  type MutationArgsInput,
  type MutationName,
} from '@turnout/shared';
import type { Locale, Translate } from '$lib/i18n';

/**
 * A refusal as the person reads it: the translated message of its code and,
 * in English, the rules' explanation after it (e.g. "It opens at 17:30.").
 * The explanations are written in English by the shared rules, so other
 * languages show the translated message alone.
 */
export function refusalText(
  refusal: { code: ErrorCode; message: string },
  t: Translate,
  locale: Locale,
): string {
  const translated = t(`errors.${refusal.code}`);
  const base = errorMessages[refusal.code];
  const detail = refusal.message.startsWith(base) ? refusal.message.slice(base.length).trim() : '';
  return locale === 'en' && detail ? `${translated} ${detail}` : translated;
}

/** The flags a check-in or sign-up came back with, as one sentence each. */
export function flagsText(flags: readonly Flag[], t: Translate): string {
  return flags.map((flag) => t(`session.outcome.flag_${flag}`)).join(' ');
}

/**
 * Does one thing on the club's data through the device store and announces
 * how it went: `done` words the outcome from the flags it came back with.
 * Resolves true when it was applied.
 */
export type SessionAct = <N extends MutationName>(
  name: N,
  args: MutationArgsInput<N>,
  done: (flags: Flag[]) => string,
) => Promise<boolean>;
