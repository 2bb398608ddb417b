import type { MutationArgs } from '../protocol/mutations.js';
import type { ClubSettings } from '../settings.js';
import { addClubDays, clubDate, clubTime, toIso, toMs, type TimeInput } from '../time/index.js';
import { canBackfill, isStaff, resolveMember } from './access.js';
import {
  applied,
  refuse,
  type CommandContext,
  type Decision,
  type Effects,
  type Refusal,
} from './decision.js';
import { explainCreditUse, explainFull, type CreditUse, type PlaceRecord } from './explain.js';
import { checkInWindow, hasStarted, isFull, waitlistOrder } from './occupancy.js';
import {
  PassLedger,
  appliesToTrainingType,
  choosePasses,
  totalCredits,
  type LogRefs,
} from './passes.js';
import type { Actor, Attendance, Charge, Flag, Intent, Pass, Session, Signup } from './types.js';

/** What the rules need to judge a member's action on one session. */
export interface MemberSessionFacts {
  session: Session | null;
  /** Distinct members holding a place now (see `occupancy()`); devices may use the pulled count. */
  occupancy: number;
  /** The member's current sign-up row for the session (active, waitlisted, or the latest cancelled one). */
  signup: Signup | null;
  /** The member's attendance record for the session (possibly voided). */
  attendance: Attendance | null;
  /** The member's passes with their balances. */
  passes: readonly Pass[];
  /** Optional: the records holding places, to explain `session_full`. */
  placeRecords?: readonly PlaceRecord[];
  /** Optional: recent uses of the member's credits, to explain `insufficient_credits`. */
  creditUses?: readonly CreditUse[];
}

/** What is needed to promote waiters when a spot frees (the server has it; a device may not). */
export interface WaitlistFacts {
  /** The session's sign-ups that are waitlisted. Omitted = nobody is promoted. */
  waitlist?: readonly Signup[];
  /** The waiters' passes (charged on promotion under `at_signup`). */
  waiterPasses?: readonly Pass[];
}

function sessionDateOf(session: Session, settings: ClubSettings): string {
  return clubDate(session.startsAt, settings.timezone);
}

/** Why the member has no usable credits, in plain words. */
function noCreditsDetail(
  session: Session,
  sessionDate: string,
  passes: readonly Pass[],
  uses: readonly CreditUse[] | undefined,
  settings: ClubSettings,
): string | undefined {
  const used = explainCreditUse(uses, settings.timezone);
  if (used) return used;
  const withSessions = passes.filter((p) => p.balance > 0);
  if (withSessions.length === 0)
    return passes.length > 0 ? 'Your passes have no sessions left.' : undefined;
  if (withSessions.every((p) => p.expiresOn < sessionDate)) {
    return `Your pass expires before this session (${sessionDate}).`;
  }
  if (withSessions.every((p) => !p.active)) return 'Your pass is deactivated.';
  if (
    withSessions.every(
      (p) => !appliesToTrainingType(p.terms.trainingTypeIds, session.trainingTypeId),
    )
  ) {
    return 'Your pass does not cover this kind of session.';
  }
  return undefined;
}

function refuseNoCredits(
  session: Session,
  facts: Pick<MemberSessionFacts, 'passes' | 'creditUses'>,
  settings: ClubSettings,
): Refusal {
  const date = sessionDateOf(session, settings);
  return refuse(
    'insufficient_credits',
    noCreditsDetail(session, date, facts.passes, facts.creditUses, settings),
  );
}

function refuseFull(facts: Pick<MemberSessionFacts, 'placeRecords'>, settings: ClubSettings) {
  return refuse('session_full', explainFull(facts.placeRecords, settings.timezone));
}

function sessionGate(session: Session | null): Refusal | Session {
  if (!session) return refuse('not_found');
  if (session.status === 'cancelled') return refuse('session_cancelled');
  return session;
}

// --- Going ----------------------------------------------------------------------

