import {
  memberSignupOf,
  placeRecordsOf,
  type Attendance,
  type AttentionGroupFacts,
  type AttentionItem,
  type AttentionResolution,
  type CreditUse,
  type FamilyTie,
  type Intent,
  type MemberKind,
  type Pass,
  type PassRequest,
  type PlaceRecord,
  type RefusedCheckIn,
  type Series,
  type Session,
  type Signup,
  type Template,
  type TrainingType,
} from '@turnout/shared';
import type { Selectable } from 'kysely';
import { inList, type Statements } from '../db/statements.js';
import type {
  AttendanceTable,
  IntentsTable,
  PassesTable,
  PassRequestsTable,
  PassTemplatesTable,
  SeriesTable,
  SessionsTable,
  SignupsTable,
  TrainingTypesTable,
} from '../db/tables/domain.tables.js';
import {
  attendanceFromRow,
  passFromRow,
  passRequestFromRow,
  seriesFromRow,
  sessionFromRow,
  signupFromRow,
  templateFromRow,
  trainingTypeFromRow,
} from './domain.rows.js';
import {
  getAttentionGroup,
  getAttentionItem,
  getAttentionResolution,
} from './attention.repository.js';
import type { StoredPasses } from './domain.repository.js';
import { doorPublicKey, isDoorPassRevoked } from './door.repository.js';
import { dependantsOfGuardian, familyTieOf, familyTiesOf } from './family.rows.js';
import { getRefusedCheckIn } from './reinstate.repository.js';

/**
 * The facts the rules are judged with, read inside the push transaction so
 * they are exactly what the decision will be written against. Every lookup is
 * scoped to one club: an id from another club is simply not found.
 *
 * Synchronous, on cached prepared statements: a push judges hundreds of
 * mutations per batch, and building, compiling and awaiting each query cost
 * more than SQLite running it. Only call it while holding the connection
 * (inside the push transaction).
 */
export class FactsReader {
  constructor(
    private readonly st: Statements,
    readonly clubId: string,
    /** Told of every pass row read, so unchanged passes need not be rewritten. */
    private readonly stored?: StoredPasses,
  ) {}

  session(id: string): Session | null {
    const row = this.st.one<Selectable<SessionsTable>>(
      'SELECT * FROM sessions WHERE club_id = ? AND id = ?',
      [this.clubId, id],
    );
    return row ? sessionFromRow(row) : null;
  }

  sessionsOfSeries(seriesId: string): Session[] {
    return this.st
      .all<Selectable<SessionsTable>>(
        'SELECT * FROM sessions WHERE club_id = ? AND series_id = ?',
        [this.clubId, seriesId],
      )
      .map(sessionFromRow);
  }

  series(id: string): Series | null {
    const row = this.st.one<Selectable<SeriesTable>>(
      'SELECT * FROM series WHERE club_id = ? AND id = ?',
      [this.clubId, id],
    );
    return row ? seriesFromRow(row) : null;
  }

  trainingTypes(): TrainingType[] {
    return this.st
      .all<Selectable<TrainingTypesTable>>('SELECT * FROM training_types WHERE club_id = ?', [
        this.clubId,
      ])
      .map(trainingTypeFromRow);
  }

  trainingType(id: string | null | undefined): TrainingType | null {
    if (!id) return null;
    const row = this.st.one<Selectable<TrainingTypesTable>>(
      'SELECT * FROM training_types WHERE club_id = ? AND id = ?',
      [this.clubId, id],
    );
    return row ? trainingTypeFromRow(row) : null;
  }

  intent(sessionId: string, memberId: string): Intent | null {
    const row = this.st.one<Selectable<IntentsTable>>(
      'SELECT * FROM intents WHERE session_id = ? AND member_id = ?',
      [sessionId, memberId],
    );
    return row ? { sessionId, memberId, going: row.going === 1, updatedAt: row.updated_at } : null;
  }

  /** In `inSignupOrder` (shared), as the device's replica gives them: decisions list them so. */
  signups(sessionId: string): Signup[] {
    return this.st
      .all<Selectable<SignupsTable>>(
        'SELECT * FROM signups WHERE session_id = ? ORDER BY created_at, id',
        [sessionId],
      )
      .map(signupFromRow);
  }

  /** In `inCheckInOrder` (shared), as the device's replica gives them. */
  attendance(sessionId: string): Attendance[] {
    return this.st
      .all<Selectable<AttendanceTable>>(
        'SELECT * FROM attendance WHERE session_id = ? ORDER BY checked_in_at, id',
        [sessionId],
      )
      .map(attendanceFromRow);
  }

