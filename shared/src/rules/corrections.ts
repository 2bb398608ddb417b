import type { MutationArgs } from '../protocol/mutations.js';
import { toIso } from '../time/index.js';
import { isStaff } from './access.js';
import { applied, refuse, type CommandContext, type Decision, type Refusal } from './decision.js';
import { guardianMap } from './family.js';
import { mergeCharges, PassLedger, totalCredits } from './passes.js';
import type { Attendance, Charge, Flag, Pass, Session, Signup } from './types.js';
import { refuseNoCredits, sessionDateOf, sessionGate } from './attendance.js';
import { attendanceTime, checkCredits } from './checkins.js';

interface CorrectionFacts {
  session: Session | null;
  attendance: Attendance | null;
  /** The member's passes (at least every pass the check-in charged). */
  passes: readonly Pass[];
  /** The member's sign-up: one a time pass paid for has paid the whole session. */
  signup?: Signup | null;
  /** The member's active guardian, whose passes pay after the member's own. */
  guardianId?: string | null;
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
  const ledger = new PassLedger(
    facts.passes,
    ctx.actor.memberId,
    at,
    guardianMap(attendance.memberId, facts.guardianId),
  );
  const refs = { sessionId: session.id, attendanceId: attendance.id };
  let charges = attendance.charges.map((c) => ({ ...c }));
  let unpaidCredits = attendance.unpaidCredits;
  const flags: Flag[] = [];

  const timePaidSignup =
    facts.signup?.memberId === attendance.memberId &&
    facts.signup.charges.some((c) => c.week !== undefined);
  if (settings.creditPolicy !== 'none') {
    const needed = timePaidSignup ? 0 : Math.max(0, credits - attendance.signupCredits);
    const paid = totalCredits(charges);
    // A time pass that paid this check-in pays any credits added to it: the same use.
    const timeCharge = charges.find((c) => c.week !== undefined);
    if (needed > paid && timeCharge) {
      timeCharge.credits += needed - paid;
    } else if (needed > paid) {
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
        c.credits -= back;
        toReturn -= back;
        // A time pass's use is returned only when it no longer pays any credit of the session.
        if (c.week === undefined) returned.push({ passId: c.passId, credits: back });
        else if (c.credits === 0) returned.push({ passId: c.passId, credits: back, week: c.week });
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
