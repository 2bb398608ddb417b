import type { AttentionGroupFacts, AttentionItem } from '../rules/attention.js';
import type { CreditUse, PlaceRecord } from '../rules/explain.js';
import type { RefusedCheckIn } from '../rules/reinstate.js';
import type { FamilyTie } from '../rules/family.js';
import type { MemberKind } from '../rules/guests.js';
import type {
  Attendance,
  AttentionResolution,
  Intent,
  Pass,
  PassRequest,
  Series,
  Session,
  Signup,
  Template,
  TrainingType,
} from '../rules/types.js';

/**
 * Where the facts a mutation is judged with come from. The server answers
 * from SQLite inside the push transaction (prepared statements and the
 * batch's caches), a device from its in-memory copy (pulled rows plus its own
 * pending changes). Both answer synchronously, and both hand the facts to the
 * same rules through `judgeMutation`, so a device shows the outcome the
 * server will most likely decide (a parity test holds them to it).
 *
 * A device sees only what its user may see: a member's copy has their own
 * sign-ups and attendance and the pulled counts, not other people's records.
 * Its answers are then partial (e.g. nobody is promoted from a waitlist it
 * cannot see); the server's decision replaces them after the next sync.
 */
export interface FactSource {
  session(id: string): Session | null;
  series(id: string): Series | null;
  sessionsOfSeries(seriesId: string): Session[];
  trainingType(id: string | null | undefined): TrainingType | null;
  trainingTypes(): TrainingType[];
  intent(sessionId: string, memberId: string): Intent | null;
  /**
   * Every sign-up of a session (all statuses), in the order they were made
   * (`inSignupOrder`): decisions list what they change in this order, so
   * device and server must agree on it.
   */
  signups(sessionId: string): Signup[];
  /** Every attendance record of a session (voided included), in `inCheckInOrder`. */
  attendance(sessionId: string): Attendance[];
  /** The member's live sign-up for the session, else their latest cancelled one. */
  memberSignup(sessionId: string, memberId: string): Signup | null;
  memberAttendance(sessionId: string, memberId: string): Attendance | null;
  /** Distinct members holding a place (see `occupancy()`). */
  occupancy(sessionId: string): number;
  /** Waitlisted sign-ups of a session. */
  waitlist(sessionId: string): Signup[];
  /** Who holds the places, to explain a `session_full` (asked only when refusing). */
  placeRecords(sessionId: string): PlaceRecord[];
  /** The member's latest credit uses, to explain `insufficient_credits` (asked only when refusing). */
  recentCreditUses(memberId: string): CreditUse[];
  passesOfMembers(memberIds: readonly string[]): Pass[];
  passesByIds(ids: readonly string[]): Pass[];
  passesOfTemplate(templateId: string): Pass[];
  pass(id: string): Pass | null;
  template(id: string): Template | null;
  passRequest(id: string | undefined): PassRequest | null;
  /** Whether the member id is an active (not removed) member of this club. */
  isActiveMember(memberId: string): boolean;
  /**
   * The club's id and its door key: the public half (compressed P-256,
   * base64url) that check-in codes are signed with; null until the club has
   * one, or before this device pulled it.
   */
  door(): { clubId: string; publicKey: string | null };
  /** Whether the club revoked the door pass (a phone's certificate or a card) with this serial. */
  doorPassRevoked(serial: string): boolean;
  /** A member's name as the club lists it (removed members too), to tell staff who won a place. */
  memberName(memberId: string): string | null;
  /** Who an id names in this club: an unclaimed guest, a member with an account, or nobody. */
  memberKind(memberId: string): MemberKind;
  /** The member's tie to their guardian while it lasts (whether or not the guardian is still a member). */
  familyTie(memberId: string): FamilyTie | null;
  /** The members whose tie names this guardian, by id. */
  dependantsOf(guardianId: string): string[];
  /**
   * The needs-attention item a mutation-log entry is (null if none), and its
   * resolution. Only the server keeps the mutation log: a device leaves these
   * out and `attention.resolve` is then left to the server.
   */
  attentionItem?(id: string): AttentionItem | null;
  attentionResolution?(itemId: string): AttentionResolution | null;
  /** The group of a refused needs-attention item (null if it is not one). Server only, like the above. */
  attentionGroup?(itemId: string): AttentionGroupFacts | null;
  /** A refused `checkin.create` of this club by its id (null if it is not one). Server only, like the above. */
  refusedCheckIn?(itemId: string): RefusedCheckIn | null;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A session's sign-ups in the order they were made: `createdAt`, then id.
 * Compared as text, as SQLite's `ORDER BY created_at, id` does (the server's
 * FactsReader reads them so); every stored instant has the same UTC form.
 */
export function inSignupOrder(signups: readonly Signup[]): Signup[] {
  return [...signups].sort((a, b) => byText(a.createdAt, b.createdAt) || byText(a.id, b.id));
}

/** A session's check-ins in the order they were recorded: `checkedInAt`, then id. */
export function inCheckInOrder(attendance: readonly Attendance[]): Attendance[] {
  return [...attendance].sort((a, b) => byText(a.checkedInAt, b.checkedInAt) || byText(a.id, b.id));
}

/**
 * The member's live sign-up for a session, else their latest cancelled one
 * (from a list in any order). Latest: last changed, then last made, then by
 * id — two sign-ups cancelled in the same instant (sign up, sign out, again,
 * in one minute) are still one answer, whatever order the rows came in.
 */
export function memberSignupOf(signups: readonly Signup[], memberId: string): Signup | null {
  const mine = signups.filter((s) => s.memberId === memberId);
  return (
    mine.find((s) => s.status !== 'cancelled') ??
    mine.sort(
      (a, b) =>
        byText(b.updatedAt, a.updatedAt) || byText(b.createdAt, a.createdAt) || byText(b.id, a.id),
    )[0] ??
    null
  );
}

/** Who holds the places of a session, to explain a `session_full`. */
export function placeRecordsOf(
  signups: readonly Signup[],
  attendance: readonly Attendance[],
): PlaceRecord[] {
  return [
    ...signups
      .filter((s) => s.status === 'active')
      .map((s) => ({
        kind: 'signup' as const,
        at: s.createdAt,
        deviceLabel: s.deviceLabel,
        memberId: s.memberId,
      })),
    ...attendance
      .filter((a) => !a.voided)
      .map((a) => ({
        kind: 'checkin' as const,
        at: a.checkedInAt,
        deviceLabel: a.deviceLabel,
        memberId: a.memberId,
      })),
  ];
}