/** Mark / unmark going: before start, when the club offers it; the actor only. */
export function setIntent(
  ctx: CommandContext,
  args: MutationArgs<'intent.set'>,
  facts: { session: Session | null; intent: Intent | null },
): Decision {
  const session = sessionGate(facts.session);
  if ('ok' in session) return session;
  if (!ctx.settings.whosGoingEnabled) return refuse('feature_disabled');
  if (hasStarted(session, ctx.now)) return refuse('session_started');
  if ((facts.intent?.going ?? false) === args.going) return applied();
  return applied({
    intents: [
      {
        sessionId: session.id,
        memberId: ctx.actor.memberId,
        going: args.going,
        updatedAt: toIso(ctx.now),
      },
    ],
  });
}

// --- Sign up / sign out -----------------------------------------------------------

/**
 * Sign up before start. Full → waitlist (flag `waitlisted`) or `session_full`.
 * Under `at_signup` the session's credit cost is charged now.
 * Signing up again while signed up or waiting changes nothing.
 */
export function signUp(
  ctx: CommandContext,
  args: MutationArgs<'signup.create'>,
  facts: MemberSessionFacts & Pick<WaitlistFacts, 'waitlist'>,
): Decision {
  const who = resolveMember(ctx.actor, args.memberId);
  if (!who.ok) return who;
  const session = sessionGate(facts.session);
  if ('ok' in session) return session;
  const { settings } = ctx;
  if (!settings.signupsEnabled) return refuse('feature_disabled');
  if (hasStarted(session, ctx.now)) return refuse('session_started');
  if (facts.attendance && !facts.attendance.voided) return refuse('already_checked_in');
  const current = facts.signup;
  if (current?.status === 'active') return applied();
  if (current?.status === 'waitlisted') return applied({ flags: ['waitlisted'] });

  const at = toIso(ctx.now);
  const signup: Signup = {
    // A cancelled row stays as history (a late cancel keeps its charges): a new sign-up is a new row.
    id: ctx.mutationId,
    sessionId: session.id,
    memberId: who.memberId,
    status: 'active',
    position: null,
    charges: [],
    lateCancel: false,
    createdAt: at,
    updatedAt: at,
    byMemberId: ctx.actor.memberId,
    deviceLabel: ctx.deviceLabel ?? null,
  };

  if (isFull(session, facts.occupancy)) {
    if (!settings.waitlistEnabled) return refuseFull(facts, settings);
    const last = Math.max(0, ...(facts.waitlist ?? []).map((s) => s.position ?? 0));
    return applied({
      signups: [{ ...signup, status: 'waitlisted', position: last + 1 }],
      flags: ['waitlisted'],
    });
  }

  if (settings.creditPolicy !== 'at_signup' || session.creditCost === 0) {
    return applied({ signups: [signup] });
  }
  const ledger = new PassLedger(facts.passes, ctx.actor.memberId, at);
  const charges = tryCharge(
    ledger,
    who.memberId,
    session,
    settings,
    session.creditCost,
    'charged_signup',
    {
      sessionId: session.id,
      signupId: signup.id,
    },
  );
  if (!charges) return refuseNoCredits(session, facts, settings);
  return applied({
    signups: [{ ...signup, charges }],
    passes: ledger.changed(),
    creditLog: ledger.entries,
  });
}

/** Charge the full amount or nothing. */
function tryCharge(
  ledger: PassLedger,
  memberId: string,
  session: Session,
  settings: ClubSettings,
  credits: number,
  kind: 'charged_signup',
  refs: LogRefs,
): Charge[] | null {
  const date = sessionDateOf(session, settings);
  if (choosePasses(ledger.passesOf(memberId), session, date, credits).shortfall > 0) return null;
  return ledger.charge(memberId, session, date, credits, kind, refs).charges;
}

/** Inside `lateCancelMinutes` before start (0 = never late). */
export function isLateCancel(
  session: Session,
  settings: ClubSettings,
  now: string | number,
): boolean {
  return (
    settings.lateCancelMinutes > 0 &&
    toMs(session.startsAt) - toMs(now) < settings.lateCancelMinutes * 60_000
  );
}

