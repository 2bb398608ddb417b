import type { AttentionGroupFacts, AttentionItem } from '../rules/attention.js';
import type { CreditUse, PlaceRecord } from '../rules/explain.js';
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

/** A value now or later: the server reads SQLite, a device its in-memory copy. */
export type Awaitable<T> = T | Promise<T>;

/**
 * Where the facts a mutation is judged with come from. The server answers
 * from SQLite inside the push transaction, a device from its local copy
 * (pulled rows plus its own pending changes). Both then hand the facts to the
 * same rules through `judgeMutation`, so a device shows the outcome the
 * server will most likely decide.
 *
 * A device sees only what its user may see: a member's copy has their own
 * sign-ups and attendance and the pulled counts, not other people's records.
 * Its answers are then partial (e.g. nobody is promoted from a waitlist it
 * cannot see); the server's decision replaces them after the next sync.
 */
export interface FactSource {
  session(id: string): Awaitable<Session | null>;
  series(id: string): Awaitable<Series | null>;
  sessionsOfSeries(seriesId: string): Awaitable<Session[]>;
  trainingType(id: string | null | undefined): Awaitable<TrainingType | null>;
  trainingTypes(): Awaitable<TrainingType[]>;
  intent(sessionId: string, memberId: string): Awaitable<Intent | null>;
  /** Every sign-up of a session (all statuses). */
  signups(sessionId: string): Awaitable<Signup[]>;
  /** Every attendance record of a session (voided included). */
  attendance(sessionId: string): Awaitable<Attendance[]>;
  /** The member's live sign-up for the session, else their latest cancelled one. */
  memberSignup(sessionId: string, memberId: string): Awaitable<Signup | null>;
  memberAttendance(sessionId: string, memberId: string): Awaitable<Attendance | null>;
  /** Distinct members holding a place (see `occupancy()`). */
  occupancy(sessionId: string): Awaitable<number>;
  /** Waitlisted sign-ups of a session. */
  waitlist(sessionId: string): Awaitable<Signup[]>;
  /** Who holds the places, to explain a `session_full` (asked only when refusing). */
  placeRecords(sessionId: string): Awaitable<PlaceRecord[]>;
  /** The member's latest credit uses, to explain `insufficient_credits` (asked only when refusing). */
  recentCreditUses(memberId: string): Awaitable<CreditUse[]>;
  passesOfMembers(memberIds: readonly string[]): Awaitable<Pass[]>;
  passesByIds(ids: readonly string[]): Awaitable<Pass[]>;
  passesOfTemplate(templateId: string): Awaitable<Pass[]>;
  pass(id: string): Awaitable<Pass | null>;
  template(id: string): Awaitable<Template | null>;
  passRequest(id: string | undefined): Awaitable<PassRequest | null>;
  /** Whether the member id is an active (not removed) member of this club. */
  isActiveMember(memberId: string): Awaitable<boolean>;
  /**
   * The needs-attention item a mutation-log entry is (null if none), and its
   * resolution. Only the server keeps the mutation log: a device leaves these
   * out and `attention.resolve` is then left to the server.
   */
  attentionItem?(id: string): Awaitable<AttentionItem | null>;
  attentionResolution?(itemId: string): Awaitable<AttentionResolution | null>;
  /** The group of a refused needs-attention item (null if it is not one). Server only, like the above. */
  attentionGroup?(itemId: string): Awaitable<AttentionGroupFacts | null>;
}

/** The member's live sign-up for a session, else their latest cancelled one (from a list). */
export function memberSignupOf(signups: readonly Signup[], memberId: string): Signup | null {
  const mine = signups.filter((s) => s.memberId === memberId);
  return (
    mine.find((s) => s.status !== 'cancelled') ??
    mine.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0] ??
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
      .map((s) => ({ kind: 'signup' as const, at: s.createdAt, deviceLabel: s.deviceLabel })),
    ...attendance
      .filter((a) => !a.voided)
      .map((a) => ({ kind: 'checkin' as const, at: a.checkedInAt, deviceLabel: a.deviceLabel })),
  ];
}
