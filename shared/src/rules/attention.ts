import type { ErrorCode } from '../protocol/errors.js';
import type { MutationArgs } from '../protocol/mutations.js';
import { clubDate, clubTime, toIso, toMs } from '../time/index.js';
import { isStaff } from './access.js';
import { applied, refuse, refuseWith, type CommandContext, type Decision } from './decision.js';
import { explain } from './explain.js';
import { guardianMap } from './family.js';
import { mergeCharges, PassLedger, totalCredits, usableCredits } from './passes.js';
import type {
  Attendance,
  AttentionGroupDismissal,
  AttentionGroupKey,
  AttentionResolution,
  ClubDate,
  Flag,
  Instant,
  Pass,
  Session,
} from './types.js';

/**
 * The organizer's "needs attention" list (spec §4, §6, §7): offline actions
 * the server flagged or refused. Every item is one entry of the append-only
 * mutation log, so it is never lost; closing it adds a resolution next to it.
 * Refused items of one device, one mutation and one code are listed as one
 * group and can be dismissed together (`dismissAttentionGroup`).
 */

/** Flags on an applied result that an organizer should look at. */
export const attentionFlags = ['over_capacity', 'unpaid'] as const satisfies readonly Flag[];

/**
 * Refusals that need nobody's attention: `already_checked_in` means the
 * member is checked in, which is what the person wanted.
 */
export const routineRefusals = ['already_checked_in'] as const satisfies readonly ErrorCode[];

/**
 * Mutations whose refusals are not items: resolving is the organizer's own
 * handling of the list, and they see its refusal in the answer.
 */
export const attentionExemptMutations = [
  'attention.resolve',
  'attention.dismissGroup',
  'checkin.reinstate',
] as const;

export type AttentionKind = 'flagged' | 'refused';

/** What the mutation log keeps about an attempt, as far as needs-attention cares. */
interface LoggedOutcome {
  name: string;
  status: 'applied' | 'rejected';
  code: string | null;
  flags: readonly string[];
}

/** Whether a logged attempt is a needs-attention item, and of which kind. */
export function attentionKind(entry: LoggedOutcome): AttentionKind | null {
  if (entry.status === 'rejected') {
    if ((routineRefusals as readonly string[]).includes(entry.code ?? '')) return null;
    if ((attentionExemptMutations as readonly string[]).includes(entry.name)) return null;
    return 'refused';
  }
  return entry.flags.some((f) => (attentionFlags as readonly string[]).includes(f))
    ? 'flagged'
    : null;
}

/** A needs-attention item as the rules see it. */
export interface AttentionItem {
  /** The id of the mutation it is about. */
  id: string;
  kind: AttentionKind;
  /** The flags of a flagged result ([] for a refusal). */
  flags: readonly Flag[];
  /** For a flagged check-in: the session and the member it was for. */
  sessionId: string | null;
  memberId: string | null;
}

export interface AttentionFacts {
  item: AttentionItem | null;
  /** The item's resolution, if it was resolved before. */
  resolution: AttentionResolution | null;
  /** For a flagged check-in: its session, its attendance record as it is now, the member's passes. */
  session: Session | null;
  attendance: Attendance | null;
  passes: readonly Pass[];
  /** The member's active guardian, whose passes pay after the member's own. */
  guardianId?: string | null;
}

/** The credit-log reason of a charge that pays an unpaid check-in's debt. */
export const settledReason = 'Unpaid check-in settled';

/**
 * Charges as much of an attendance's debt as the member's usable passes
 * allow, through the same pass choice as a check-in (valid on the session's
 * date, earliest expiry first). What cannot be paid stays owed.
 */
function payDebt(
  ctx: CommandContext,
  session: Session,
  attendance: Attendance,
  passes: readonly Pass[],
  at: Instant,
  guardianId: string | null = null,
) {
  const ledger = new PassLedger(
    passes,
    ctx.actor.memberId,
    at,
    guardianMap(attendance.memberId, guardianId),
  );
  const charged = ledger.charge(
    attendance.memberId,
    session,
    sessionDate(session, ctx),
    attendance.unpaidCredits,
    'charged_checkin',
    { sessionId: session.id, attendanceId: attendance.id, reason: settledReason },
  );
  const unpaidCredits = charged.shortfall;
  const settled: Attendance = {
    ...attendance,
    charges: mergeCharges(attendance.charges, charged.charges),
    unpaidCredits,
    flags: unpaidCredits > 0 ? attendance.flags : attendance.flags.filter((f) => f !== 'unpaid'),
    updatedAt: at,
  };
  return { attendance: settled, ledger, paid: totalCredits(charged.charges), unpaidCredits };
}

function sessionDate(session: Session, ctx: CommandContext): ClubDate {
  return clubDate(session.startsAt, ctx.settings.timezone);
}

/**
 * Pay an unpaid check-in's debt now (hosts and owners), e.g. after the
 * member bought a pass. Charges what is usable; what is still missing stays
 * owed and the result carries `unpaid`. Nothing usable → `insufficient_credits`.
 * Not bound to the backfill window: it changes no attendance, it pays for it.
 */
export function settleCheckIn(
  ctx: CommandContext,
  args: MutationArgs<'checkin.settle'>,
  facts: Pick<AttentionFacts, 'session' | 'attendance' | 'passes' | 'guardianId'>,
): Decision {
  if (!isStaff(ctx.actor)) return refuse('not_permitted');
  const { session, attendance } = facts;
  if (!session || !attendance || attendance.voided || attendance.memberId !== args.memberId) {
    return refuse('not_found');
  }
  if (attendance.unpaidCredits === 0) return applied();
  const paid = payDebt(
    ctx,
    session,
    attendance,
    facts.passes,
    toIso(ctx.now),
    facts.guardianId ?? null,
  );
  if (paid.paid === 0) {
    return refuseWith('insufficient_credits', explain.creditsOwed(attendance.unpaidCredits, 0));
  }
  return applied({
    attendance: [paid.attendance],
    passes: paid.ledger.changed(),
    creditLog: paid.ledger.entries,
    flags: paid.unpaidCredits > 0 ? ['unpaid'] : [],
  });
}

