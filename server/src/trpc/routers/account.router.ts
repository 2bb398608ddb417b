import {
  emailChangeInput,
  emailConfirmInput,
  passwordChangeInput,
  passwordForgotInput,
  passwordResetInput,
  passwordResetIssueInput,
  passwordResetPreviewInput,
  profileUpdateInput,
} from '@turnout/shared';
import { setSessionCookie } from '../../auth/cookies.js';
import { endLogin, getMe, startLogin } from '../../services/accounts.service.js';
import {
  issuePasswordReset,
  previewPasswordReset,
  requestPasswordReset,
  resetPassword,
} from '../../services/password-reset.service.js';
import {
  accountOptions,
  changePassword,
  confirmEmailChange,
  endOtherLogins,
  getProfile,
  listLogins,
  requestEmailChange,
  updateProfile,
} from '../../services/profile.service.js';
import { authedProcedure, clubProcedure, publicProcedure, router } from '../init.js';

/** Passwords and profile (docs/protocol.md, "Account"). Online only, like every account call. */
export const accountRouter = router({
  options: publicProcedure.query(({ ctx }) => accountOptions(ctx)),

  /** Always the same answer, whether or not the email has an account. */
  forgotPassword: publicProcedure.input(passwordForgotInput).mutation(async ({ ctx, input }) => {
    await ctx.rateLimits.passwordForgot(ctx.request.ip, input.email);
    await requestPasswordReset(ctx, input);
    return { ok: true as const };
  }),

  resetPreview: publicProcedure.input(passwordResetPreviewInput).query(async ({ ctx, input }) => {
    await ctx.rateLimits.secret(ctx.request.ip);
    return previewPasswordReset(ctx, input.token);
  }),

  /** Sets the new password, ends every login of the account and logs this device in. */
  resetPassword: publicProcedure.input(passwordResetInput).mutation(async ({ ctx, input }) => {
    await ctx.rateLimits.secret(ctx.request.ip);
    const userId = await resetPassword(ctx, input.token, input.password);
    // This device may have been logged in to another account: that login ends with the switch.
    if (ctx.user && ctx.user.userId !== userId) await endLogin(ctx, ctx.user.sessionId);
    const login = await startLogin(ctx, userId, ctx.request.userAgent);
    if (ctx.res) setSessionCookie(ctx.res, login.token, login.expiresAt, ctx.request.secure);
    return getMe(ctx, userId);
  }),

  /** A host (for members) or owner makes a one-time reset code to hand over. */
  issueReset: clubProcedure('host')
    .input(passwordResetIssueInput)
    .mutation(({ ctx, input }) =>
      issuePasswordReset(ctx, ctx.actor, input.memberId, ctx.request.ip),
    ),

  profile: authedProcedure.query(({ ctx }) => getProfile(ctx, ctx.user.userId)),

  updateProfile: authedProcedure
    .input(profileUpdateInput)
    .mutation(({ ctx, input }) => updateProfile(ctx, ctx.user.userId, input)),

  /** Needs the current password; ends every other login of the account. */
  changePassword: authedProcedure.input(passwordChangeInput).mutation(async ({ ctx, input }) => {
    await ctx.rateLimits.login(ctx.request.ip, ctx.user.email);
    return changePassword(ctx, ctx.user, input.currentPassword, input.password);
  }),

  logins: authedProcedure.query(({ ctx }) => listLogins(ctx, ctx.user)),

  endOtherLogins: authedProcedure.mutation(({ ctx }) => endOtherLogins(ctx, ctx.user)),

  /** Mails a confirmation link to the new address; the email changes when it is opened. */
  changeEmail: authedProcedure.input(emailChangeInput).mutation(async ({ ctx, input }) => {
    await ctx.rateLimits.login(ctx.request.ip, ctx.user.email);
    return requestEmailChange(ctx, ctx.user.userId, input);
  }),

  confirmEmail: publicProcedure.input(emailConfirmInput).mutation(async ({ ctx, input }) => {
    await ctx.rateLimits.secret(ctx.request.ip);
    return confirmEmailChange(ctx, input.token);
  }),
});