  /** The member's live sign-up for the session, else their latest cancelled one. */
  memberSignup(sessionId: string, memberId: string): Signup | null {
    // A member has a handful of sign-up rows per session at most: pick in code
    // rather than have SQLite build a sorter for each lookup.
    const rows = this.st.all<Selectable<SignupsTable>>(
      'SELECT * FROM signups WHERE member_id = ? AND session_id = ?',
      [memberId, sessionId],
    );
    return memberSignupOf(rows.map(signupFromRow), memberId);
  }

  /** Every sign-up row of these members in a session (at most 500 members per call). */
  signupsOfMembers(sessionId: string, memberIds: readonly string[]): Signup[] {
    const { list, values } = inList(memberIds);
    return this.st
      .all<Selectable<SignupsTable>>(
        `SELECT * FROM signups WHERE session_id = ? AND member_id IN ${list}`,
        [sessionId, ...values],
      )
      .map(signupFromRow);
  }

  /** The attendance records of these members in a session (at most 500 members per call). */
  attendanceOfMembers(sessionId: string, memberIds: readonly string[]): Attendance[] {
    const { list, values } = inList(memberIds);
    return this.st
      .all<Selectable<AttendanceTable>>(
        `SELECT * FROM attendance WHERE session_id = ? AND member_id IN ${list}`,
        [sessionId, ...values],
      )
      .map(attendanceFromRow);
  }

  memberAttendance(sessionId: string, memberId: string): Attendance | null {
    const row = this.st.one<Selectable<AttendanceTable>>(
      'SELECT * FROM attendance WHERE session_id = ? AND member_id = ?',
      [sessionId, memberId],
    );
    return row ? attendanceFromRow(row) : null;
  }

  waitlist(sessionId: string): Signup[] {
    return this.st
      .all<Selectable<SignupsTable>>(
        "SELECT * FROM signups WHERE session_id = ? AND status = 'waitlisted'",
        [sessionId],
      )
      .map(signupFromRow);
  }

  /**
   * Occupancy as the database keeps it (`session_counts`, migration 0019:
   * moved by triggers as sign-ups and check-ins change, this transaction's
   * own writes included; a property test holds it equal to the rulebook's
   * `occupancy`). One row, however full the session.
   */
  occupancy(sessionId: string): number {
    return (
      this.st.one<{ occupancy: number }>(
        'SELECT occupancy FROM session_counts WHERE session_id = ?',
        [sessionId],
      )?.occupancy ?? 0
    );
  }

  /** Who holds places in a session, to explain a `session_full` (read only when refusing). */
  placeRecords(sessionId: string): PlaceRecord[] {
    return placeRecordsOf(this.signups(sessionId), this.attendance(sessionId));
  }

