import { calendarFeedsInput, calendarRenewInput, calendarRevokeInput } from '@turnout/shared';
import { listFeeds, renewFeed, revokeFeed } from '../../services/calendar.service.js';
import { clubProcedure, router } from '../init.js';

/**
 * A member's own calendar addresses (docs/protocol.md, "Calendar feeds").
 * Everyone manages only their own: the actor's member id is the only one
 * these procedures touch.
 */
export const calendarRouter = router({
  feeds: clubProcedure('member')
    .input(calendarFeedsInput)
    .query(({ ctx }) => listFeeds(ctx, ctx.actor)),

  renew: clubProcedure('member')
    .input(calendarRenewInput)
    .mutation(({ ctx, input }) => renewFeed(ctx, ctx.actor, input.scope)),

  revoke: clubProcedure('member')
    .input(calendarRevokeInput)
    .mutation(({ ctx, input }) => revokeFeed(ctx, ctx.actor, input.scope)),
});
