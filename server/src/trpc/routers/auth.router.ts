import { loginInput } from '@turnout/shared';
import { clearSessionCookie, setSessionCookie } from '../../auth/cookies.js';
import { checkCredentials, endLogin, getMe, startLogin } from '../../services/accounts.service.js';
import { authedProcedure, publicProcedure, router } from '../init.js';

export const authRouter = router({
  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    await ctx.rateLimits.login(ctx.request.ip, input.email);
    const userId = await checkCredentials(ctx, input.email, input.password);
    await ctx.rateLimits.loginSucceeded(ctx.request.ip, input.email);
    const login = await startLogin(ctx, userId, ctx.request.userAgent);
    if (ctx.res) setSessionCookie(ctx.res, login.token, login.expiresAt, ctx.request.secure);
    return getMe(ctx, userId);
  }),

  /** Ends this device's login. Safe to call when already logged out. */
  logout: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.user) await endLogin(ctx, ctx.user.sessionId);
    if (ctx.res) clearSessionCookie(ctx.res, ctx.request.secure);
    return { ok: true as const };
  }),

  me: authedProcedure.query(({ ctx }) => getMe(ctx, ctx.user.userId)),

  /**
   * Who is logged in on this device, or null. The app asks this on every start,
   * also on the login and invitation pages: "nobody" is a normal answer there, not
   * a refusal the browser logs as a failed request.
   */
  current: publicProcedure.query(({ ctx }) => (ctx.user ? getMe(ctx, ctx.user.userId) : null)),
});
