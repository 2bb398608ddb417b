import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import type { AccountTokenRow } from '../db/tables/account-tokens.table.js';
import { hashToken, newInviteCode, newLoginToken, normalizeInviteCode } from '../auth/tokens.js';
import { fail } from '../errors.js';
import { mailConfigured } from '../mail/queue.js';
import { findAccountToken } from '../repositories/account-tokens.repository.js';

/**
 * One-time links about an account (docs/decisions.md, "Passwords and
 * profile"): what they look like, how long they last, how they are checked.
 */

/** A mailed reset link works for an hour: long enough to find the mail, short if it leaks. */
export const RESET_MINUTES = 60;
/** A reset code a host hands over may be passed on the next day. */
export const STAFF_RESET_MINUTES = 24 * 60;
/** Confirming a new address may wait until the person reads that inbox. */
export const EMAIL_CHANGE_MINUTES = 24 * 60;

/** A mailed link's secret: 256 random bits, only its hash stored. */
export function newMailedToken(): { token: string; hash: string } {
  const token = newLoginToken();
  return { token, hash: hashToken(token) };
}

/**
 * A code a host or owner reads out or writes down (`7KQ2M-XR9TD`, 50 bits):
 * guessing it is bounded by the per-address limit on secrets and its day.
 */
export function newStaffCode(): { code: string; hash: string } {
  const code = newInviteCode();
  return { code, hash: hashToken(code) };
}

/** The hash a typed or clicked token is looked up by: codes are forgiving about case and dashes. */
function lookupHash(token: string): string {
  const trimmed = token.trim();
  return hashToken(trimmed.length <= 13 ? normalizeInviteCode(trimmed) : trimmed);
}

/**
 * The token's row if it may be used now; otherwise a refusal saying why:
 * `link_invalid` (never made: forged or mistyped), `link_used` (used, or a
 * newer one was made) or `link_expired`.
 */
export async function openAccountToken(
  db: Db,
  purpose: AccountTokenRow['purpose'],
  token: string,
  now: Date,
): Promise<AccountTokenRow> {
  const row = await findAccountToken(db, purpose, lookupHash(token));
  if (!row) fail('link_invalid');
  if (row.used_at !== null) fail('link_used');
  if (new Date(row.expires_at).getTime() <= now.getTime()) fail('link_expired');
  return row;
}

/**
 * Where mailed links point: only the configured PUBLIC_URL, never the Host
 * header of the request that asked (anyone can send one naming their own
 * site, and the mail would carry a working token there).
 */
export function mailLinkBase(config: Config): string | undefined {
  if (!mailConfigured(config) || !config.publicUrl) return undefined;
  return config.publicUrl.replace(/\/+$/, '');
}

export function minutesFrom(now: Date, minutes: number): Date {
  return new Date(now.getTime() + minutes * 60_000);
}
