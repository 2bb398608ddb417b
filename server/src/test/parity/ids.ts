import { toIso } from '@turnout/shared';
import { NOW } from '@turnout/shared/testing';

/** Ids by kind: readable in a failing assertion, never colliding across kinds. */
export function idOf(kind: number, n: number): string {
  return `${kind.toString(16)}0000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}
export const SESSION_ID = 3;
export const TEMPLATE_ID = 4;
export const PASS_ID = 5;
export const SIGNUP_ID = 6;
export const ATTENDANCE_ID = 7;
export const REQUEST_ID = 8;
export const TRAINING_TYPE_ID = 9;
export const MUTATION_ID = 10;
/** Rows a mutation creates (a granted pass, a request). */
export const NEW_ID = 11;
/** Walk-ins the club recorded before the batch. */
export const GUEST_ID = 12;
/** An id no row of the club has. */
export const UNKNOWN_ID = idOf(15, 15);

export const MINUTE = 60_000;

/** An instant this many minutes from NOW. */
export const fromNow = (minutes: number) => toIso(Date.parse(NOW) + minutes * MINUTE);

/** The n-th of a list, round and round: a small number picks any row of a generated club. */
export function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length]!;
}
