import { p256 } from '@noble/curves/nist.js';
import { fromBase64Url } from './bytes.js';
import {
  codeMessage,
  doorStepSeconds,
  doorToleranceSeconds,
  passMessage,
  readDoorCode,
  type DoorPass,
} from './layout.js';

/**
 * Checking a door code: the one place it is done, by the host's device
 * (offline, inside the judge of `checkin.byCode`) and by the server (again,
 * inside the push). Synchronous, so the judge stays synchronous and both
 * sides judge a code alike (docs/decisions.md, "QR check-in").
 */

/**
 * Why a code is refused, in the order it is checked — except that a phone's
 * certificate that ran out is `code_expired` before any revocation is asked.
 */
export type DoorRefusalCode =
  | 'code_invalid'
  | 'code_other_club'
  | 'door_key_missing'
  | 'code_member_removed'
  | 'code_revoked'
  | 'code_expired';

/** What a code is checked against: the club's facts and the judged time. */
export interface DoorFacts {
  clubId: string;
  /** The club's door key (public, compressed P-256, base64url); null if this side has none. */
  doorKey: string | null;
  /** The judged time, epoch ms. */
  now: number;
  isRevoked(serial: string): boolean;
  isActiveMember(memberId: string): boolean;
}

export type DoorCheck =
  | { ok: true; pass: DoorPass }
  | {
      ok: false;
      code: DoorRefusalCode;
      /** With `code_expired`: what ran out, and when (epoch ms). */
      expired?: { what: 'code' | 'phone'; at: number };
    };

/**
 * Signature checks are pure and cost about a millisecond each, while a
 * device judges every pending mutation again after each sync: the verdicts
 * are remembered, by the key and the signed bytes.
 */
const verdicts = new Map<string, boolean>();
const verdictLimit = 2000;

function verified(signature: Uint8Array, message: Uint8Array, key: Uint8Array): boolean {
  const id = `${hex(key)}:${hex(signature)}:${hex(message)}`;
  let verdict = verdicts.get(id);
  if (verdict === undefined) {
    try {
      // WebCrypto and Node sign without normalising s: accept both halves.
      verdict = p256.verify(signature, message, key, { lowS: false });
    } catch {
      verdict = false;
    }
    if (verdicts.size >= verdictLimit) verdicts.delete(verdicts.keys().next().value!);
    verdicts.set(id, verdict);
  }
  return verdict;
}

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Checks a scanned code against the club; the pass it proves, or why it is refused. */
export function checkDoorCode(code: string, facts: DoorFacts): DoorCheck {
  const read = readDoorCode(code);
  if (!read) return { ok: false, code: 'code_invalid' };
  const { pass } = read;
  if (pass.clubId !== facts.clubId) return { ok: false, code: 'code_other_club' };
  const clubKey = facts.doorKey === null ? null : fromBase64Url(facts.doorKey);
  if (!clubKey) return { ok: false, code: 'door_key_missing' };
  if (!verified(read.clubSignature, passMessage(read.body), clubKey)) {
    return { ok: false, code: 'code_invalid' };
  }
  if (read.phone) {
    const deviceKey = fromBase64Url(pass.deviceKey ?? '');
    const message = codeMessage(read.phone.cert, read.phone.step);
    if (!deviceKey || !verified(read.phone.signature, message, deviceKey)) {
      return { ok: false, code: 'code_invalid' };
    }
  }
  if (!facts.isActiveMember(pass.memberId)) return { ok: false, code: 'code_member_removed' };
  // A certificate's expiry before revocation: devices learn only the
  // revocations of passes that may still be shown (pulledDoorOf in
  // server/src/repositories/door.repository.ts), so a pass that ran out by
  // the judged time is refused for that, on the server (which knows every
  // revocation) as on a device that no longer has it on its list.
  if (pass.expiresAt !== null && facts.now >= pass.expiresAt * 1000) {
    return {
      ok: false,
      code: 'code_expired',
      expired: { what: 'phone', at: pass.expiresAt * 1000 },
    };
  }
  if (facts.isRevoked(pass.serial)) return { ok: false, code: 'code_revoked' };
  if (read.phone) {
    const shownFrom = read.phone.step * doorStepSeconds * 1000;
    const shownUntil = shownFrom + doorStepSeconds * 1000;
    const tolerance = doorToleranceSeconds * 1000;
    if (shownUntil <= facts.now - tolerance || shownFrom >= facts.now + tolerance) {
      return { ok: false, code: 'code_expired', expired: { what: 'code', at: shownFrom } };
    }
  }
  return { ok: true, pass };
}

/** Whether `key` is a compressed P-256 public key in base64url (a phone's, or the club's). */
export function isDoorPublicKey(key: string): boolean {
  const bytes = fromBase64Url(key);
  if (!bytes || bytes.length !== 33) return false;
  try {
    p256.Point.fromBytes(bytes).assertValidity();
    return true;
  } catch {
    return false;
  }
}

/**
 * Does the one-time work of checking signatures (the curve's tables) ahead
 * of the first code, e.g. when a host opens the scanner.
 */
export function warmDoorChecks(): void {
  const key = p256.Point.BASE.toBytes(true);
  try {
    p256.verify(new Uint8Array(64).fill(1), new Uint8Array(1), key, { lowS: false });
  } catch {
    // Only the work matters, not the verdict.
  }
}
