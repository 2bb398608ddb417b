import { pushEndpointInput, pushSubscribeInput } from '@turnout/shared';
import { publicKey, status, subscribe, unsubscribe } from '../../push/push.service.js';
import { authedProcedure, router } from '../init.js';

/** Web push for the person logged in (docs/protocol.md, "Web push"); not tied to a club. */
export const pushRouter = router({
  publicKey: authedProcedure.query(({ ctx }) => publicKey(ctx)),

  subscribe: authedProcedure.input(pushSubscribeInput).mutation(async ({ ctx, input }) => {
    await ctx.rateLimits.pushSubscription(ctx.user.userId);
    return subscribe(ctx, ctx.user, input, ctx.request.userAgent);
  }),

  unsubscribe: authedProcedure.input(pushEndpointInput).mutation(async ({ ctx, input }) => {
    await ctx.rateLimits.pushSubscription(ctx.user.userId);
    return unsubscribe(ctx, ctx.user.userId, input);
  }),

  status: authedProcedure
    .input(pushEndpointInput)
    .query(({ ctx, input }) => status(ctx, ctx.user.userId, input)),
});
