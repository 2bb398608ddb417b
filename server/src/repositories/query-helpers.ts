import {
  sql,
  type ExpressionBuilder,
  type Nullable,
  type SelectQueryBuilder,
  type StringReference,
} from 'kysely';
import type { Db } from '../db/connection.js';
import type { Database } from '../db/database.js';

/**
 * The small pieces the reports' and exports' queries share, so a range or a
 * member's name is read one way everywhere. Time ranges are half-open
 * instants [from, to) computed by the caller from club dates; instants are
 * stored as ISO-8601 UTC strings, so they compare as text.
 */

export interface InstantRange {
  /** Inclusive lower bound, or none. */
  from: string | undefined;
  /** Exclusive upper bound, or none. */
  to: string | undefined;
}

/** The instant columns reports filter by. */
type RangeColumn = 'sessions.starts_at' | 'credit_log.at';

/**
 * A filter for `.where(…)`: `column` in [from, to), either end open. The one
 * way reports and exports take a range, instead of two `if`s per query.
 */
export function within(column: RangeColumn, range: InstantRange) {
  return <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) => {
    const ref = sql.ref(column);
    return eb.and([
      ...(range.from ? [eb(ref, '>=', range.from)] : []),
      ...(range.to ? [eb(ref, '<', range.to)] : []),
    ]);
  };
}

/**
 * The club's members with their accounts: `users.name` is a member's display
 * name. Removed members too (history keeps them); filter where that matters.
 */
export function membersOfClub(db: Db, clubId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .where('memberships.club_id', '=', clubId);
}

/** The membership and account tables a member is joined through, under `<as>` and `<as>_user`. */
type MemberTables<A extends string, Membership, User> = Record<A, Membership> &
  Record<`${A}_user`, User>;

/**
 * Joins the member a column points at and their account, as `<as>` and
 * `<as>_user`: `<as>_user.name` is the member's display name (removed
 * members too: history keeps them). For `.$call(…)`; `joinMemberOrNone` for
 * a column that may be empty.
 */
export function joinMember<DB, TB extends keyof DB, O, A extends string>(
  query: SelectQueryBuilder<DB, TB, O>,
  memberId: StringReference<DB, TB>,
  as: A,
) {
  return joinMemberWith(query, memberId, as, 'inner') as SelectQueryBuilder<
    DB & MemberTables<A, Database['memberships'], Database['users']>,
    TB | A | `${A}_user`,
    O
  >;
}

/** `joinMember` for a column that may be empty: the member's columns are then null. */
export function joinMemberOrNone<DB, TB extends keyof DB, O, A extends string>(
  query: SelectQueryBuilder<DB, TB, O>,
  memberId: StringReference<DB, TB>,
  as: A,
) {
  return joinMemberWith(query, memberId, as, 'left') as SelectQueryBuilder<
    DB & MemberTables<A, Nullable<Database['memberships']>, Nullable<Database['users']>>,
    TB | A | `${A}_user`,
    O
  >;
}

function joinMemberWith<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  memberId: StringReference<DB, TB>,
  as: string,
  kind: 'inner' | 'left',
): unknown {
  // Kysely cannot type a join under an alias chosen by the caller; the two
  // wrappers above spell the result instead.
  const loose = query as unknown as SelectQueryBuilder<
    Record<string, Record<string, unknown>>,
    string,
    O
  >;
  const join = kind === 'inner' ? loose.innerJoin.bind(loose) : loose.leftJoin.bind(loose);
  const joined = join(`memberships as ${as}`, `${as}.id`, memberId as string);
  return kind === 'inner'
    ? joined.innerJoin(`users as ${as}_user`, `${as}_user.id`, `${as}.user_id`)
    : joined.leftJoin(`users as ${as}_user`, `${as}_user.id`, `${as}.user_id`);
}

/** What an attendance record says, as reports and exports name it. */
export const attendanceRecordColumns = [
  'attendance.credits as credits',
  'attendance.unpaid_credits as unpaidCredits',
  'attendance.flags as flags',
  'attendance.backfilled as backfilled',
  'attendance.voided as voided',
  'attendance.void_reason as voidReason',
  'attendance.checked_in_at as checkedInAt',
] as const;
