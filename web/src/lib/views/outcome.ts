import type { Flag, MutationArgsInput, MutationName } from '@turnout/shared';
import type { Locale, Translate } from '$lib/i18n';
import { refusalWords, type RefusalLike } from '$lib/i18n/refusals';

/**
 * A refusal as the person reads it, in their language: the message of its
 * code and its explanation worded from data (e.g. "It opens at 5:30 PM."),
 * times in `where.timeZone` (the club's; the device's own without it).
 */
export function refusalText(
  refusal: RefusalLike,
  t: Translate,
  locale: Locale,
  where: { timeZone?: string; now?: string | number } = {},
): string {
  return refusalWords(refusal, { t, locale, ...where });
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
