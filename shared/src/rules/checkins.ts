import type { MutationArgs } from '../protocol/mutations.js';
import type { ClubSettings } from '../settings.js';
import { addClubDays, toIso, toMs, type TimeInput } from '../time/index.js';
import { canBackfill, isStaff, resolveMember } from './access.js';
import {
  applied,
  refuse,
  refuseWith,
  type CommandContext,
  type Decision,
  type Refusal,
} from './decision.js';
import { explain } from './explain.js';
import { checkInWindow, isFull } from './occupancy.js';
import { guardianMap } from './family.js';
import { PassLedger, totalCredits } from './passes.js';
import type { Actor, Attendance, Charge, Flag, Instant, Session, Signup } from './types.js';
import {
  type MemberSessionFacts,
  refuseFull,
  refuseNoCredits,
  sessionDateOf,
  sessionGate,
} from './attendance.js';

// --- Check in ------------------------------------------------------------------------

/** The credits a check-in records: default the session's cost; 1..max when multi-credit is on. */
export function checkCredits(
  session: Session,
  settings: ClubSettings,
  requested: number | undefined,
): Refusal | number {
  if (requested === undefined) return session.creditCost;
  if (settings.multiCreditEnabled) {
    if (requested < 1 || requested > settings.maxCreditsPerCheckIn) {
      return refuse(
        'invalid_args',
        `This club records 1 to ${settings.maxCreditsPerCheckIn} credits per check-in.`,
      );
    }
    return requested;
  }
  if (requested !== session.creditCost) {
    return refuse(
      'invalid_args',
      `This club records ${session.creditCost} credit${session.creditCost === 1 ? '' : 's'} per check-in for this session.`,
    );
  }
  return requested;
}

/**
 * When attendance can be recorded for a session, as `actor` (spec §4):
 * before check-in opens nobody can; from opening to the end of the grace
 * period anyone allowed to check in can; after that only staff, inside the
 * backfill window, and hosts only when the club lets them backfill.
 */
export type RecordingWindow =
  | { state: 'not_yet'; opensAt: number }
  | { state: 'open'; closesAt: number }
  | { state: 'backfill'; until: number }
  | { state: 'closed'; reason: 'check_in_closed' | 'outside_backfill_window' | 'not_permitted' };

export function recordingWindow(
  session: Session,
  settings: ClubSettings,
  actor: Actor,
  now: TimeInput,
): RecordingWindow {
  const { opensAt, closesAt } = checkInWindow(session, settings);
  const t = toMs(now);
  if (t < opensAt) return { state: 'not_yet', opensAt };
  if (t <= closesAt) return { state: 'open', closesAt };
  if (!isStaff(actor)) return { state: 'closed', reason: 'check_in_closed' };
  const until = addClubDays(session.endsAt, settings.backfillWindowDays, settings.timezone);
  if (t > until) return { state: 'closed', reason: 'outside_backfill_window' };
  if (!canBackfill(actor, settings)) return { state: 'closed', reason: 'not_permitted' };
  return { state: 'backfill', until };
}

/** A valid check-in is there already: when and where it was recorded, or null. */
export function alreadyCheckedIn(
  existing: Attendance | null,
  settings: ClubSettings,
): Refusal | null {
  if (!existing || existing.voided) return null;
  return refuseWith(
    'already_checked_in',
    explain.checkedIn(existing.checkedInAt, existing.deviceLabel, settings.timezone),
  );
}

/** The recording window as the rules answer: refused, or allowed (and whether as backfill). */
export function attendanceTime(
  ctx: CommandContext,
  session: Session,
): Refusal | { backfill: boolean } {
  const window = recordingWindow(session, ctx.settings, ctx.actor, ctx.now);
  switch (window.state) {
    case 'not_yet':
      return refuseWith(
        'check_in_closed',
        explain.checkInOpens(window.opensAt, ctx.settings.timezone),
      );
    case 'open':
      return { backfill: false };
    case 'backfill':
      return { backfill: true };
    case 'closed':
      return refuse(window.reason);
  }
}