/**
 * Fill free places from the waitlist, in order. Under `at_signup` a waiter is
 * charged; one without usable credits is skipped (stays waiting) and notified.
 * Inside `lateCancelMinutes` nobody is promoted: waiters are told a spot is open.
 */
export function fillFreedSpots(
  ctx: CommandContext,
  session: Session,
  occupancyAfter: number,
  waitlist: readonly Signup[],
  ledger: PassLedger,
): Pick<Effects, 'signups' | 'notifications' | 'promotions'> {
  const out: Pick<Effects, 'signups' | 'notifications' | 'promotions'> = {
    signups: [],
    notifications: [],
    promotions: [],
  };
  const waiters = waitlistOrder(waitlist);
  let free = session.capacity === null ? waiters.length : session.capacity - occupancyAfter;
  if (free <= 0 || waiters.length === 0) return out;
  const at = toIso(ctx.now);
  const { settings } = ctx;
  if (isLateCancel(session, settings, ctx.now)) {
    for (const w of waiters) {
      out.notifications.push({
        memberId: w.memberId,
        kind: 'spot_open',
        sessionId: session.id,
        data: { sessionTitle: session.title, startsAt: session.startsAt },
        at,
      });
    }
    return out;
  }
  for (const w of waiters) {
    if (free <= 0) break;
    let charges: Charge[] = [];
    if (settings.creditPolicy === 'at_signup' && session.creditCost > 0) {
      const paid = tryCharge(
        ledger,
        w.memberId,
        session,
        settings,
        session.creditCost,
        'charged_signup',
        {
          sessionId: session.id,
          signupId: w.id,
        },
      );
      if (!paid) {
        out.notifications.push({
          memberId: w.memberId,
          kind: 'promotion_skipped',
          sessionId: session.id,
          data: {
            sessionTitle: session.title,
            startsAt: session.startsAt,
            reason: 'insufficient_credits',
          },
          at,
        });
        continue;
      }
      charges = paid;
    }
    out.signups.push({ ...w, status: 'active', position: null, charges, updatedAt: at });
    out.promotions.push({ signupId: w.id, memberId: w.memberId });
    out.notifications.push({
      memberId: w.memberId,
      kind: 'promoted',
      sessionId: session.id,
      data: {
        sessionTitle: session.title,
        startsAt: session.startsAt,
        credits: totalCredits(charges),
      },
      at,
    });
    free -= 1;
  }
  return out;
}

/**
 * Sign out before start. Returns the credit unless inside `lateCancelMinutes`
 * (flag `late_cancel`, credit kept, nobody promoted, waiters told a spot is
 * open); otherwise the first waiter is promoted.
 */
export function signOut(
  ctx: CommandContext,
  args: MutationArgs<'signup.cancel'>,
  facts: MemberSessionFacts & WaitlistFacts,
): Decision {
  const who = resolveMember(ctx.actor, args.memberId);
  if (!who.ok) return who;
  const session = sessionGate(facts.session);
  if ('ok' in session) return session;
  const current = facts.signup;
  if (!current || current.status === 'cancelled' || current.memberId !== who.memberId) {
    return refuse('not_found');
  }
  if (hasStarted(session, ctx.now)) return refuse('session_started');
  const at = toIso(ctx.now);
  const cancelled: Signup = { ...current, status: 'cancelled', position: null, updatedAt: at };
  if (current.status === 'waitlisted') return applied({ signups: [cancelled] });

  const waitlist = (facts.waitlist ?? []).filter((w) => w.memberId !== who.memberId);
  const ledger = new PassLedger(
    [...facts.passes, ...(facts.waiterPasses ?? [])],
    ctx.actor.memberId,
    at,
  );
  // A member who also checked in keeps their place by the check-in: nothing frees.
  const stillHolds = facts.attendance !== null && !facts.attendance.voided;
  const occupancyAfter = stillHolds ? facts.occupancy : facts.occupancy - 1;

  if (isLateCancel(session, ctx.settings, ctx.now)) {
    const filled = stillHolds
      ? undefined
      : fillFreedSpots(ctx, session, occupancyAfter, waitlist, ledger);
    return applied({
      signups: [{ ...cancelled, lateCancel: true }],
      flags: ['late_cancel'],
      notifications: filled?.notifications ?? [],
    });
  }

  ledger.refund(current.charges, 'returned_signout', {
    sessionId: session.id,
    signupId: current.id,
  });
  const filled = stillHolds
    ? { signups: [], notifications: [], promotions: [] }
    : fillFreedSpots(ctx, session, occupancyAfter, waitlist, ledger);
  return applied({
    signups: [{ ...cancelled, charges: [] }, ...filled.signups],
    passes: ledger.changed(),
    creditLog: ledger.entries,
    notifications: filled.notifications,
    promotions: filled.promotions,
  });
}

