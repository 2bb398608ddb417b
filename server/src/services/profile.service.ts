import type { AccountLocale, EmailChangeInput, ProfileUpdateInput } from '@turnout/shared';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { fail } from '../errors.js';
import { newId } from '../ids.js';
import { mailConfigured, queueMail } from '../mail/queue.js';
import {
  findPendingEmailChange,
  replaceAccountToken,
  retireAccountTokens,
  useAccountToken,
} from '../repositories/account-tokens.repository.js';
import {
  deleteOtherLoginsOfUser,
  listLoginsOfUser,
} from '../repositories/login-sessions.repository.js';
import {
  findUserByEmail,
  getUser,
  setUserEmail,
  setUserPassword,
  setUserProfile,
} from '../repositories/users.repository.js';
import {
  EMAIL_CHANGE_MINUTES,
  mailLinkBase,
  minutesFrom,
  newMailedToken,
  openAccountToken,
} from './account-tokens.service.js';
import type { AuthUser } from './accounts.service.js';
import type { ServiceDeps } from './deps.js';

/** The profile page: who the account is, and what this server can do for it. */
export async function getProfile(deps: ServiceDeps, userId: string) {
  const user = await getUser(deps.db, userId);
  if (!user) fail('unauthenticated');
  const pending = await findPendingEmailChange(deps.db, userId, deps.clock().toISOString());
  return {
    name: user.name,
    email: user.email,
    locale: (user.locale ?? null) as AccountLocale | null,
    /** An address waiting for its confirmation link to be clicked. */
    pendingEmail: pending?.new_email ?? null,
    /** Whether mailed links work here (else a host or owner hands over a reset code). */
    mailConfigured: mailLinkBase(deps.config) !== undefined,
  };
}

/** What this server offers before anyone logs in (the forgot-password page). */
export function accountOptions(deps: ServiceDeps) {
  return {
    mailConfigured: mailConfigured(deps.config) && deps.config.publicUrl !== undefined,
  };
}

export async function updateProfile(deps: ServiceDeps, userId: string, input: ProfileUpdateInput) {
  await setUserProfile(deps.db, userId, {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.locale !== undefined ? { locale: input.locale } : {}),
  });
  return getProfile(deps, userId);
}

/** Checks the account's current password; a wrong one is refused `wrong_password`. */
async function confirmPassword(deps: ServiceDeps, userId: string, password: string) {
  const user = await getUser(deps.db, userId);
  if (!user) fail('unauthenticated');
  if (!(await verifyPassword(password, user.password_hash))) fail('wrong_password');
  return user;
}

/**
 * Changes the password, knowing the current one. Every other login of the
 * account ends (a device someone else holds is out); this one stays.
 * Open reset links stop working too: they were made for the old password.
 */
export async function changePassword(
  deps: ServiceDeps,
  user: AuthUser,
  currentPassword: string,
  password: string,
): Promise<{ endedLogins: number }> {
  await confirmPassword(deps, user.userId, currentPassword);
  const passwordHash = await hashPassword(password, deps.config.passwordCost);
  return deps.db.transaction().execute(async (trx) => {
    await setUserPassword(trx, user.userId, passwordHash);
    await retireAccountTokens(trx, user.userId, 'reset', deps.clock().toISOString());
    return { endedLogins: await deleteOtherLoginsOfUser(trx, user.userId, user.sessionId) };
  });
}

/** The account's logins, this device's marked, for "log out other devices". */
export async function listLogins(deps: ServiceDeps, user: AuthUser) {
  const logins = await listLoginsOfUser(deps.db, user.userId);
  return logins.map((l) => ({ ...l, current: l.id === user.sessionId }));
}

export async function endOtherLogins(deps: ServiceDeps, user: AuthUser) {
  return { endedLogins: await deleteOtherLoginsOfUser(deps.db, user.userId, user.sessionId) };
}

/**
 * Asks to change the account's email: a confirmation link is mailed to the
 * NEW address and the change happens only when it is opened, so nobody can
 * move an account to an address they cannot read. The old address stays
 * until then. Needs the current password, as a login left open on a
 * shared computer must not be enough to take the account.
 */
export async function requestEmailChange(
  deps: ServiceDeps,
  userId: string,
  input: EmailChangeInput,
): Promise<{ pendingEmail: string; expiresAt: string }> {
  const base = mailLinkBase(deps.config);
  if (!base)
    fail(
      'mail_not_configured',
      'This server does not send email, so the address cannot be confirmed.',
    );
  const user = await confirmPassword(deps, userId, input.currentPassword);
  if (input.email === user.email) fail('invalid_args', 'This is already your email address.');
  if (await findUserByEmail(deps.db, input.email)) {
    fail('email_taken', 'Another account already uses this email address.');
  }
  const now = deps.clock();
  const { token, hash } = newMailedToken();
  const expiresAt = minutesFrom(now, EMAIL_CHANGE_MINUTES).toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await replaceAccountToken(trx, {
      id: newId(),
      user_id: userId,
      purpose: 'email_change',
      token_hash: hash,
      new_email: input.email,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      used_at: null,
      made_by: null,
    });
    await queueMail(
      trx,
      {
        to: input.email,
        locale: user.locale ?? input.locale ?? 'en',
        kind: 'email_change',
        data: {
          name: user.name,
          link: `${base}/email/${token}`,
          expiresMinutes: EMAIL_CHANGE_MINUTES,
        },
        userId,
      },
      now,
    );
  });
  return { pendingEmail: input.email, expiresAt };
}

/**
 * Opens the link mailed to the new address: the account's email becomes it,
 * unless another account took that address in the meantime.
 */
export async function confirmEmailChange(deps: ServiceDeps, token: string) {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock();
    const row = await openAccountToken(trx, 'email_change', token, now);
    const email = row.new_email;
    if (email === null) fail('link_invalid');
    const holder = await findUserByEmail(trx, email);
    if (holder && holder.id !== row.user_id) {
      fail('email_taken', 'Another account already uses this email address.');
    }
    if (!(await useAccountToken(trx, row.id, now.toISOString()))) fail('link_used');
    await setUserEmail(trx, row.user_id, email);
    return { email };
  });
}