/** How `checkIn` is asked to differ when an owner puts a refused check-in right (`reinstateCheckIn`). */
interface CheckInOptions {
  /** The owner's explicit decision: a full session is recorded over capacity, never refused. */
  admitOverCapacity?: boolean;
  /** When the person was at the door, if not the judged time. */
  checkedInAt?: Instant;
  /** Kept on the credit-log entries of the charge. */
  reason?: string;
}

/**
 * Check in (self or by a host). One attendance per member per session; a
 * second check-in changes nothing (`already_checked_in`). Capacity: an
 * active sign-up always has a place; otherwise a full session refuses a
 * member and follows `hostOverCapacity` for hosts. Credits: charged now
 * (`at_checkin`, and walk-ins under `at_signup`); without enough usable
 * credits a member is refused and a host follows `hostWithoutCredits`
 * (flag `unpaid`: what was usable is charged, the rest recorded as debt).
 */
export function checkIn(
  ctx: CommandContext,
  args: MutationArgs<'checkin.create'>,
  facts: MemberSessionFacts,
  options: CheckInOptions = {},
): Decision {
  const who = resolveMember(ctx.actor, args.memberId, facts.guardianId ?? null);
  if (!who.ok) return who;
  const session = sessionGate(facts.session);
  if ('ok' in session) return session;
  const { settings } = ctx;
  const staff = isStaff(ctx.actor);
  const credits = checkCredits(session, settings, args.credits);
  if (typeof credits !== 'number') return credits;
  const existing = facts.attendance;
  const checkedIn = alreadyCheckedIn(existing, settings);
  if (checkedIn) return checkedIn;
  const time = attendanceTime(ctx, session);
  if ('ok' in time) return time;

  const flags: Flag[] = [];
  const signup = facts.signup?.memberId === who.memberId ? facts.signup : null;
  const hasPlace = signup?.status === 'active';
  if (!hasPlace && isFull(session, facts.occupancy)) {
    const admitted = options.admitOverCapacity === true;
    if (!admitted && (!staff || settings.hostOverCapacity === 'reject')) {
      return refuseFull(facts, settings, ctx.actor);
    }
    flags.push('over_capacity');
  }

  const at = toIso(ctx.now);
  const id = existing?.id ?? ctx.mutationId;
  const ledger = new PassLedger(
    facts.passes,
    ctx.actor.memberId,
    at,
    guardianMap(who.memberId, facts.guardianId),
  );
  // A sign-up a time pass paid for has paid the whole session, whatever the credits recorded.
  const signupCredits = hasPlace
    ? signup.charges.some((c) => c.week !== undefined)
      ? credits
      : Math.min(credits, totalCredits(signup.charges))
    : 0;
  let charges: Charge[] = [];
  let unpaidCredits = 0;
  if (settings.creditPolicy !== 'none') {
    const charged = ledger.charge(
      who.memberId,
      session,
      sessionDateOf(session, settings),
      credits - signupCredits,
      'charged_checkin',
      {
        sessionId: session.id,
        attendanceId: id,
        ...(options.reason ? { reason: options.reason } : {}),
      },
    );
    if (charged.shortfall > 0) {
      if (!staff || settings.hostWithoutCredits === 'reject')
        return refuseNoCredits(session, facts, settings);
      flags.push('unpaid');
      unpaidCredits = charged.shortfall;
    }
    charges = charged.charges;
  }

  const attendance: Attendance = {
    id,
    sessionId: session.id,
    memberId: who.memberId,
    credits,
    charges,
    signupCredits,
    unpaidCredits,
    flags,
    backfilled: time.backfill,
    voided: false,
    voidReason: null,
    voidedAt: null,
    voidedBy: null,
    checkedInAt: options.checkedInAt ?? at,
    updatedAt: at,
    byMemberId: ctx.actor.memberId,
    deviceLabel: ctx.deviceLabel ?? null,
  };
  // Checked in while waiting: the waitlist entry is done (never promoted and charged later).
  const signups: Signup[] =
    signup?.status === 'waitlisted'
      ? [{ ...signup, status: 'cancelled', position: null, updatedAt: at }]
      : [];
  return applied({
    attendance: [attendance],
    signups,
    passes: ledger.changed(),
    creditLog: ledger.entries,
    flags,
  });
}