// --- Check in ------------------------------------------------------------------------

/** The credits a check-in records: default the session's cost; 1..max when multi-credit is on. */
function checkCredits(
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

/** The recording window as the rules answer: refused, or allowed (and whether as backfill). */
function attendanceTime(ctx: CommandContext, session: Session): Refusal | { backfill: boolean } {
  const window = recordingWindow(session, ctx.settings, ctx.actor, ctx.now);
  switch (window.state) {
    case 'not_yet':
      return refuse(
        'check_in_closed',
        `It opens at ${clubTime(window.opensAt, ctx.settings.timezone)}.`,
      );
    case 'open':
      return { backfill: false };
    case 'backfill':
      return { backfill: true };
    case 'closed':
      return refuse(window.reason);
  }
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
): Decision {
  const who = resolveMember(ctx.actor, args.memberId);
  if (!who.ok) return who;
  const session = sessionGate(facts.session);
  if ('ok' in session) return session;
  const { settings } = ctx;
  const staff = isStaff(ctx.actor);
  const credits = checkCredits(session, settings, args.credits);
  if (typeof credits !== 'number') return credits;
  const existing = facts.attendance;
  if (existing && !existing.voided) {
    const where = existing.deviceLabel ? ` on ${existing.deviceLabel}` : '';
    return refuse(
      'already_checked_in',
      `Recorded at ${clubTime(existing.checkedInAt, settings.timezone)}${where}.`,
    );
  }
  const time = attendanceTime(ctx, session);
  if ('ok' in time) return time;

  const flags: Flag[] = [];
  const signup = facts.signup?.memberId === who.memberId ? facts.signup : null;
  const hasPlace = signup?.status === 'active';
  if (!hasPlace && isFull(session, facts.occupancy)) {
    if (!staff || settings.hostOverCapacity === 'reject') return refuseFull(facts, settings);
    flags.push('over_capacity');
  }

  const at = toIso(ctx.now);
  const id = existing?.id ?? ctx.mutationId;
  const ledger = new PassLedger(facts.passes, ctx.actor.memberId, at);
  const signupCredits = hasPlace ? Math.min(credits, totalCredits(signup.charges)) : 0;
  let charges: Charge[] = [];
  let unpaidCredits = 0;
  if (settings.creditPolicy !== 'none') {
    const charged = ledger.charge(
      who.memberId,
      session,
      sessionDateOf(session, settings),
      credits - signupCredits,
      'charged_checkin',
      { sessionId: session.id, attendanceId: id },
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
    checkedInAt: at,
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

interface CorrectionFacts {
  session: Session | null;
  attendance: Attendance | null;
  /** The member's passes (at least every pass the check-in charged). */
  passes: readonly Pass[];
}

function correctionGate(
  ctx: CommandContext,
  memberId: string,
  facts: CorrectionFacts,
): Refusal | { session: Session; attendance: Attendance; backfill: boolean } {
  if (!isStaff(ctx.actor)) return refuse('not_permitted');
  const session = sessionGate(facts.session);
  if ('ok' in session) return session;
  const attendance = facts.attendance;
  if (!attendance || attendance.voided || attendance.memberId !== memberId)
    return refuse('not_found');
  const time = attendanceTime(ctx, session);
  if ('ok' in time) return time;
  return { session, attendance, backfill: time.backfill };
}

/** Void a check-in: its credits go back to the passes that paid; the record stays, voided with the reason. */
export function voidCheckIn(
  ctx: CommandContext,
  args: MutationArgs<'checkin.void'>,
  facts: CorrectionFacts,
): Decision {
  const gate = correctionGate(ctx, args.memberId, facts);
  if ('ok' in gate) return gate;
  const { session, attendance } = gate;
  const at = toIso(ctx.now);
  const ledger = new PassLedger(facts.passes, ctx.actor.memberId, at);
  const reason = args.reason ?? null;
  ledger.refund(attendance.charges, 'returned_void', {
    sessionId: session.id,
    attendanceId: attendance.id,
    reason,
  });
  return applied({
    attendance: [
      {
        ...attendance,
        charges: [],
        unpaidCredits: 0,
        voided: true,
        voidReason: reason,
        voidedAt: at,
        voidedBy: ctx.actor.memberId,
        updatedAt: at,
      },
    ],
    passes: ledger.changed(),
    creditLog: ledger.entries,
  });
}

/**
 * Change the credits of a check-in: the difference is charged (from usable
 * passes, shortfall per `hostWithoutCredits`) or returned (latest charges
 * first). Adjusting to the same number settles an unpaid debt when credits
 * are usable now.
 */
export function adjustCheckIn(
  ctx: CommandContext,
  args: MutationArgs<'checkin.adjust'>,
  facts: CorrectionFacts,
): Decision {
  const gate = correctionGate(ctx, args.memberId, facts);
  if ('ok' in gate) return gate;
  const { session, attendance } = gate;
  const { settings } = ctx;
  const credits = checkCredits(session, settings, args.credits);
  if (typeof credits !== 'number') return credits;
  const at = toIso(ctx.now);
  const ledger = new PassLedger(facts.passes, ctx.actor.memberId, at);
  const refs = { sessionId: session.id, attendanceId: attendance.id };
  let charges = attendance.charges.map((c) => ({ ...c }));
  let unpaidCredits = attendance.unpaidCredits;
  const flags: Flag[] = [];

  if (settings.creditPolicy !== 'none') {
    const needed = Math.max(0, credits - attendance.signupCredits);
    const paid = totalCredits(charges);
    if (needed > paid) {
      const charged = ledger.charge(
        attendance.memberId,
        session,
        sessionDateOf(session, settings),
        needed - paid,
        'charged_adjustment',
        refs,
      );
      if (charged.shortfall > 0 && settings.hostWithoutCredits === 'reject') {
        return refuseNoCredits(session, facts, settings);
      }
      charges = mergeCharges(charges, charged.charges);
      unpaidCredits = charged.shortfall;
    } else {
      let toReturn = paid - needed;
      const returned: Charge[] = [];
      for (let i = charges.length - 1; i >= 0 && toReturn > 0; i--) {
        const c = charges[i];
        if (!c) continue;
        const back = Math.min(c.credits, toReturn);
        returned.push({ passId: c.passId, credits: back });
        c.credits -= back;
        toReturn -= back;
      }
      ledger.refund(returned, 'returned_adjustment', refs);
      charges = charges.filter((c) => c.credits > 0);
      unpaidCredits = 0;
    }
  }
  if (unpaidCredits > 0) flags.push('unpaid');

  const unchanged =
    credits === attendance.credits &&
    unpaidCredits === attendance.unpaidCredits &&
    ledger.entries.length === 0;
  if (unchanged) return applied({ flags });
  const keptFlags = attendance.flags.filter((f) => f !== 'unpaid');
  return applied({
    attendance: [
      {
        ...attendance,
        credits,
        charges,
        unpaidCredits,
        flags: unpaidCredits > 0 ? [...keptFlags, 'unpaid'] : keptFlags,
        updatedAt: at,
      },
    ],
    passes: ledger.changed(),
    creditLog: ledger.entries,
    flags,
  });
}

function mergeCharges(a: readonly Charge[], b: readonly Charge[]): Charge[] {
  const out = a.map((c) => ({ ...c }));
  for (const c of b) {
    const same = out.find((x) => x.passId === c.passId);
    if (same) same.credits += c.credits;
    else out.push({ ...c });
  }
  return out;
}