  passesOfMembers(memberIds: readonly string[]): Pass[] {
    if (memberIds.length === 0) return [];
    // By member only, so the member index is used (a club filter in SQL made
    // SQLite scan the club's passes); member ids never cross clubs anyway.
    const { list, values } = inList(memberIds);
    return this.#passes(
      this.st.all<Selectable<PassesTable>>(
        `SELECT * FROM passes WHERE member_id IN ${list}`,
        values,
      ),
    );
  }

  passesByIds(ids: readonly string[]): Pass[] {
    if (ids.length === 0) return [];
    const { list, values } = inList(ids);
    return this.#passes(
      this.st.all<Selectable<PassesTable>>(`SELECT * FROM passes WHERE id IN ${list}`, values),
    );
  }

  pass(id: string): Pass | null {
    return this.passesByIds([id])[0] ?? null;
  }

  passesOfTemplate(templateId: string): Pass[] {
    return this.#passes(
      this.st.all<Selectable<PassesTable>>(
        'SELECT * FROM passes WHERE club_id = ? AND template_id = ?',
        [this.clubId, templateId],
      ),
    );
  }

  #passes(rows: Selectable<PassesTable>[]): Pass[] {
    const passes: Pass[] = [];
    for (const row of rows) {
      if (row.club_id !== this.clubId) continue;
      this.stored?.remember(row);
      passes.push(passFromRow(row));
    }
    return passes;
  }

  /** Which of these ids are active members of this club (one query per 500). */
  activeMembers(memberIds: readonly string[]): Set<string> {
    const active = new Set<string>();
    for (let i = 0; i < memberIds.length; i += 500) {
      const { list, values } = inList(memberIds.slice(i, i + 500));
      const rows = this.st.all<{ id: string }>(
        // `club_id || ''` (no index on an expression): look the ids up by primary key,
        // not by scanning the club's members. Both stores read it.
        `SELECT id FROM memberships WHERE club_id || '' = ? AND removed_at IS NULL AND id IN ${list}`,
        [this.clubId, ...values],
      );
      for (const row of rows) active.add(row.id);
    }
    return active;
  }

  template(id: string): Template | null {
    const row = this.st.one<Selectable<PassTemplatesTable>>(
      'SELECT * FROM pass_templates WHERE club_id = ? AND id = ?',
      [this.clubId, id],
    );
    return row ? templateFromRow(row) : null;
  }

  passRequest(id: string | undefined): PassRequest | null {
    if (!id) return null;
    const row = this.st.one<Selectable<PassRequestsTable>>(
      'SELECT * FROM pass_requests WHERE club_id = ? AND id = ?',
      [this.clubId, id],
    );
    return row ? passRequestFromRow(row) : null;
  }

  /** The member's tie to their guardian while it lasts (docs/decisions.md "Dependants"). */
  familyTie(memberId: string): FamilyTie | null {
    return familyTieOf(this.st, this.clubId, memberId);
  }

  /** The ties of many members at once (null: none). */
  familyTies(memberIds: readonly string[]): Map<string, FamilyTie | null> {
    return familyTiesOf(this.st, this.clubId, memberIds);
  }

  /** The members whose tie names this guardian. */
  dependantsOf(guardianId: string): string[] {
    return dependantsOfGuardian(this.st, this.clubId, guardianId);
  }

  /** A member's name (removed members too), as the pull lists it to hosts. */
  memberName(memberId: string): string | null {
    const row = this.st.one<{ name: string }>(
      `SELECT u.name AS name FROM memberships m INNER JOIN users u ON u.id = m.user_id
       WHERE m.club_id = ? AND m.id = ?`,
      [this.clubId, memberId],
    );
    return row?.name ?? null;
  }

  /** Whether the member id is an active member of this club. */
  isActiveMember(memberId: string): boolean {
    const row = this.st.one(
      'SELECT id FROM memberships WHERE club_id = ? AND id = ? AND removed_at IS NULL',
      [this.clubId, memberId],
    );
    return row !== undefined;
  }

  /** The club's id and door key (public half), for checking door codes. */
  door(): { clubId: string; publicKey: string | null } {
    return { clubId: this.clubId, publicKey: doorPublicKey(this.st, this.clubId) };
  }

  doorPassRevoked(serial: string): boolean {
    return isDoorPassRevoked(this.st, this.clubId, serial);
  }

  /** Who an id names in this club: an unclaimed guest, a member with an account, or nobody. */
  memberKind(memberId: string): MemberKind {
    const row = this.st.one<{ guest: number }>(
      `SELECT EXISTS (SELECT 1 FROM guests g WHERE g.member_id = m.id AND g.claimed_at IS NULL)
         AS guest FROM memberships m WHERE m.club_id = ? AND m.id = ?`,
      [this.clubId, memberId],
    );
    if (!row) return null;
    return row.guest ? 'guest' : 'member';
  }

  /** The needs-attention item a mutation-log entry is, if it is one of this club's. */
  attentionItem(itemId: string): AttentionItem | null {
    return getAttentionItem(this.st, this.clubId, itemId);
  }

  attentionResolution(itemId: string): AttentionResolution | null {
    return getAttentionResolution(this.st, itemId);
  }

  /** The group of a refused needs-attention item of this club, for `attention.dismissGroup`. */
  attentionGroup(itemId: string): AttentionGroupFacts | null {
    return getAttentionGroup(this.st, this.clubId, itemId);
  }

  /** A refused check-in of this club, for `checkin.reinstate`. */
  refusedCheckIn(itemId: string): RefusedCheckIn | null {
    return getRefusedCheckIn(this.st, this.clubId, itemId);
  }

  /**
   * The member's latest credit uses, to explain an `insufficient_credits`:
   * latest by when they happened, then by id, as the device's replica picks
   * them (not by version: a change synced late is not a later use).
   */
  recentCreditUses(memberId: string): CreditUse[] {
    const rows = this.st.all<{
      kind: string;
      at: string;
      title: string | null;
      checkinDevice: string | null;
      signupDevice: string | null;
    }>(
      `SELECT credit_log.kind, credit_log.at, sessions.title,
              attendance.device_label AS "checkinDevice", signups.device_label AS "signupDevice"
       FROM credit_log
       LEFT JOIN sessions ON sessions.id = credit_log.session_id
       LEFT JOIN attendance ON attendance.id = credit_log.attendance_id
       LEFT JOIN signups ON signups.id = credit_log.signup_id
       WHERE credit_log.club_id = ? AND credit_log.member_id = ?
         AND credit_log.kind IN ('charged_signup', 'charged_checkin')
       ORDER BY credit_log.at DESC, credit_log.id DESC
       LIMIT 3`,
      [this.clubId, memberId],
    );
    return rows.map((r) => ({
      kind: r.kind === 'charged_signup' ? ('signup' as const) : ('checkin' as const),
      sessionTitle: r.title ?? 'a session',
      at: r.at,
      deviceLabel: (r.kind === 'charged_signup' ? r.signupDevice : r.checkinDevice) ?? null,
    }));
  }
}
