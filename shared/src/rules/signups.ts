import type { MutationArgs } from '../protocol/mutations.js';
import type { ClubSettings } from '../settings.js';
import { toIso, toMs } from '../time/index.js';
import { resolveMember } from './access.js';
import { applied, refuse, type CommandContext, type Decision, type Effects } from './decision.js';
import { hasStarted, isFull, waitlistOrder } from './occupancy.js';
import { guardianMap } from './family.js';
import { PassLedger, totalCredits, type LogRefs } from './passes.js';
import type { Charge, Intent, Session, Signup } from './types.js';
import {
  type MemberSessionFacts,
  type WaitlistFacts,
  refuseFull,
  refuseNoCredits,
  sessionDateOf,
  sessionGate,
} from './attendance.js';

// --- Going ----------------------------------------------------------------------

/** Mark / unmark going: before start, when the club offers it; for themselves or a dependant. */
export function setIntent(
  ctx: CommandContext,
  args: MutationArgs<'intent.set'>,
  facts: { session: Session | null; intent: Intent | null; guardianId?: string | null },
): Decision {
  const who = resolveMember(ctx.actor, args.memberId, facts.guardianId ?? null);
  // "Going" is said by the member themselves or by their guardian, not by staff for them.
  if (!who.ok || (who.memberId !== ctx.actor.memberId && facts.guardianId !== ctx.actor.memberId)) {
    return refuse('not_permitted');
  }
  const session = sessionGate(facts.session);
  if ('ok' in session) return session;
  if (!ctx.settings.whosGoingEnabled) return refuse('feature_disabled');
  if (hasStarted(session, ctx.now)) return refuse('session_started');
  // A first answer is recorded even when it is "not going": the app shows which answer was
  // given, and "said nothing" is not the same as "said no".
  if (facts.intent && facts.intent.going === args.going) return applied();
  return applied({
    intents: [
      {
        sessionId: session.id,
        memberId: who.memberId,
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
  const who = resolveMember(ctx.actor, args.memberId, facts.guardianId ?? null);
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
    if (!settings.waitlistEnabled) return refuseFull(facts, settings, ctx.actor);
    const last = Math.max(0, ...(facts.waitlist ?? []).map((s) => s.position ?? 0));
    return applied({
      signups: [{ ...signup, status: 'waitlisted', position: last + 1 }],
      flags: ['waitlisted'],
    });
  }

  if (settings.creditPolicy !== 'at_signup' || session.creditCost === 0) {
    return applied({ signups: [signup] });
  }
  const ledger = new PassLedger(
    facts.passes,
    ctx.actor.memberId,
    at,
    guardianMap(who.memberId, facts.guardianId),
  );
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
  if (ledger.choose(memberId, session, date, credits).shortfall > 0) return null;
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
  const who = resolveMember(ctx.actor, args.memberId, facts.guardianId ?? null);
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
    guardianMap(who.memberId, facts.guardianId, facts.waiterGuardians),
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
