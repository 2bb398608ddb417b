import type { Db } from '../db/connection.js';
import { placeholderEmail } from './guests.rows.js';
import { joinMember, joinMemberOrNone, within, type InstantRange } from './query-helpers.js';

/**
 * Walk-ins online (docs/decisions.md "Walk-ins are guests"): the guest visits
 * report and claiming a guest. Writing a walk-in is the sync writer's
 * (guests.rows.ts).
 */

/** A guest of the club (claimed or not), with the name they were recorded under. */
export function getGuest(db: Db, clubId: string, memberId: string) {
  return db
    .selectFrom('guests')
    .$call((q) => joinMember(q, 'guests.member_id', 'guest'))
    .select([
      'guests.member_id as memberId',
      'guest_user.name as name',
      'guests.contact as contact',
      'guests.claimed_at as claimedAt',
      'guest.user_id as userId',
      'guest.removed_at as removedAt',
    ])
    .where('guests.club_id', '=', clubId)
    .where('guests.member_id', '=', memberId)
    .executeTakeFirst();
}

/**
 * Moves an unclaimed guest's membership to the claiming account and deletes
 * the placeholder account it pointed at. False when the guest was claimed
 * in the meantime (nothing changed).
 */
export async function claimGuest(
  db: Db,
  guest: { clubId: string; memberId: string; placeholderUserId: string },
  claimer: { userId: string; at: string },
): Promise<boolean> {
  const claimed = await db
    .updateTable('guests')
    .set({ claimed_at: claimer.at, claimed_by: claimer.userId })
    .where('member_id', '=', guest.memberId)
    .where('club_id', '=', guest.clubId)
    .where('claimed_at', 'is', null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return false;
  await db
    .updateTable('memberships')
    .set({ user_id: claimer.userId })
    .where('id', '=', guest.memberId)
    .where('club_id', '=', guest.clubId)
    .execute();
  // Only ever the guest's own placeholder: its address names this member id.
  await db
    .deleteFrom('users')
    .where('id', '=', guest.placeholderUserId)
    .where('email', '=', placeholderEmail(guest.memberId))
    .execute();
  return true;
}

/** Guest visits of sessions starting in the range, newest first. */
export function listGuestVisits(
  db: Db,
  clubId: string,
  range: InstantRange,
  p: { limit: number; offset: number },
) {
  return guestVisitsIn(db, clubId, range)
    .$call((q) => joinMember(q, 'guest_visits.member_id', 'guest'))
    .$call((q) => joinMemberOrNone(q, 'guest_visits.recorded_by', 'recorder'))
    .innerJoin('guests', 'guests.member_id', 'guest_visits.member_id')
    .select([
      'guest_visits.attendance_id as attendanceId',
      'guest_visits.member_id as memberId',
      'guest_user.name as name',
      'guests.contact as contact',
      'guests.claimed_at as claimedAt',
      'sessions.id as sessionId',
      'sessions.title as sessionTitle',
      'sessions.starts_at as startsAt',
      'guest_visits.kind as kind',
      'guest_visits.payment as payment',
      'guest_visits.amount as amount',
      'attendance.voided as voided',
      'attendance.checked_in_at as checkedInAt',
      'recorder_user.name as recordedBy',
    ])
    .orderBy('sessions.starts_at', 'desc')
    .orderBy('guest_visits.attendance_id')
    .limit(p.limit)
    .offset(p.offset)
    .execute();
}

/** Counts of the range's guest visits (voided ones apart) by kind and by payment. */
export function guestVisitCounts(db: Db, clubId: string, range: InstantRange) {
  return guestVisitsIn(db, clubId, range)
    .select([
      'guest_visits.kind as kind',
      'guest_visits.payment as payment',
      'attendance.voided as voided',
    ])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy(['guest_visits.kind', 'guest_visits.payment', 'attendance.voided'])
    .execute();
}

function guestVisitsIn(db: Db, clubId: string, range: InstantRange) {
  return db
    .selectFrom('guest_visits')
    .innerJoin('attendance', 'attendance.id', 'guest_visits.attendance_id')
    .innerJoin('sessions', 'sessions.id', 'guest_visits.session_id')
    .where('guest_visits.club_id', '=', clubId)
    .where(within('sessions.starts_at', range));
}
