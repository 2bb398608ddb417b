import type { DependantKind, FamilyLink, FamilyTie } from '@turnout/shared';
import { inList, type Query, type Statements } from '../db/statements.js';
import { newId } from '../ids.js';

/**
 * Dependants as the sync writer and the judge's facts see them
 * (docs/decisions.md "Dependants"). A new child is a placeholder account
 * that cannot log in (no password; an address under the reserved
 * `.invalid` domain no mail reaches), their membership and the tie; ending
 * a tie keeps the row (for the audit) and, for a child, ends the membership.
 */
export function familyLinkWrites(clubId: string, links: readonly FamilyLink[]): Query[] {
  return links.flatMap((l): Query[] => {
    if (l.removedAt !== null) {
      const ended: Query = {
        sql: `UPDATE dependants SET removed_at = ?, removed_by = ?
          WHERE member_id = ? AND club_id = ? AND removed_at IS NULL`,
        params: [l.removedAt, l.byMemberId, l.memberId, clubId],
      };
      if (l.kind !== 'child') return [ended];
      return [
        ended,
        {
          sql: `UPDATE memberships SET removed_at = ?
            WHERE id = ? AND club_id = ? AND removed_at IS NULL`,
          params: [l.removedAt, l.memberId, clubId],
        },
      ];
    }
    const tie: Query = {
      sql: `INSERT INTO dependants (member_id, club_id, guardian_id, kind, birth_year, added_at,
        added_by, removed_at, removed_by) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL)`,
      params: [l.memberId, clubId, l.guardianId, l.kind, l.birthYear, l.at, l.byMemberId],
    };
    if (l.kind !== 'child' || l.name === null) return [tie];
    const userId = newId();
    return [
      {
        sql: `INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)`,
        params: [userId, childEmail(l.memberId), l.name, NO_PASSWORD, l.at],
      },
      {
        sql: `INSERT INTO memberships (id, club_id, user_id, role, created_at, removed_at)
          VALUES (?, ?, ?, 'member', ?, NULL)`,
        params: [l.memberId, clubId, userId, l.at],
      },
      tie,
    ];
  });
}

/** Never a valid `scrypt$…` hash: a child's placeholder account cannot log in. */
const NO_PASSWORD = 'dependant:no-login';

/** A child's placeholder address: unique per child, never deliverable (RFC 2606). */
export function childEmail(memberId: string): string {
  return `dependant-${memberId}@dependants.invalid`;
}

/** The member's tie while it lasts, in this club. */
export function familyTieOf(st: Statements, clubId: string, memberId: string): FamilyTie | null {
  const row = st.one<{ guardian_id: string; kind: DependantKind }>(
    `SELECT guardian_id, kind FROM dependants
     WHERE member_id = ? AND club_id = ? AND removed_at IS NULL`,
    [memberId, clubId],
  );
  return row ? { guardianId: row.guardian_id, kind: row.kind } : null;
}

/** The ties of these members (null: none), one query per 500: read ahead for a push batch. */
export function familyTiesOf(
  st: Statements,
  clubId: string,
  memberIds: readonly string[],
): Map<string, FamilyTie | null> {
  const ties = new Map<string, FamilyTie | null>(memberIds.map((id) => [id, null]));
  for (let i = 0; i < memberIds.length; i += 500) {
    const { list, values } = inList(memberIds.slice(i, i + 500));
    const rows = st.all<{ member_id: string; guardian_id: string; kind: DependantKind }>(
      `SELECT member_id, guardian_id, kind FROM dependants
       WHERE club_id = ? AND removed_at IS NULL AND member_id IN ${list}`,
      [clubId, ...values],
    );
    for (const row of rows)
      ties.set(row.member_id, { guardianId: row.guardian_id, kind: row.kind });
  }
  return ties;
}

/** The guardian's dependants now, by id. */
export function dependantsOfGuardian(st: Statements, clubId: string, guardianId: string): string[] {
  return familyOfGuardian(st, clubId, guardianId).map((d) => d.memberId);
}

/** The guardian's dependants now, by id, with the kind of each tie (a child, or a linked teen). */
export function familyOfGuardian(
  st: Statements,
  clubId: string,
  guardianId: string,
): { memberId: string; kind: DependantKind }[] {
  return st
    .all<{ member_id: string; kind: DependantKind }>(
      `SELECT member_id, kind FROM dependants
       WHERE guardian_id = ? AND club_id = ? AND removed_at IS NULL ORDER BY member_id`,
      [guardianId, clubId],
    )
    .map((r) => ({ memberId: r.member_id, kind: r.kind }));
}
