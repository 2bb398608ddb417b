import { isErrorCode, type Explanation } from '@turnout/shared';
import { formatClubDate, formatMoment } from '$lib/format';
import type { Translate } from './index';

/**
 * Refusals as the person reads them, built on the device from the stable
 * code and the explanation's data, in the person's language (issue 16). The
 * server's English message is shown only for a code this version of the app
 * does not know; an explanation of a kind it does not know is left out.
 */

/** Where and when explanations are read: times in the club's zone, today's without a date. */
export interface RefusalContext {
  t: Translate;
  locale: string;
  /** The club's time zone; without one, the device's own. */
  timeZone?: string;
  /** Now, to leave out the date of a time today; defaults to the device's clock. */
  now?: string | number;
}

/** A refusal as it reaches a screen: from the device's own judgement or the server's answer. */
export interface RefusalLike {
  code: string | null;
  message?: string | null;
  explanation?: Explanation | null;
}

function deviceZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The sentence an explanation says, in the person's language; null for an unknown kind. */
export function explanationText(explanation: Explanation, c: RefusalContext): string | null {
  const zone = c.timeZone ?? deviceZone();
  const time = (at: string) => formatMoment(at, c.now ?? Date.now(), c.locale, zone);
  const where = (device: string | null) => ({
    hasDevice: device ? 'yes' : 'no',
    device: device ?? '',
  });
  const e = explanation;
  switch (e.kind) {
    case 'place_taken': {
      const values = { record: e.record, time: time(e.at), ...where(e.device) };
      return e.memberName
        ? c.t('explain.placeTakenNamed', { ...values, name: e.memberName })
        : c.t('explain.placeTaken', values);
    }
    case 'credit_used':
      return c.t('explain.creditUsed', {
        record: e.record,
        time: time(e.at),
        session: e.sessionTitle,
        ...where(e.device),
      });
    case 'check_in_opens':
      return c.t('explain.checkInOpens', { time: time(e.at) });
    case 'checked_in':
      return c.t('explain.checkedIn', { time: time(e.at), ...where(e.device) });
    case 'code_made':
      return c.t('explain.codeMade', { time: time(e.at) });
    case 'phone_pass_ran_out':
      return c.t('explain.phonePassRanOut', { date: formatClubDate(e.on, c.locale) });
    case 'credits_owed':
      return c.t('explain.creditsOwed', { owed: e.owed, usable: e.usable });
    case 'request_decided':
      return c.t('explain.requestDecided', { status: e.status });
    case 'name_taken':
      return c.t('explain.nameTaken', { name: e.name });
    default:
      // A kind a newer server added: the code's message says enough.
      return null;
  }
}

/**
 * The whole refusal: the code's message in the person's language and, when
 * the refusal carries one, its explanation after it ("The session is full.
 * The last spot was taken by a check-in at 5:52 PM on Front desk.").
 */
export function refusalWords(refusal: RefusalLike, c: RefusalContext): string {
  const { code } = refusal;
  if (!code || !isErrorCode(code)) return refusal.message?.trim() || c.t('errors.internal');
  const message = c.t(`errors.${code}`);
  const detail = refusal.explanation ? explanationText(refusal.explanation, c) : null;
  return detail ? `${message} ${detail}` : message;
}
