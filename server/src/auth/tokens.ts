import { createHash, randomBytes, randomInt } from 'node:crypto';

/** 256-bit opaque login token; only its hash is stored. */
export function newLoginToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

// Crockford's base32: no I, L, O, U, so a code read aloud or typed is unambiguous.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** An invitation code like `7KQ2M-XR9TD` (50 bits): short enough to type, long enough with rate limits. */
export function newInviteCode(): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** Accepts a code typed in any case, with or without the dash, with O/I/L mistyped. */
export function normalizeInviteCode(input: string): string {
  const raw = input
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return raw.length === 10 ? `${raw.slice(0, 5)}-${raw.slice(5)}` : raw;
}

/** A setup token for the one-time setup link. */
export function newSetupToken(): string {
  return randomBytes(24).toString('base64url');
}
