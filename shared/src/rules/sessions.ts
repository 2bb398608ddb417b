import type { MutationArgs } from '../protocol/mutations.js';
import { toIso, toMs } from '../time/index.js';
import { canManageSessions } from './access.js';
import type { WaitlistFacts } from './attendance.js';
import { fillFreedSpots } from './signups.js';
import { applied, refuse, type CommandContext, type Decision, type Refusal } from './decision.js';
import type { Notification } from './notifications.js';
import { hasStarted } from './occupancy.js';
import { PassLedger } from './passes.js';
import type { Attendance, Pass, Session, Signup, TrainingType } from './types.js';

/** A training type named by a session must exist and not be archived. */
export function checkTrainingType(
  trainingTypeId: string | null | undefined,
  trainingType: TrainingType | null,
): Refusal | undefined {
  if (trainingTypeId === undefined || trainingTypeId === null) return undefined;
  if (!trainingType || trainingType.id !== trainingTypeId) return refuse('not_found');
  if (trainingType.archived) return refuse('invalid_args', 'That training type is archived.');
  return undefined;
}

export function createSession(
  ctx: CommandContext,
  args: MutationArgs<'session.create'>,
  facts: { existing: Session | null; trainingType: TrainingType | null },
): Decision {
  if (!canManageSessions(ctx.actor, ctx.settings)) return refuse('not_permitted');
  if (facts.existing) return refuse('id_taken');
  const bad = checkTrainingType(args.trainingTypeId, facts.trainingType);
  if (bad) return bad;
  return applied({
    sessions: [
      {
        id: args.sessionId,
        title: args.title,
        description: args.description ?? null,
        trainingTypeId: args.trainingTypeId ?? null,
        startsAt: toIso(args.startsAt),
        endsAt: toIso(args.endsAt),
        location: args.location ?? null,
        capacity: args.capacity ?? null,
        creditCost: args.creditCost ?? 1,
        status: 'scheduled',
        cancelReason: null,
        seriesId: null,
      },
    ],
  });
}

/**
 * Edit a session. Nobody loses a place when capacity drops below occupancy;
 * when it rises before start, waiters are promoted as on a sign-out (needs the
 * waitlist facts). Decision: changing the credit cost does not re-charge
 * places already paid.
 */
export function updateSession(
  ctx: CommandContext,
  args: MutationArgs<'session.update'>,
  facts: {
    session: Session | null;
    trainingType: TrainingType | null;
    occupancy?: number;
  } & WaitlistFacts,
): Decision {
  if (!canManageSessions(ctx.actor, ctx.settings)) return refuse('not_permitted');
  const s = facts.session;
  if (!s) return refuse('not_found');
  if (s.status === 'cancelled') return refuse('session_cancelled');
  if (args.trainingTypeId !== undefined && args.trainingTypeId !== s.trainingTypeId) {
    const bad = checkTrainingType(args.trainingTypeId, facts.trainingType);
    if (bad) return bad;
  }
  const next: Session = {
    ...s,
    title: args.title ?? s.title,
    description: args.description === undefined ? s.description : args.description,
    trainingTypeId: args.trainingTypeId === undefined ? s.trainingTypeId : args.trainingTypeId,
    startsAt: args.startsAt === undefined ? s.startsAt : toIso(args.startsAt),
    endsAt: args.endsAt === undefined ? s.endsAt : toIso(args.endsAt),
    location: args.location === undefined ? s.location : args.location,
    capacity: args.capacity === undefined ? s.capacity : args.capacity,
    creditCost: args.creditCost ?? s.creditCost,
  };
  if (toMs(next.endsAt) <= toMs(next.startsAt)) {
    return refuse('invalid_args', 'The end must be after the start.');
  }
  const grew =
    next.capacity === null
      ? s.capacity !== null
      : s.capacity !== null && next.capacity > s.capacity;
  if (!grew || hasStarted(next, ctx.now) || !facts.waitlist || facts.occupancy === undefined) {
    return applied({ sessions: [next] });
  }
  const ledger = new PassLedger(facts.waiterPasses ?? [], ctx.actor.memberId, toIso(ctx.now));
  const filled = fillFreedSpots(ctx, next, facts.occupancy, facts.waitlist, ledger);
  return applied({
    sessions: [next],
    ...filled,
    passes: ledger.changed(),
    creditLog: ledger.entries,
  });
}

interface CancelFacts {
  session: Session | null;
  /** Every sign-up of the session (any status). */
  signups: readonly Signup[];
  /** Every attendance record of the session. */
  attendance: readonly Attendance[];
  /** Every pass a sign-up or check-in of the session was charged to. */
  passes: readonly Pass[];
}

/**
 * The cancellation itself, shared with series edits: every credit charged
 * for the session (sign-ups, late cancels, check-ins) goes back to the pass
 * that paid; sign-ups end, check-ins are voided; people holding a place —
 * and, Decision: waiters too — are notified.
 */
export function cancelInto(
  ctx: CommandContext,
  ledger: PassLedger,
  session: Session,
  signups: readonly Signup[],
  attendance: readonly Attendance[],
  reason: string | null,
): {
  session: Session;
  signups: Signup[];
  attendance: Attendance[];
  notifications: Notification[];
} {
  const at = toIso(ctx.now);
  const notify = new Set<string>();
  const outSignups: Signup[] = [];
  const outAttendance: Attendance[] = [];
  for (const s of signups) {
    if (s.status === 'cancelled' && s.charges.length === 0) continue;
    if (s.status !== 'cancelled') notify.add(s.memberId);
    ledger.refund(s.charges, 'returned_cancel', { sessionId: session.id, signupId: s.id, reason });
    outSignups.push({ ...s, status: 'cancelled', position: null, charges: [], updatedAt: at });
  }
  for (const a of attendance) {
    if (a.voided) continue;
    notify.add(a.memberId);
    ledger.refund(a.charges, 'returned_cancel', {
      sessionId: session.id,
      attendanceId: a.id,
      reason,
    });
    outAttendance.push({
      ...a,
      charges: [],
      unpaidCredits: 0,
      voided: true,
      voidReason: reason ?? 'Session cancelled',
      voidedAt: at,
      voidedBy: ctx.actor.memberId,
      updatedAt: at,
    });
  }
  const notifications: Notification[] = [...notify].map((memberId) => ({
    memberId,
    kind: 'session_cancelled',
    sessionId: session.id,
    data: { sessionTitle: session.title, startsAt: session.startsAt, reason },
    at,
  }));
  return {
    session: { ...session, status: 'cancelled', cancelReason: reason },
    signups: outSignups,
    attendance: outAttendance,
    notifications,
  };
}

export function cancelSession(
  ctx: CommandContext,
  args: MutationArgs<'session.cancel'>,
  facts: CancelFacts,
): Decision {
  if (!canManageSessions(ctx.actor, ctx.settings)) return refuse('not_permitted');
  const s = facts.session;
  if (!s) return refuse('not_found');
  if (s.status === 'cancelled') return refuse('session_cancelled');
  const ledger = new PassLedger(facts.passes, ctx.actor.memberId, toIso(ctx.now));
  const done = cancelInto(ctx, ledger, s, facts.signups, facts.attendance, args.reason ?? null);
  return applied({
    sessions: [done.session],
    signups: done.signups,
    attendance: done.attendance,
    notifications: done.notifications,
    passes: ledger.changed(),
    creditLog: ledger.entries,
  });
}
