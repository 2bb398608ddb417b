import {
  codeMessage,
  compressPoint,
  phoneCode,
  readPhoneCert,
  stepAt,
  toBase64Url,
} from '@turnout/shared';
import type { DoorIdentity } from '$lib/db/database';

/**
 * A member's phone as a door pass (QR check-in): it holds its own key and
 * makes a new code every time step, offline, signed with that key over the
 * club's certificate. WebCrypto only: the private key is made
 * non-extractable, so it cannot be copied off the phone by the app itself.
 */

const dayMs = 24 * 60 * 60 * 1000;
/** Ask the club for a new certificate when the one held has less than this left (and online). */
export const renewBeforeDays = 10;

/** Whether this browser can make codes (WebCrypto exists only on https and localhost). */
export function canMakeCodes(): boolean {
  return typeof globalThis.crypto?.subtle?.generateKey === 'function';
}

export function makeDoorKeys(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
    'verify',
  ]) as Promise<CryptoKeyPair>;
}

/** The public key as the club certifies it: compressed P-256, base64url. */
export async function publicKeyOf(keys: CryptoKeyPair): Promise<string> {
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', keys.publicKey));
  return toBase64Url(compressPoint(raw));
}

/** True when the phone should ask for a certificate (none yet, or running out). */
export function wantsCertificate(identity: DoorIdentity, nowMs: number): boolean {
  if (!identity.cert || !identity.certExpiresAt) return true;
  return Date.parse(identity.certExpiresAt) - nowMs < renewBeforeDays * dayMs;
}

/** True while the certificate held can still make codes the door accepts. */
export function certificateValid(identity: DoorIdentity, nowMs: number): boolean {
  return identity.certExpiresAt !== null && Date.parse(identity.certExpiresAt) > nowMs;
}

/** The code for the time step of `nowMs`; null without a certificate. */
export async function codeAt(identity: DoorIdentity, nowMs: number): Promise<string | null> {
  const cert = identity.cert ? readPhoneCert(identity.cert) : null;
  if (!cert) return null;
  const step = stepAt(nowMs);
  const signature = await crypto.subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    identity.keys.privateKey,
    codeMessage(cert.bytes, step) as Uint8Array<ArrayBuffer>,
  );
  return phoneCode(cert.bytes, step, new Uint8Array(signature));
}
