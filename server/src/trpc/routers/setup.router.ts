import { setupCreateClubInput } from '@turnout/shared';
import { setSessionCookie } from '../../auth/cookies.js';
import { getMe, startLogin } from '../../services/accounts.service.js';
import { createClub, needsSetup } from '../../services/setup.service.js';
import { publicProcedure, router } from '../init.js';

export const setupRouter = router({
  status: publicProcedure.query(async ({ ctx }) => ({ needsSetup: await needsSetup(ctx) })),

  /** Creates the club and its owner with the one-time setup token, and logs the owner in. */
  createClub: publicProcedure.input(setupCreateClubInput).mutation(async ({ ctx, input }) => {
    await ctx.rateLimits.secret(ctx.request.ip);
    const { userId } = await createClub(ctx, input);
    const login = await startLogin(ctx, userId, ctx.request.userAgent);
    if (ctx.res) setSessionCookie(ctx.res, login.token, login.expiresAt, ctx.request.secure);
    return getMe(ctx, userId);
  }),
});