/**
 * Close a needs-attention item (hosts and owners), once:
 * - `dismissed`: closed, nothing changes;
 * - `accepted`: the outcome stands; for an unpaid check-in the debt is waived
 *   (the check-in counts as attended for free);
 * - `charged` (unpaid check-ins only): the whole debt is charged now to the
 *   member's usable passes, or nothing is and it is refused
 *   `insufficient_credits`. A debt already settled just closes the item.
 */
export function resolveAttention(
  ctx: CommandContext,
  args: MutationArgs<'attention.resolve'>,
  facts: AttentionFacts,
): Decision {
  if (!isStaff(ctx.actor)) return refuse('not_permitted');
  const { item } = facts;
  if (!item) return refuse('not_found');
  if (facts.resolution) {
    const { resolution: how, resolvedAt } = facts.resolution;
    const tz = ctx.settings.timezone;
    return refuse(
      'conflict',
      `It was already resolved (${how}) on ${clubDate(resolvedAt, tz)} at ${clubTime(resolvedAt, tz)}.`,
    );
  }
  const at = toIso(ctx.now);
  const resolution: AttentionResolution = {
    itemId: item.id,
    resolution: args.resolution,
    note: args.note ?? null,
    resolvedBy: ctx.actor.memberId,
    resolvedAt: at,
  };
  const close = applied({ attentionResolutions: [resolution] });
  const unpaidCheckIn = item.kind === 'flagged' && item.flags.includes('unpaid');
  if (args.resolution === 'charged' && !unpaidCheckIn) {
    return refuse('invalid_args', 'Only an unpaid check-in can be charged.');
  }
  if (args.resolution === 'dismissed' || !unpaidCheckIn) return close;

  const { session, attendance } = facts;
  const current = attendance && attendance.memberId === item.memberId ? attendance : null;
  if (args.resolution === 'charged' && (!current || current.voided)) {
    return refuse('conflict', 'The check-in has been voided since; dismiss the item instead.');
  }
  if (!current || current.voided || current.unpaidCredits === 0) return close;

  if (args.resolution === 'accepted') {
    const waived: Attendance = {
      ...current,
      unpaidCredits: 0,
      flags: current.flags.filter((f) => f !== 'unpaid'),
      updatedAt: at,
    };
    return applied({ attendance: [waived], attentionResolutions: [resolution] });
  }

  if (!session) return refuse('not_found');
  const usable = usableCredits(
    facts.passes.filter((p) => p.memberId === current.memberId),
    session,
    sessionDate(session, ctx),
  );
  if (usable < current.unpaidCredits) {
    return refuseWith('insufficient_credits', explain.creditsOwed(current.unpaidCredits, usable));
  }
  const paid = payDebt(ctx, session, current, facts.passes, at);
  return applied({
    attendance: [paid.attendance],
    passes: paid.ledger.changed(),
    creditLog: paid.ledger.entries,
    attentionResolutions: [resolution],
  });
}

/**
 * A refused item's group as the server's mutation log has it: its key, when
 * the item reached the server, how far the group was dismissed before, and
 * what dismissing up to the item would cover.
 */
export interface AttentionGroupFacts {
  key: AttentionGroupKey;
  /** When the named item reached the server. */
  receivedAt: Instant;
  /** The group's latest dismissal, if any. */
  lastDismissal: AttentionGroupDismissal | null;
  /** Refusals of the group after its latest dismissal, up to and including the named item. */
  pending: { count: number; firstReceivedAt: Instant | null };
  /** Refusals of the group logged up to the named item, in all. */
  covered: number;
}

/**
 * Dismiss a group of refusals at once (hosts and owners, as `attention.resolve`):
 * every refusal of the named item's device, mutation and code that reached
 * the server up to the item is closed by one dismissal, whatever their
 * number. Refusals that arrive later start a new open group. Flagged items
 * are about one person's money or place and are resolved one by one.
 */
export function dismissAttentionGroup(
  ctx: CommandContext,
  args: MutationArgs<'attention.dismissGroup'>,
  facts: { item: AttentionItem | null; group: AttentionGroupFacts | null },
): Decision {
  if (!isStaff(ctx.actor)) return refuse('not_permitted');
  const { item, group } = facts;
  if (!item) return refuse('not_found');
  if (item.kind !== 'refused' || !group) {
    return refuse(
      'invalid_args',
      'Only refusals are dismissed as a group; resolve a flagged item on its own.',
    );
  }
  const last = group.lastDismissal;
  if (last && toMs(last.upTo) >= toMs(group.receivedAt)) {
    const tz = ctx.settings.timezone;
    return refuse(
      'conflict',
      `It was already dismissed with its group on ${clubDate(last.dismissedAt, tz)} at ${clubTime(last.dismissedAt, tz)}.`,
    );
  }
  const dismissal: AttentionGroupDismissal = {
    id: ctx.mutationId,
    ...group.key,
    upTo: group.receivedAt,
    lastItemId: item.id,
    itemCount: group.pending.count,
    firstReceivedAt: group.pending.firstReceivedAt ?? group.receivedAt,
    covered: group.covered,
    note: args.note ?? null,
    dismissedBy: ctx.actor.memberId,
    dismissedAt: toIso(ctx.now),
  };
  return applied({ attentionDismissals: [dismissal] });
}
