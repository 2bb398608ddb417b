import { clubDate, clubTime, toIso, type TimeInput } from '../time/index.js';
import { isStaff } from './access.js';
import type { Actor, ClubDate, Instant } from './types.js';

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
    }
  /** `check_in_closed` before opening: when it opens. */
  | { kind: 'check_in_opens'; at: Instant }
  /** `already_checked_in`: when and where the valid check-in was recorded. */
  | { kind: 'checked_in'; at: Instant; device: string | null }
  /** `code_expired`, a changing code: when it was made (it lasts about a minute). */
  | { kind: 'code_made'; at: Instant }
  /** `code_expired`, a phone's check-in pass: the club day it ran out. */
  | { kind: 'phone_pass_ran_out'; on: ClubDate }
  /** `insufficient_credits` when settling an unpaid check-in: what is owed and usable. */
  | { kind: 'credits_owed'; owed: number; usable: number }
  /** `conflict`: a pass request was answered already. */
  | { kind: 'request_decided'; status: 'approved' | 'rejected' | 'withdrawn' }
  /** `conflict`: a training type of that name exists. */
  | { kind: 'name_taken'; name: string };

/** An explanation in English (the refusal message's detail) and as data. */
export interface Explained {
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

/**
 * The other explanations a refusal carries: the English sentence for the
 * refusal's message (older devices and programs read it) and the same as
 * data, which devices word in the person's language.
 */
export const explain = {
  checkInOpens: (at: TimeInput, tz: string): Explained => ({
    text: `It opens at ${clubTime(at, tz)}.`,
    explanation: { kind: 'check_in_opens', at: toIso(at) },
  }),
  checkedIn: (at: TimeInput, device: string | null, tz: string): Explained => ({
    text: `Recorded at ${clubTime(at, tz)}${device ? ` on ${device}` : ''}.`,
    explanation: { kind: 'checked_in', at: toIso(at), device },
  }),
  codeMade: (at: TimeInput, tz: string): Explained => ({
    text: `It was made at ${clubTime(at, tz)}; a code lasts about a minute. Ask them to show it again.`,
    explanation: { kind: 'code_made', at: toIso(at) },
  }),
  phonePassRanOut: (at: TimeInput, tz: string): Explained => ({
    text: `This phone’s check-in pass ran out on ${clubDate(at, tz)}; it renews when the member opens Turnout online.`,
    explanation: { kind: 'phone_pass_ran_out', on: clubDate(at, tz) },
  }),
  creditsOwed: (owed: number, usable: number): Explained => {
    const credits = (n: number) => `${n} credit${n === 1 ? '' : 's'}`;
    return {
      text: `${credits(owed)} owed, ${credits(usable)} usable for this session. Grant or extend a pass first.`,
      explanation: { kind: 'credits_owed', owed, usable },
    };
  },
  requestDecided: (status: 'approved' | 'rejected' | 'withdrawn'): Explained => ({
    text: `The request was already ${status}.`,
    explanation: { kind: 'request_decided', status },
  }),
  nameTaken: (name: string): Explained => ({
    text: `A training type called ${name} already exists.`,
    explanation: { kind: 'name_taken', name },
  }),
};
