import { clubTime } from '../time/index.js';
import type { Instant } from './types.js';

/**
 * Optional context a caller may add to the facts so that a refusal can say
 * what won (ARCHITECTURE.md: "for capacity and credit conflicts it names what
 * won"). Only times and device labels: never another member's name, so the
 * message is safe to show to the member whose action was refused.
 */
export interface PlaceRecord {
  kind: 'signup' | 'checkin';
  /** When the place was taken. */
  at: Instant;
  deviceLabel: string | null;
}

/** A recent use of the member's credits (for `insufficient_credits`). */
export interface CreditUse {
  kind: 'signup' | 'checkin';
  sessionTitle: string;
  at: Instant;
  deviceLabel: string | null;
}

function recorded(kind: 'signup' | 'checkin', at: Instant, device: string | null, tz: string) {
  const what = kind === 'checkin' ? 'a check-in' : 'a sign-up';
  const where = device ? ` on ${device}` : '';
  return `${what} recorded at ${clubTime(at, tz)}${where}`;
}

function latest<T extends { at: Instant }>(records: readonly T[] | undefined): T | undefined {
  let best: T | undefined;
  for (const r of records ?? []) if (!best || Date.parse(r.at) > Date.parse(best.at)) best = r;
  return best;
}

/** "The last spot was taken by a check-in recorded at 17:52 on Front desk." */
export function explainFull(
  holders: readonly PlaceRecord[] | undefined,
  timezone: string,
): string | undefined {
  const last = latest(holders);
  if (!last) return undefined;
  return `The last spot was taken by ${recorded(last.kind, last.at, last.deviceLabel, timezone)}.`;
}

/** "Your last credit went to Tuesday Yoga: a check-in recorded at 17:52 on Front desk." */
export function explainCreditUse(
  uses: readonly CreditUse[] | undefined,
  timezone: string,
): string | undefined {
  const last = latest(uses);
  if (!last) return undefined;
  return `Your last credit went to ${last.sessionTitle}: ${recorded(last.kind, last.at, last.deviceLabel, timezone)}.`;
}
