import { z } from 'zod';
import { toIso } from '../time/index.js';
import { isStaff } from './access.js';
import { type MemberSessionFacts, refuseFull, sessionGate } from './attendance.js';
import { alreadyCheckedIn, attendanceTime } from './checkins.js';
import { applied, refuse, type CommandContext, type Decision } from './decision.js';
import { isFull } from './occupancy.js';
import type { Attendance, Flag, Instant } from './types.js';

/**
 * Walk-ins (spec §9.3, docs/decisions.md "Walk-ins are guests"): a host
 * records a newcomer at the door, offline, and checks them in. A guest is a
 * member of the club nobody has claimed yet — the same member id holds their
 * attendance, so when they later accept an invitation to claim it the
 * history stays theirs. A guest has no pass: the visit is not charged in
 * credits; how they paid is noted on the visit instead.
 */

/** What kind of visit a walk-in is. */
export const guestVisitKinds = ['drop_in', 'trial'] as const;
export type GuestVisitKind = (typeof guestVisitKinds)[number];

/** How a walk-in paid (the amount, if any, is free text: "€12", "10 CHF"). */
export const guestPayments = ['cash', 'card', 'free_trial', 'other'] as const;
export type GuestPayment = (typeof guestPayments)[number];

export const guestVisitKind = z.enum(guestVisitKinds);
export const guestPayment = z.enum(guestPayments);

/** A guest as first recorded at the door; their name is the member's name. */
export interface Guest {
  memberId: string;
  name: string;
  /** Phone or email, as the host typed it; null if none given. */
  contact: string | null;
  addedAt: Instant;
  /** The host who recorded them. */
  addedBy: string;
}

/** One visit of a guest: the payment note of an attendance record. */
export interface GuestVisit {
  /** The attendance record it belongs to (one visit per attendance). */
  attendanceId: string;
  memberId: string;
  sessionId: string;
  kind: GuestVisitKind;
  payment: GuestPayment;
  /** What was paid, as written ("€12"); null when nothing was noted. */
  amount: string | null;
  recordedBy: string;
  recordedAt: Instant;
}

/**
 * Who an id names, as the guest rules need to know: an unclaimed guest, a
 * member with an account (also a claimed guest), or nobody in this club.
 */
export type MemberKind = 'guest' | 'member' | null;

export interface GuestCheckInArgs {
  guestId: string;
  sessionId: string;
  name: string;
  contact?: string | undefined;
  visit: GuestVisitKind;
  payment: GuestPayment;
  amount?: string | undefined;
}

export interface GuestCheckInFacts extends MemberSessionFacts {
  /** Who `guestId` names now. */
  kind: MemberKind;
}

/**
 * Record a walk-in and check them in. Hosts and owners only. A new id adds
 * the guest; the id of a guest already recorded adds a visit (their name
 * and contact stay as first recorded); an id naming a member with an account
 * is refused — they check in as members. The guest takes a place like
 * anyone: a full session follows `hostOverCapacity`. No credits are charged
 * or owed (`credits` 0, never `unpaid`): the payment note is the record.
 */
export function checkInGuest(
  ctx: CommandContext,
  args: GuestCheckInArgs,
  facts: GuestCheckInFacts,
): Decision {
  if (!isStaff(ctx.actor)) return refuse('not_permitted');
  if (facts.kind === 'member') {
    return refuse('conflict', 'This person has an account now: check them in as a member.');
  }
  const session = sessionGate(facts.session);
  if ('ok' in session) return session;
  const { settings } = ctx;
  const existing = facts.attendance;
  const checkedIn = alreadyCheckedIn(existing, settings);
  if (checkedIn) return checkedIn;
  const time = attendanceTime(ctx, session);
  if ('ok' in time) return time;

  const flags: Flag[] = [];
  if (isFull(session, facts.occupancy)) {
    if (settings.hostOverCapacity === 'reject') return refuseFull(facts, settings);
    flags.push('over_capacity');
  }

  const at = toIso(ctx.now);
  const id = existing?.id ?? ctx.mutationId;
  const attendance: Attendance = {
    id,
    sessionId: session.id,
    memberId: args.guestId,
    credits: 0,
    charges: [],
    signupCredits: 0,
    unpaidCredits: 0,
    flags,
    backfilled: time.backfill,
    voided: false,
    voidReason: null,
    voidedAt: null,
    voidedBy: null,
    checkedInAt: at,
    updatedAt: at,
    byMemberId: ctx.actor.memberId,
    deviceLabel: ctx.deviceLabel ?? null,
  };
  const guests: Guest[] =
    facts.kind === null
      ? [
          {
            memberId: args.guestId,
            name: args.name,
            contact: args.contact ?? null,
            addedAt: at,
            addedBy: ctx.actor.memberId,
          },
        ]
      : [];
  const visit: GuestVisit = {
    attendanceId: id,
    memberId: args.guestId,
    sessionId: session.id,
    kind: args.visit,
    payment: args.payment,
    amount: args.amount ?? null,
    recordedBy: ctx.actor.memberId,
    recordedAt: at,
  };
  return applied({ guests, guestVisits: [visit], attendance: [attendance], flags });
}
