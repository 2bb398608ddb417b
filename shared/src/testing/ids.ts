/**
 * Ids for tests: a club, four people by role and a fresh id per call. All
 * are valid UUIDs that read well in a failing assertion.
 */

/** The club's time zone in every factory (DST starts 30 March 2025, 29 March 2026). */
export const TZ = 'Europe/Berlin';

export const CLUB = '20000000-0000-4000-8000-000000000000';

/** The n-th person of the club: 1 MEMBER, 2 OTHER, 3 HOST, 4 OWNER, then anyone. */
export function memberIdOf(n: number): string {
  return `10000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export const MEMBER = memberIdOf(1);
export const OTHER = memberIdOf(2);
export const HOST = memberIdOf(3);
export const OWNER = memberIdOf(4);

let counter = 0;

/**
 * A fresh, valid, readable UUID: the same sequence on every run of a test
 * file, so ids (and orders by id) are the same on every run.
 */
export function uuid(): string {
  counter += 1;
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}
