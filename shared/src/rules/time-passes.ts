import { addDaysToDate, isoWeekday } from '../time/index.js';
import type { ClubDate, CreditLogKind, Pass, PassTerms, Template } from './types.js';

/**
 * Memberships by time ("unlimited for N days", optionally at most K sessions
 * per ISO week). A time pass pays for a session when the session's club-local
 * date is from its grant date through its expiry date and, with a weekly cap,
 * when the session's week has fewer than K uses of it. A use is a credit-log
 * entry with delta 0 (`used_*`, taken back by `unused_*`), so the balance
 * stays 0 and is still the sum of the log.
 */

export function isTimeTerms(terms: Pick<PassTerms, 'kind'>): boolean {
  return terms.kind === 'time';
}

export function isTimePass(pass: Pick<Pass, 'terms'>): boolean {
  return isTimeTerms(pass.terms);
}

export function isTimeTemplate(template: Pick<Template, 'kind'>): boolean {
  return template.kind === 'time';
}

/** The ISO week of a club-local date, named by its Monday ('YYYY-MM-DD'). */
export function weekOf(date: ClubDate): ClubDate {
  return addDaysToDate(date, 1 - isoWeekday(date));
}

/** How many sessions the time pass paid in the week of `date`. */
export function usesInWeek(pass: Pick<Pass, 'weekUses'>, date: ClubDate): number {
  return pass.weekUses?.[weekOf(date)] ?? 0;
}

/** The pass's week uses after one more (+1) or one fewer (−1) in `week`; empty weeks are dropped. */
export function countUse(
  pass: Pick<Pass, 'weekUses'>,
  week: ClubDate,
  by: 1 | -1,
): Record<ClubDate, number> {
  const next = { ...(pass.weekUses ?? {}) };
  // Never below zero: a return whose use is not counted (which only a bug could make) leaves none,
  // rather than refusing the return and keeping the member's session paid.
  const count = Math.max(0, (next[week] ?? 0) + by);
  if (count === 0) delete next[week];
  else next[week] = count;
  return next;
}

/** The weekly cap is reached for the week of `date` (never, without a cap). */
export function weeklyCapReached(pass: Pick<Pass, 'terms' | 'weekUses'>, date: ClubDate): boolean {
  const cap = pass.terms.weeklyCap ?? null;
  return cap !== null && usesInWeek(pass, date) >= cap;
}

/**
 * A time pass can pay for a session on `date`: active, valid that day (from
 * its grant date — Decision: unlike a session-count pass, a membership does
 * not cover the days before it was granted — through its expiry date) and
 * under its weekly cap.
 */
export function isTimePassValidOn(pass: Pass, date: ClubDate): boolean {
  return (
    pass.active && pass.grantedOn <= date && pass.expiresOn >= date && !weeklyCapReached(pass, date)
  );
}

const usedKinds: Partial<Record<CreditLogKind, CreditLogKind>> = {
  charged_signup: 'used_signup',
  charged_checkin: 'used_checkin',
  charged_adjustment: 'used_adjustment',
  returned_signout: 'unused_signout',
  returned_void: 'unused_void',
  returned_cancel: 'unused_cancel',
  returned_adjustment: 'unused_adjustment',
};

/** The log kind of a time pass's use or return for a charge or return kind. */
export function timePassKind(kind: CreditLogKind): CreditLogKind {
  const mapped = usedKinds[kind];
  if (!mapped) throw new Error(`A time pass is not charged or returned by ${kind}`);
  return mapped;
}

/** Log kinds that are a time pass's use (+1) or its return (−1). */
export function useDirection(kind: CreditLogKind): 1 | -1 | 0 {
  if (kind.startsWith('used_')) return 1;
  if (kind.startsWith('unused_')) return -1;
  return 0;
}
