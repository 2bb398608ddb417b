import type { Flag, StoredResolutionKind } from '../protocol/mutations.js';
import type { Role } from '../roles.js';

/**
 * The plain data the rulebook works on. The server maps its SQLite rows and
 * the web app its Dexie rows to these shapes; the rules never see storage.
 *
 * Conventions: ids are UUID strings; `Instant` is an ISO-8601 string (UTC
 * `Z` form when the rules produce it); `ClubDate` is 'YYYY-MM-DD' in the
 * club's time zone; credits and money are integers.
 */
export type Instant = string;
export type ClubDate = string;
export type { Flag };

/** Who acts: the member-of-a-club id and their role in that club at the judged time. */
export interface Actor {
  memberId: string;
  role: Role;
}

export type SessionStatus = 'scheduled' | 'cancelled';

export interface Session {
  id: string;
  title: string;
  description: string | null;
  trainingTypeId: string | null;
  startsAt: Instant;
  endsAt: Instant;
  location: string | null;
  /** null = unlimited. */
  capacity: number | null;
  /** Credits one place costs (sign-up under `at_signup`, default check-in credits). */
  creditCost: number;
  status: SessionStatus;
  cancelReason: string | null;
  /** The weekly series it was generated from, if any. */
  seriesId: string | null;
}

export interface Series {
  id: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  /** Club-local 'HH:mm'. */
  startTime: string;
  durationMinutes: number;
  fromDate: ClubDate;
  untilDate: ClubDate;
  title: string;
  description: string | null;
  trainingTypeId: string | null;
  location: string | null;
  capacity: number | null;
  creditCost: number;
}

export interface TrainingType {
  id: string;
  name: string;
  archived: boolean;
}

/** "Going": no place, no credits, not attendance. */
export interface Intent {
  sessionId: string;
  memberId: string;
  going: boolean;
  updatedAt: Instant;
}

/** Credits one pass paid for a sign-up or check-in. */
export interface Charge {
  passId: string;
  credits: number;
  /**
   * Set when a time pass paid: the ISO week (its Monday, club-local) the use
   * counts in, so a return takes it back from the week it was counted in
   * even if the session has moved since.
   */
  week?: ClubDate;
}

export type SignupStatus = 'active' | 'waitlisted' | 'cancelled';

export interface Signup {
  id: string;
  sessionId: string;
  memberId: string;
  status: SignupStatus;
  /** Waitlist order (1, 2, …; lower goes first) while waitlisted, otherwise null. */
  position: number | null;
  /** Credits this sign-up currently holds charged (under `at_signup`); [] once returned. */
  charges: Charge[];
  /** Signed out inside `lateCancelMinutes`: the charges stay. */
  lateCancel: boolean;
  createdAt: Instant;
  updatedAt: Instant;
  /** Who recorded it and on which device (for explaining conflicts). */
  byMemberId: string;
  deviceLabel: string | null;
}

/** One attendance record per (session, member). */
export interface Attendance {
  id: string;
  sessionId: string;
  memberId: string;
  /** Credits recorded (participation). */
  credits: number;
  /** What this check-in itself charged, per pass; returned by void/cancel. */
  charges: Charge[];
  /** Credits already paid by the member's sign-up (not charged again). */
  signupCredits: number;
  /** Debt of an `unpaid` check-in: never a negative pass balance. */
  unpaidCredits: number;
  flags: Flag[];
  /** Recorded after the grace period. */
  backfilled: boolean;
  voided: boolean;
  voidReason: string | null;
  voidedAt: Instant | null;
  voidedBy: string | null;
  checkedInAt: Instant;
  updatedAt: Instant;
  byMemberId: string;
  deviceLabel: string | null;
}

/**
 * `credits`: a number of sessions, each use takes from the balance.
 * `time`: unlimited sessions while valid (optionally at most `weeklyCap` per
 * ISO week); a use is logged with delta 0, so the balance stays 0.
 */
export type PassKind = 'credits' | 'time';

/** The terms of a template copied into a pass when granted; later template edits do not touch them. */
export interface PassTerms {
  names: Record<string, string>;
  /** 0 for a time pass. */
  sessions: number;
  /** Absent on passes granted before time passes existed: a session-count pass. */
  kind?: PassKind;
  /** A time pass's most sessions per ISO week (club-local); null/absent = no cap. */
  weeklyCap?: number | null;
  priceMinor: number;
  currency: string;
  validityDays: number;
  /** Empty = all training types. */
  trainingTypeIds: string[];
}

