import { z } from 'zod';
import { isDoorPublicKey } from '../door/verify.js';
import { id } from './accounts.js';

/**
 * The online procedures of QR check-in (docs/protocol.md, "Door codes"):
 * the club signs, so issuing needs the server; checking a code does not.
 */

/** 8 bytes, base64url. */
export const doorSerial = z.string().regex(/^[A-Za-z0-9_-]{11}$/, 'Not a door pass serial');

/** A phone asks the club to certify its own key (the private half never leaves the phone). */
export const doorCertifyInput = z.object({
  clubId: id,
  deviceKey: z
    .string()
    .max(100)
    .refine(isDoorPublicKey, 'Not a compressed P-256 public key in base64url'),
});

/** A printed card for a member (hosts and owners). */
export const doorCardInput = z.object({ clubId: id, memberId: id });

/** The code of a card issued before, to print it again. */
export const doorCardCodeInput = z.object({ clubId: id, serial: doorSerial });

export const doorRevokeInput = z.object({ clubId: id, serial: doorSerial });

export const doorPassesInput = z.object({ clubId: id, memberId: id });

/** What a phone keeps: the club's certificate of its key. */
export interface DoorCertificate {
  cert: string;
  serial: string;
  expiresAt: string;
}

/** A printed card's code, for the print page. */
export interface DoorCard {
  code: string;
  serial: string;
  memberId: string;
  memberName: string;
  clubName: string;
  issuedAt: string;
}

/** A member's door pass as hosts see it, to revoke it. */
export interface DoorPassSummary {
  serial: string;
  kind: 'phone' | 'card';
  issuedAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}
