import { roleAtLeast, type AccountLocale } from '@turnout/shared';
import { hashPassword } from '../auth/password.js';
import { fail } from '../errors.js';
import { newId } from '../ids.js';
import { queueMail } from '../mail/queue.js';
import {
  replaceAccountToken,
  retireAccountTokens,
  useAccountToken,
} from '../repositories/account-tokens.repository.js';
import { deleteLoginSessionsOfUser } from '../repositories/login-sessions.repository.js';
import { getMembership, listClubsOfUser } from '../repositories/memberships.repository.js';
import { recordAuditEvent } from '../repositories/security-log.repository.js';
import { findUserByEmail, getUser, setUserPassword } from '../repositories/users.repository.js';
import {
  mailLinkBase,
  minutesFrom,
  newMailedToken,
  newStaffCode,
  openAccountToken,
  RESET_MINUTES,
  STAFF_RESET_MINUTES,
} from './account-tokens.service.js';
import type { ServiceDeps } from './deps.js';
import type { ClubActor } from './invites.service.js';

/** Accounts nobody can log in to (a walk-in's placeholder) have addresses no mail reaches. */
const undeliverable = (email: string) => email.endsWith('.invalid');

/**
 * "Forgot password": when the email has an account and this server sends
 * mail, a one-time link is mailed to it. The caller answers the same
 * whatever happened here, and the work is the same shape either way (a
 * token made and hashed, one transaction retiring older links); what differs
 * is two row inserts, far below what a network shows, with the requests
 * for one email limited to a few an hour.
 */
export async function requestPasswordReset(
  deps: ServiceDeps,
  input: { email: string; locale?: AccountLocale | undefined },
): Promise<void> {
  const now = deps.clock();
  const { token, hash } = newMailedToken();
  const base = mailLinkBase(deps.config);
  const found = await findUserByEmail(deps.db, input.email);
  const user = found && !undeliverable(found.email) && base ? found : undefined;
  await deps.db.transaction().execute(async (trx) => {
    await retireAccountTokens(trx, user?.id ?? '', 'reset', now.toISOString());
    if (!user || !base) return;
    await replaceAccountToken(trx, {
      id: newId(),
      user_id: user.id,
      purpose: 'reset',
      token_hash: hash,
      new_email: null,
      created_at: now.toISOString(),
      expires_at: minutesFrom(now, RESET_MINUTES).toISOString(),
      used_at: null,
      made_by: null,
    });
    await queueMail(
      trx,
      {
        to: user.email,
        locale: user.locale ?? input.locale ?? 'en',
        kind: 'password_reset',
        data: { name: user.name, link: `${base}/reset/${token}`, expiresMinutes: RESET_MINUTES },
        userId: user.id,
      },
      now,
    );
  });
  if (found && !base) {
    deps.logger.warn(
      'a password reset was asked for, but no mail is sent: set SMTP_URL, MAIL_FROM and PUBLIC_URL',
    );
  }
}

/** Who a valid reset link is for, so the page can greet them; refused like a reset would be. */
export async function previewPasswordReset(deps: ServiceDeps, token: string) {
  const row = await openAccountToken(deps.db, 'reset', token, deps.clock());
  const user = await getUser(deps.db, row.user_id);
  if (!user) fail('link_invalid');
  return { name: user.name, expiresAt: row.expires_at };
}

/**
 * Sets a new password with a reset link: the link is used up, every login
 * of the account ends (whoever knew the old password is out) and other
 * open reset links stop working. Returns the account, for this device to
 * log in.
 */
export async function resetPassword(
  deps: ServiceDeps,
  token: string,
  password: string,
): Promise<string> {
  // Checked before the slow hash, and again inside the transaction where it is used.
  await openAccountToken(deps.db, 'reset', token, deps.clock());
  const passwordHash = await hashPassword(password, deps.config.passwordCost);
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock();
    const row = await openAccountToken(trx, 'reset', token, now);
    if (!(await useAccountToken(trx, row.id, now.toISOString()))) fail('link_used');
    await setUserPassword(trx, row.user_id, passwordHash);
    await deleteLoginSessionsOfUser(trx, row.user_id);
    await retireAccountTokens(trx, row.user_id, 'reset', now.toISOString());
    return row.user_id;
  });
}

/**
 * A host or owner makes a one-time reset code for someone of their club
 * who cannot get the mail. Only for people the actor could manage: not for
 * themselves (their profile changes their password), not for a walk-in
 * who has no account yet, and for someone who is a host or owner in any
 * club only when the actor owns that club — else a host could take over an
 * owner's account, or an owner of one club the account's place in another.
 * Each code made is in the security log.
 */
export async function issuePasswordReset(
  deps: ServiceDeps,
  actor: ClubActor,
  memberId: string,
  address: string,
): Promise<{ code: string; name: string; expiresAt: string }> {
  const { code, hash } = newStaffCode();
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock();
    const member = await getMembership(trx, actor.clubId, memberId);
    if (!member) fail('not_found');
    const user = await getUser(trx, member.user_id);
    if (!user) fail('not_found');
    if (user.id === actor.userId) {
      fail('not_permitted', 'Change your own password on your profile page.');
    }
    if (undeliverable(user.email)) {
      fail('not_permitted', 'A walk-in has no account yet: invite them to claim one instead.');
    }
    const theirClubs = await listClubsOfUser(trx, user.id);
    const actorClubs = await listClubsOfUser(trx, actor.userId);
    const actorOwns = new Set(actorClubs.filter((c) => c.role === 'owner').map((c) => c.clubId));
    const outranked = theirClubs.some(
      (c) => roleAtLeast(c.role, 'host') && !actorOwns.has(c.clubId),
    );
    if (outranked) {
      fail(
        'not_permitted',
        'Only an owner of every club where this person is a host or owner can reset their password.',
      );
    }
    const expiresAt = minutesFrom(now, STAFF_RESET_MINUTES).toISOString();
    await replaceAccountToken(trx, {
      id: newId(),
      user_id: user.id,
      purpose: 'reset',
      token_hash: hash,
      new_email: null,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      used_at: null,
      made_by: actor.userId,
    });
    await recordAuditEvent(
      trx,
      {
        kind: 'password_reset_issued',
        userId: actor.userId,
        clubId: actor.clubId,
        clientId: null,
        address,
        detail: JSON.stringify({ memberId, userId: user.id }),
      },
      now,
    );
    return { code, name: user.name, expiresAt };
  });
}
