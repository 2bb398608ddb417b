import { clubTime } from '../time/index.js';
import { isStaff } from './access.js';
import type { Actor, Instant } from './types.js';

/**
 * Optional context a caller may add to the facts so that a refusal can say
 * what won (ARCHITECTURE.md: "for capacity and credit conflicts it names what
 * won"): when and on which device. Who won is named only to hosts and
 * owners, who see the roster anyway; a member is told the time and the
 * device, never another member's name (docs/decisions.md, "Conflicts told
 * where they happen").
 */
export interface PlaceRecord {
  kind: 'signup' | 'checkin';
  /** When the place was taken. */
  at: Instant;
  deviceLabel: string | null;
  /** Who holds the place (named to staff only). */
  memberId: string;
}

/** A recent use of the member's credits (for `insufficient_credits`). */
export interface CreditUse {
  kind: 'signup' | 'checkin';
  sessionTitle: string;
  at: Instant;
  deviceLabel: string | null;
}

/**
 * What a refusal says about what won, as data: the English sentence is in
 * the refusal's message, and a device words this in its own language.
 */
export type Explanation =
  | {
      kind: 'place_taken';
      /** What took the last spot. */
      record: 'signup' | 'checkin';
      at: Instant;
      device: string | null;
      /** Whose it is: only when the refused person is a host or owner. */
      memberName?: string;
    }
  | {
      kind: 'credit_used';
      record: 'signup' | 'checkin';
      at: Instant;
      device: string | null;
      sessionTitle: string;
    };

/** An explanation in English (the refusal message's detail) and as data. */
interface Explained {
  text: string;
  explanation: Explanation;
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

/**
 * "The last spot was taken by a check-in recorded at 17:52 on Front desk."
 * To a host or owner, with `nameOf`: "The last spot went to Noah Quinn: a
 * check-in recorded at 17:52 on Front desk."
 */
export function explainFull(
  holders: readonly PlaceRecord[] | undefined,
  timezone: string,
  named?: { viewer: Actor; nameOf: ((memberId: string) => string | null) | undefined },
): Explained | undefined {
  const last = latest(holders);
  if (!last) return undefined;
  const how = recorded(last.kind, last.at, last.deviceLabel, timezone);
  const name = named && isStaff(named.viewer) ? named.nameOf?.(last.memberId) : null;
  const base = { kind: 'place_taken', record: last.kind, at: last.at, device: last.deviceLabel };
  if (name) {
    return {
      text: `The last spot went to ${name}: ${how}.`,
      explanation: { ...base, kind: 'place_taken', memberName: name },
    };
  }
  return {
    text: `The last spot was taken by ${how}.`,
    explanation: { ...base, kind: 'place_taken' },
  };
}

/** "Your last credit went to Tuesday Yoga: a check-in recorded at 17:52 on Front desk." */
export function explainCreditUse(
  uses: readonly CreditUse[] | undefined,
  timezone: string,
): Explained | undefined {
  const last = latest(uses);
  if (!last) return undefined;
  return {
    text: `Your last credit went to ${last.sessionTitle}: ${recorded(last.kind, last.at, last.deviceLabel, timezone)}.`,
    explanation: {
      kind: 'credit_used',
      record: last.kind,
      at: last.at,
      device: last.deviceLabel,
      sessionTitle: last.sessionTitle,
    },
  };
}
