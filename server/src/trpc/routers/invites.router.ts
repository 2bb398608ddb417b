import {
  inviteAcceptInput,
  inviteCreateInput,
  invitePreviewInput,
  inviteRevokeInput,
} from '@turnout/shared';
import { setSessionCookie } from '../../auth/cookies.js';
import { getMe, startLogin } from '../../services/accounts.service.js';
import {
  acceptInvite,
  createInvite,
  listInvites,
  previewInvite,
  revokeInvite,
} from '../../services/invites.service.js';
import { clubProcedure, publicProcedure, router } from '../init.js';

export const invitesRouter = router({
  create: clubProcedure('host')
    .input(inviteCreateInput)
    .mutation(({ ctx, input }) => createInvite(ctx, ctx.actor, input, ctx.request.origin)),

  list: clubProcedure('host').query(({ ctx }) => listInvites(ctx, ctx.actor)),

  revoke: clubProcedure('host')
    .input(inviteRevokeInput)
    .mutation(({ ctx, input }) => revokeInvite(ctx, ctx.actor, input.inviteId)),

  /** Shows which club and role an invitation is for, before joining. */
  preview: publicProcedure.input(invitePreviewInput).query(async ({ ctx, input }) => {
    await ctx.rateLimits.secret(ctx.request.ip);
    return previewInvite(ctx, input.token);
  }),

  /** Joins as the logged-in account, or creates one (and logs it in). */
  accept: publicProcedure.input(inviteAcceptInput).mutation(async ({ ctx, input }) => {
    await ctx.rateLimits.secret(ctx.request.ip);
    const joined = await acceptInvite(ctx, input, ctx.user?.userId);
    if (joined.createdAccount) {
      const login = await startLogin(ctx, joined.userId, ctx.request.userAgent);
      if (ctx.res) setSessionCookie(ctx.res, login.token, login.expiresAt, ctx.request.secure);
    }
    return { ...(await getMe(ctx, joined.userId)), clubId: joined.clubId };
  }),
});
