import type { ErrorCode } from '../protocol/errors.js';
import type { MutationArgs } from '../protocol/mutations.js';
import { clubDate, clubTime, toIso } from '../time/index.js';
import type { MemberSessionFacts } from './attendance.js';
import { checkIn } from './checkins.js';
import { applied, refuse, type CommandContext, type Decision } from './decision.js';
import type { AttentionResolution, Instant } from './types.js';

/**
 * Putting a refused check-in right (spec §4, §7; docs/decisions.md,
 * "Conflicts told where they happen"): two devices offline filled the last
 * spot, the server refused the later one, yet the person was there. The
 * owner records that they attended, over capacity by the owner's explicit
 * decision, charged as any check-in is; the refusal is closed as
 * `reinstated` and both stay in the audit trail.
 */

/** The refusals a reinstatement can put right: the person was there, only a place or a credit was missing. */
export const reinstatableRefusals = [
  'session_full',
  'insufficient_credits',
] as const satisfies readonly ErrorCode[];

/** A refused `checkin.create` as the server's mutation log keeps it. */
export interface RefusedCheckIn {
  /** The refused mutation's id (its needs-attention item). */
  id: string;
  code: string | null;
  /** What it asked for: null when its args did not name a session. */
  sessionId: string | null;
  /** Its member (the sender's own check-in when it named none). */
  memberId: string | null;
  credits: number | undefined;
  /** When it happened at the door: the refused attempt's judged time. */
  at: Instant;
  /** Its own resolution, if it was resolved before (a group dismissal does not count). */
  resolution: AttentionResolution | null;
}

/** The credit-log reason of the charge a reinstated check-in makes. */
export const reinstatedReason = 'Refused check-in reinstated by the owner';

/**
 * Reinstate a refused check-in (owners only). `refused` is undefined on a
 * device, which has no mutation log: it shows nothing and the server
 * decides. Otherwise the check-in is judged as a host's check-in by the
 * owner now (backfill window, credits and `hostWithoutCredits` as usual),
 * except that a full session does not refuse it: it is recorded with
 * `over_capacity` on the record. The push result carries no
 * `over_capacity` flag (the owner's decision is the resolution, not a new
 * item); an `unpaid` one it does, as any check-in's debt.
 */
export function reinstateCheckIn(
  ctx: CommandContext,
  args: MutationArgs<'checkin.reinstate'>,
  facts: MemberSessionFacts & { refused: RefusedCheckIn | null | undefined },
): Decision {
  if (ctx.actor.role !== 'owner') return refuse('not_permitted');
  const { refused } = facts;
  if (refused === undefined) return applied();
  if (!refused) return refuse('not_found');
  if (!(reinstatableRefusals as readonly (string | null)[]).includes(refused.code)) {
    return refuse(
      'invalid_args',
      'Only a check-in refused for a full session or missing credits can be reinstated.',
    );
  }
  if (refused.sessionId !== args.sessionId || refused.memberId !== args.memberId) {
    return refuse('invalid_args', 'The session or member is not the refused check-in’s.');
  }
  if (refused.resolution) {
    const { resolution: how, resolvedAt } = refused.resolution;
    const tz = ctx.settings.timezone;
    return refuse(
      'conflict',
      `It was already resolved (${how}) on ${clubDate(resolvedAt, tz)} at ${clubTime(resolvedAt, tz)}.`,
    );
  }
  const decision = checkIn(
    ctx,
    {
      sessionId: args.sessionId,
      memberId: args.memberId,
      ...(refused.credits === undefined ? {} : { credits: refused.credits }),
    },
    facts,
    { admitOverCapacity: true, checkedInAt: refused.at, reason: reinstatedReason },
  );
  if (!decision.ok) return decision;
  const resolution: AttentionResolution = {
    itemId: refused.id,
    resolution: 'reinstated',
    note: args.note ?? null,
    resolvedBy: ctx.actor.memberId,
    resolvedAt: toIso(ctx.now),
  };
  return applied({
    ...decision.effects,
    flags: decision.effects.flags.filter((f) => f !== 'over_capacity'),
    attentionResolutions: [resolution],
  });
}
