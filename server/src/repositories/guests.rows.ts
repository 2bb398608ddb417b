import type { Guest, GuestVisit } from '@turnout/shared';
import type { Query } from '../db/statements.js';
import { newId } from '../ids.js';

/**
 * The writes of a walk-in (docs/decisions.md "Walk-ins are guests"): a
 * placeholder account that cannot log in (no password; an address under
 * the reserved `.invalid` domain that no mail reaches), the membership that
 * holds the guest's attendance, and what the host noted. Plain inserts: a
 * guest is recorded once, and an id that exists is refused before this
 * (RowOwnership, the rules).
 */
export function guestWrites(clubId: string, guests: readonly Guest[], version: number): Query[] {
  return guests.flatMap((g) => {
    const userId = newId();
    return [
      {
        sql: `INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)`,
        params: [userId, placeholderEmail(g.memberId), g.name, NO_PASSWORD, g.addedAt],
      },
      {
        sql: `INSERT INTO memberships (id, club_id, user_id, role, created_at, removed_at)
          VALUES (?, ?, ?, 'member', ?, NULL)`,
        params: [g.memberId, clubId, userId, g.addedAt],
      },
      {
        sql: `INSERT INTO guests (member_id, club_id, contact, added_by, added_at, claimed_at,
          claimed_by, version) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?)`,
        params: [g.memberId, clubId, g.contact, g.addedBy, g.addedAt, version],
      },
    ];
  });
}

/** One payment note per attendance record; a voided visit checked in again is noted anew. */
export function guestVisitWrites(
  clubId: string,
  visits: readonly GuestVisit[],
  version: number,
): Query[] {
  return visits.map((v) => ({
    sql: `INSERT INTO guest_visits (attendance_id, club_id, member_id, session_id, kind, payment,
      amount, recorded_by, recorded_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (attendance_id) DO UPDATE SET club_id = excluded.club_id, kind = excluded.kind,
        payment = excluded.payment, amount = excluded.amount, recorded_by = excluded.recorded_by,
        recorded_at = excluded.recorded_at, version = excluded.version`,
    params: [
      v.attendanceId,
      clubId,
      v.memberId,
      v.sessionId,
      v.kind,
      v.payment,
      v.amount,
      v.recordedBy,
      v.recordedAt,
      version,
    ],
  }));
}

/** Never a valid `scrypt$…` hash: a placeholder account cannot log in. */
const NO_PASSWORD = 'guest:no-login';

/** The placeholder account's address: unique per guest, never deliverable (RFC 2606). */
export function placeholderEmail(memberId: string): string {
  return `guest-${memberId}@guests.invalid`;
}
