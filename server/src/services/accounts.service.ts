import { errorMessages } from '@turnout/shared';
import { decoyHash, hashPassword, verifyPassword } from '../auth/password.js';
import { hashToken, newLoginToken } from '../auth/tokens.js';
import { fail } from '../errors.js';
import { newId } from '../ids.js';
import {
  deleteLoginSession,
  findLoginByTokenHash,
  insertLoginSession,
  renewLoginSession,
} from '../repositories/login-sessions.repository.js';
import { listClubsOfUser } from '../repositories/memberships.repository.js';
import { findUserByEmail, getUser, insertUser } from '../repositories/users.repository.js';
import type { ServiceDeps } from './deps.js';

/** A login lasts 30 days and is renewed on use, so a host's phone stays usable offline. */
const LOGIN_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Renew at most once a day, so reads don't write on every request. */
const RENEW_AFTER_MS = DAY_MS;

export interface AuthUser {
  userId: string;
  name: string;
  email: string;
  sessionId: string;
}

export interface Me {
  /** `locale`: the language chosen on the profile; null follows the device. */
  user: { id: string; name: string; email: string; locale: string | null };
  clubs: {
    clubId: string;
    clubName: string;
    memberId: string;
    role: 'member' | 'host' | 'owner';
    timezone: string;
  }[];
}

export interface NewAccount {
  name: string;
  email: string;
  passwordHash: string;
}

/**
 * Hashing is slow on purpose, so it happens before any transaction opens
 * (a transaction holds the single SQLite connection).
 */
export async function prepareAccount(
  deps: ServiceDeps,
  account: { name: string; email: string; password: string },
): Promise<NewAccount> {
  return {
    name: account.name,
    email: account.email,
    passwordHash: await hashPassword(account.password, deps.config.passwordCost),
  };
}

export async function createAccount(deps: ServiceDeps, account: NewAccount): Promise<string> {
  if (await findUserByEmail(deps.db, account.email)) fail('email_taken');
  const id = newId();
  await insertUser(deps.db, {
    id,
    name: account.name,
    email: account.email,
    password_hash: account.passwordHash,
    created_at: deps.clock().toISOString(),
  });
  return id;
}

/** Checks email + password; the same refusal whether the email or the password is wrong. */
export async function checkCredentials(
  deps: ServiceDeps,
  email: string,
  password: string,
): Promise<string> {
  const user = await findUserByEmail(deps.db, email);
  if (!user) {
    await verifyPassword(password, await decoyHash(deps.config.passwordCost));
    fail('invalid_credentials');
  }
  if (!(await verifyPassword(password, user.password_hash))) fail('invalid_credentials');
  return user.id;
}

interface NewLogin {
  token: string;
  expiresAt: Date;
}

export async function startLogin(
  deps: ServiceDeps,
  userId: string,
  userAgent: string | undefined,
): Promise<NewLogin> {
  const now = deps.clock();
  const token = newLoginToken();
  const expiresAt = new Date(now.getTime() + LOGIN_DAYS * DAY_MS);
  await insertLoginSession(deps.db, {
    id: newId(),
    user_id: userId,
    token_hash: hashToken(token),
    created_at: now.toISOString(),
    expires_at: expiresAt.toISOString(),
    last_seen_at: now.toISOString(),
    user_agent: userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt };
}

interface ResolvedLogin {
  user: AuthUser;
  /** Set when the login was renewed and the cookie should be sent again. */
  renewedUntil: Date | undefined;
}

/** The account behind a login token, renewing the login when it is used. */
export async function resolveLogin(
  deps: ServiceDeps,
  token: string,
): Promise<ResolvedLogin | undefined> {
  const login = await findLoginByTokenHash(deps.db, hashToken(token));
  if (!login) return undefined;
  const now = deps.clock();
  const expiresAt = new Date(login.expiresAt);
  if (expiresAt.getTime() <= now.getTime()) {
    await deleteLoginSession(deps.db, login.sessionId);
    return undefined;
  }
  const user = {
    userId: login.userId,
    name: login.name,
    email: login.email,
    sessionId: login.sessionId,
  };
  const fullTerm = now.getTime() + LOGIN_DAYS * DAY_MS;
  if (fullTerm - expiresAt.getTime() < RENEW_AFTER_MS) return { user, renewedUntil: undefined };
  const renewedUntil = new Date(fullTerm);
  await renewLoginSession(deps.db, login.sessionId, renewedUntil.toISOString(), now.toISOString());
  return { user, renewedUntil };
}

export async function endLogin(deps: ServiceDeps, sessionId: string): Promise<void> {
  await deleteLoginSession(deps.db, sessionId);
}

export async function getMe(deps: ServiceDeps, userId: string): Promise<Me> {
  const user = await getUser(deps.db, userId);
  if (!user) fail('unauthenticated', errorMessages.unauthenticated);
  const clubs = await listClubsOfUser(deps.db, userId);
  return {
    user: { id: user.id, name: user.name, email: user.email, locale: user.locale ?? null },
    clubs,
  };
}
