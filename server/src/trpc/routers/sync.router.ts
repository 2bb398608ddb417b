import { tracked } from '@trpc/server';
import { changesInput, pullInput, pushInput } from '@turnout/shared';
import { z } from 'zod';
import { currentVersion } from '../../repositories/domain.repository.js';
import { clubChanges, notifyClubChanged } from '../../sync/changes.js';
import { defaultPageSize, pull } from '../../sync/pull.js';
import { push } from '../../sync/push.js';
import { authedProcedure, clubProcedure, router } from '../init.js';

/** Smaller pages for slow links (and tests); never more than the server's page size. */
const pullRequest = pullInput.extend({
  limit: z.number().int().min(1).max(defaultPageSize).optional(),
});

export const syncRouter = router({
  /**
   * Applies a device's outbox batch for one club. Domain refusals and invalid
   * args are results, not errors; the caller's membership is checked per
   * mutation at apply time (a removed member's queue is refused, not lost).
   */
  push: authedProcedure.input(pushInput).mutation(async ({ ctx, input }) => {
    const { version, ...output } = await push(ctx, { userId: ctx.user.userId }, input);
    // After commit: poke the club's devices so they pull.
    if (version !== undefined) notifyClubChanged(input.clubId, version);
    return output;
  }),

  pull: clubProcedure('member')
    .input(pullRequest)
    .query(({ ctx, input }) => pull(ctx, ctx.actor, input)),

  /**
   * "Something changed at version N": no data, just a reason to pull. On
   * (re)connect the current version is sent first when it is newer than the
   * last event the client saw, so nothing is missed while it was away.
   */
  changes: clubProcedure('member')
    .input(changesInput)
    .subscription(async function* ({ ctx, input, signal }) {
      // Listen before reading the version, so a change in between is not lost.
      const changes = clubChanges(ctx.actor.clubId, signal);
      const seen = Number(input.lastEventId ?? Number.NaN);
      const now = await currentVersion(ctx.db);
      if (!(seen >= now)) yield tracked(String(now), { version: now });
      for await (const version of changes) {
        yield tracked(String(version), { version });
      }
    }),
});
