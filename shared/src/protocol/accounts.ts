import { z } from 'zod';
import { roles } from '../roles.js';
import { isTimeZone } from '../settings.js';
import { lazy } from '../lazy.js';

/** Inputs of the online-only account procedures (ARCHITECTURE.md, "Accounts"). */

/**
 * An id: a UUID, but never the nil or the max UUID (RFC 9562). Those are
 * what a buggy device sends when it has no id to send, and they would name
 * one row for every such device.
 */
export const id = z
  .uuid()
  .refine(
    (v) =>
      v !== '00000000-0000-0000-0000-000000000000' &&
      v.toLowerCase() !== 'ffffffff-ffff-ffff-ffff-ffffffffffff',
    'The nil and max UUIDs are not ids',
  );
const email = lazy(() =>
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: 'Enter a valid email address' }).max(254)),
);
const password = lazy(() =>
  z
    .string()
    .min(10, 'Use at least 10 characters for the password')
    .max(200, 'The password is too long'),
);
const personName = lazy(() => z.string().trim().min(1, 'Enter a name').max(100));
const clubName = lazy(() => z.string().trim().min(1, 'Enter the club name').max(100));

export const newAccountInput = lazy(() =>
  z.object({
    name: personName,
    email,
    password,
  }),
);

export const setupCreateClubInput = lazy(() =>
  z.object({
    token: z.string().min(1).max(200),
    club: z.object({
      name: clubName,
      timezone: z.string().refine(isTimeZone, 'Unknown time zone').optional(),
    }),
    owner: newAccountInput,
  }),
);

export const loginInput = lazy(() =>
  z.object({
    email,
    password: z.string().min(1, 'Enter your password').max(200),
  }),
);

export const clubInput = lazy(() => z.object({ clubId: id }));

export const inviteCreateInput = lazy(() =>
  z.object({
    clubId: id,
    role: z.enum(roles),
    /** Optional: who the invitation is meant for (shown to the inviter only). */
    email: email.optional(),
    /** Days the invitation stays valid; 1..30, default 7. */
    validDays: z.number().int().min(1).max(30).default(7),
    /** How many people may use it; 1 for a personal invitation, more for a club-wide code. */
    maxUses: z.number().int().min(1).max(1000).default(1),
    /**
     * Invite a walk-in to claim an account that keeps their visits: the guest's
     * member id. The invitation is then for one person, as a member.
     */
    guestMemberId: id.optional(),
  }),
);

const inviteToken = lazy(() => z.string().trim().min(6).max(200));

export const invitePreviewInput = lazy(() => z.object({ token: inviteToken }));

/** Accept as the logged-in account (no `account`) or create a new one (`account`). */
export const inviteAcceptInput = lazy(() =>
  z.object({
    token: inviteToken,
    account: newAccountInput.optional(),
  }),
);

export const inviteRevokeInput = lazy(() => z.object({ clubId: id, inviteId: id }));

export const memberSetRoleInput = lazy(() =>
  z.object({ clubId: id, memberId: id, role: z.enum(roles) }),
);
export const memberRemoveInput = lazy(() => z.object({ clubId: id, memberId: id }));

/** Passwords and profile (docs/decisions.md, "Passwords and profile"). */

/** The languages an account can choose for the app and its mail. */
export const accountLocales = ['en', 'de', 'fr'] as const;
export type AccountLocale = (typeof accountLocales)[number];

/**
 * A one-time link's token: 43 characters in a mailed link, or a short code
 * like `7KQ2M-XR9TD` that a host or owner handed over.
 */
const accountToken = lazy(() => z.string().trim().min(6).max(200));

export const passwordForgotInput = lazy(() =>
  z.object({
    email,
    /** The device's language, for the mail when the account has not chosen one. */
    locale: z.enum(accountLocales).optional(),
  }),
);

export const passwordResetPreviewInput = lazy(() => z.object({ token: accountToken }));

export const passwordResetInput = lazy(() => z.object({ token: accountToken, password }));

export const passwordChangeInput = lazy(() =>
  z.object({
    currentPassword: z.string().min(1, 'Enter your password').max(200),
    password,
  }),
);

export const profileUpdateInput = lazy(() =>
  z.object({
    name: personName.optional(),
    /** null: follow each device's language. */
    locale: z.enum(accountLocales).nullable().optional(),
  }),
);

export const emailChangeInput = lazy(() =>
  z.object({
    email,
    currentPassword: z.string().min(1, 'Enter your password').max(200),
    /** The device's language, for the confirmation mail when the account has not chosen one. */
    locale: z.enum(accountLocales).optional(),
  }),
);

export const emailConfirmInput = lazy(() => z.object({ token: accountToken }));

/** A host or owner makes a one-time reset link for a member of their club. */
export const passwordResetIssueInput = lazy(() => z.object({ clubId: id, memberId: id }));

export type PasswordForgotInput = z.infer<typeof passwordForgotInput>;
export type PasswordChangeInput = z.infer<typeof passwordChangeInput>;
export type ProfileUpdateInput = z.infer<typeof profileUpdateInput>;
export type EmailChangeInput = z.infer<typeof emailChangeInput>;

export type SetupCreateClubInput = z.infer<typeof setupCreateClubInput>;
export type LoginInput = z.infer<typeof loginInput>;
export type InviteCreateInput = z.input<typeof inviteCreateInput>;
export type InviteAcceptInput = z.infer<typeof inviteAcceptInput>;
