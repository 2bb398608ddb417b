import { tracked } from '@trpc/server';
import { changesInput, pushInput, type Poke, type PushInput } from '@turnout/shared';
import { statementsOf } from '../../db/connection.js';
import { readableVersion } from '../../db/durable.js';
import { currentVersion } from '../../repositories/domain.repository.js';
import { clubChanges, notifyClubChanged } from '../../sync/changes.js';
import { committedCounts } from '../../sync/committed-counts.js';
import { pullPage, pullRequest } from '../../sync/pull-pool.js';
import { push } from '../../sync/push.js';
import { fail, AppFailure } from '../../errors.js';
import { dependantsOfGuardian } from '../../repositories/family.rows.js';
import { findAnyMembership } from '../../repositories/memberships.repository.js';
import {
  recordSecurityEvent,
  type SecurityEvent,
} from '../../repositories/security-log.repository.js';
import type { Context } from '../context.js';
import { authedProcedure, clubProcedure, router } from '../init.js';

export const syncRouter = router({
  /**
   * Applies a device's outbox batch for one club. Domain refusals and invalid
   * args are results, not errors; the caller's membership is checked per
   * mutation at apply time (a removed member's queue is refused, not lost).
   */
  push: authedProcedure.input(pushInput).mutation(async ({ ctx, input }) => {
    const userId = ctx.user.userId;
    const chars = Number(ctx.req?.headers['content-length']) || estimatedChars(input);
    await limited(ctx, input, () =>
      ctx.rateLimits.push(userId, input.clientId, input.mutations.length, chars),
    );
    // An outsider's push is refused as a whole and leaves no trace in the club it named
    // (not even whether the club exists); the server's security log keeps it instead.
    // Removed members are members of record: their queued changes are logged and refused.
    if (!(await findAnyMembership(ctx.db, input.clubId, userId))) {
      await recordSecurityEvent(ctx.db, securityEvent(ctx, input, 'not_a_member'), ctx.clock());
      fail('not_permitted', 'You are not a member of this club, so nothing was sent to it.');
    }
    const { version, touched, ...output } = await push(ctx, { userId }, input);
    // After commit: poke the club's devices so they pull (or, told whom it concerns, skip it).
    if (version !== undefined) {
      notifyClubChanged(input.clubId, version, { scope: touched, counts: committedCounts(ctx.db) });
    }
    return output;
  }),

  pull: clubProcedure('member')
    .input(pullRequest)
    .query(async ({ ctx, input }) => {
      await ctx.rateLimits.pull(ctx.user.userId);
      return pullPage(ctx, ctx.actor, input);
    }),

  /**
   * "Something changed at version N": no data, just a reason to pull. On
   * (re)connect the current version is sent first when it is newer than the
   * last event the client saw, so nothing is missed while it was away.
   */
  changes: clubProcedure('member')
    .input(changesInput)
    .subscription(async function* ({ ctx, input, signal }) {
      // Listen before reading the version, so a change in between is not lost.
      // A guardian hears of their dependants' records as of their own.
      const family = dependantsOfGuardian(
        statementsOf(ctx.db),
        ctx.actor.clubId,
        ctx.actor.memberId,
      );
      const changes = clubChanges(ctx.actor.clubId, [ctx.actor.memberId, ...family], signal);
      const seen = Number(input.lastEventId ?? Number.NaN);
      // What a pull would hand out now: committed and on disk (db/durable.ts).
      const now = Math.min(
        currentVersion(statementsOf(ctx.db)),
        readableVersion(ctx.db) ?? Number.MAX_SAFE_INTEGER,
      );
      const greeting: Poke = { version: now };
      if (!(seen >= now)) yield tracked(String(now), greeting);
      for await (const poke of changes) {
        yield tracked(String(poke.version), poke);
      }
    }),
});

/** Without a Content-Length (chunked), a push is counted by its args. */
function estimatedChars(input: PushInput): number {
  let chars = 0;
  for (const m of input.mutations) chars += 200 + JSON.stringify(m.args).length;
  return chars;
}

function securityEvent(
  ctx: Context & { user: { userId: string } },
  input: PushInput,
  kind: SecurityEvent['kind'],
): SecurityEvent {
  return {
    kind,
    userId: ctx.user.userId,
    clubId: input.clubId,
    clientId: input.clientId,
    address: ctx.request.ip,
    detail: `${input.mutations.length} mutations`,
  };
}

/** Runs a rate-limit check; a refusal is also written to the security log (bounded). */
async function limited(
  ctx: Context & { user: { userId: string } },
  input: PushInput,
  check: () => Promise<void>,
): Promise<void> {
  try {
    await check();
  } catch (error) {
    if (error instanceof AppFailure && error.code === 'rate_limited') {
      await recordSecurityEvent(ctx.db, securityEvent(ctx, input, 'rate_limited'), ctx.clock());
    }
    throw error;
  }
}