export interface Pass {
  id: string;
  memberId: string;
  templateId: string;
  terms: PassTerms;
  /** Sessions left = the sum of the pass's credit log; never negative. */
  balance: number;
  grantedOn: ClubDate;
  grantedAt: Instant;
  /** Valid through the end of this club-local date. */
  expiresOn: ClubDate;
  active: boolean;
  requestId: string | null;
  /**
   * A time pass's uses per ISO week (key: the week's Monday, club-local),
   * moved by the rules with the `used_*` / `unused_*` log entries that make
   * them; weeks with no use are left out. Absent on session-count passes.
   */
  weekUses?: Record<ClubDate, number>;
}

export interface Template {
  id: string;
  names: Record<string, string>;
  descriptions: Record<string, string>;
  /** 0 for a time template. */
  sessions: number;
  /** Absent = `credits` (templates cached before time passes existed). */
  kind?: PassKind;
  /** Time templates: most sessions per ISO week; null/absent = no cap. */
  weeklyCap?: number | null;
  priceMinor: number;
  currency: string;
  validityDays: number;
  trainingTypeIds: string[];
  /** Deleted templates stay for history and analytics. */
  deletedAt: Instant | null;
}

/** `withdrawn`: the member took it back before anyone decided. */
export type PassRequestStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';

export interface PassRequest {
  id: string;
  memberId: string;
  templateId: string;
  note: string | null;
  status: PassRequestStatus;
  createdAt: Instant;
  decidedAt: Instant | null;
  decidedBy: string | null;
  reason: string | null;
  /** The pass granted when approved. */
  passId: string | null;
}

export const creditLogKinds = [
  'granted',
  'sessions_added',
  'extended',
  'charged_signup',
  'charged_checkin',
  'charged_adjustment',
  'returned_signout',
  'returned_void',
  'returned_cancel',
  'returned_adjustment',
  'deactivated',
  'reactivated',
  'manual_adjustment',
  // A time pass's use and its return: delta 0, the balance does not move.
  'used_signup',
  'used_checkin',
  'used_adjustment',
  'unused_signout',
  'unused_void',
  'unused_cancel',
  'unused_adjustment',
] as const;
export type CreditLogKind = (typeof creditLogKinds)[number];

/** A credit-log entry as the rules produce it; the store adds its id. */
export interface NewCreditLogEntry {
  passId: string;
  memberId: string;
  delta: number;
  kind: CreditLogKind;
  /** The pass balance after this entry; never below zero. */
  balanceAfter: number;
  /** Set by `extended`. */
  expiresOnAfter: ClubDate | null;
  sessionId: string | null;
  signupId: string | null;
  attendanceId: string | null;
  reason: string | null;
  /** Who made the change. */
  byMemberId: string;
  at: Instant;
}

export interface CreditLogEntry extends NewCreditLogEntry {
  id: string;
}

/** How an organizer closed a needs-attention item; kept for good, never deleted. */
export interface AttentionResolution {
  /** The item's id: the id of the mutation it is about. */
  itemId: string;
  resolution: StoredResolutionKind;
  note: string | null;
  /** The member id of the organizer who resolved it. */
  resolvedBy: string;
  resolvedAt: Instant;
}

/** What groups refused needs-attention items: one device, one mutation, one refusal code. */
export interface AttentionGroupKey {
  /** The device (mutation-log `client_id`). */
  clientId: string;
  /** The mutation name, e.g. `checkin.create`. */
  mutation: string;
  code: string;
}

/**
 * An organizer closed a group of refusals at once: every refusal of the key
 * that reached the server up to `upTo` (inclusive) is dismissed. One row,
 * however many refusals it covers; kept for good, never deleted.
 */
export interface AttentionGroupDismissal extends AttentionGroupKey {
  /** The id of the `attention.dismissGroup` mutation that made it. */
  id: string;
  /** When the latest refusal it covers reached the server. */
  upTo: Instant;
  /** That refusal's id (what the organizer saw as the group's latest). */
  lastItemId: string;
  /** How many refusals it closed, and when the first of them arrived. */
  itemCount: number;
  firstReceivedAt: Instant;
  /** How many refusals of the group were logged up to `upTo`, in all (this dismissal's and earlier ones'). */
  covered: number;
  note: string | null;
  /** The member id of the organizer who dismissed it. */
  dismissedBy: string;
  dismissedAt: Instant;
}
