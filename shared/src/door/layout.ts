import {
  ascii,
  bytesToUuid,
  concat,
  fromBase64Url,
  readU32,
  toBase64Url,
  u32,
  uuidToBytes,
} from './bytes.js';

/**
 * The door pass and door code formats (docs/protocol.md, "Door codes").
 *
 * A **door pass** is what the club signs with its door key: a phone's
 * certificate (the member, the phone's own public key, an expiry) or a
 * printed card (the member, no expiry). A **door code** is what a QR shows:
 * a card code is the signed card itself; a phone code is the phone's signed
 * certificate plus the current time step, signed by the phone's key, so it
 * changes every `doorStepSeconds` and a screenshot stops working.
 *
 * Binary, then base64url, to keep the QR small: a phone code is 210 bytes
 * (280 characters, QR version 12-M), a card code 105 bytes (140 characters).
 */

/** A phone code changes this often. */
export const doorStepSeconds = 30;
/**
 * A phone code is accepted when the time it was made (its step) is within
 * this many seconds of the time it is scanned, either way: about a minute
 * of life plus half a minute for clocks that disagree (both devices use
 * their clock corrected by the offset they measured against the server).
 */
export const doorToleranceSeconds = 90;
/** How long the club's certificate of a phone is valid; the phone renews it when online. */
export const phonePassDays = 30;

export type DoorPassKind = 'phone' | 'card';

export interface DoorPass {
  kind: DoorPassKind;
  clubId: string;
  memberId: string;
  /** 8 random bytes, base64url: what a revocation names. */
  serial: string;
  /** Phone passes: the end of validity, epoch seconds. Cards: null (valid until revoked). */
  expiresAt: number | null;
  /** Phone passes: the phone's P-256 public key, compressed, base64url. Cards: null. */
  deviceKey: string | null;
}

const kindByte: Record<DoorPassKind, number> = { phone: 1, card: 2 };
const serialBytes = 8;
const pointBytes = 33;
const signatureBytes = 64;
const cardBodyBytes = 1 + 16 + 16 + serialBytes;
const phoneBodyBytes = cardBodyBytes + 4 + pointBytes;
/** The length of a phone's certificate: its body and the club's signature. */
export const phoneCertBytes = phoneBodyBytes + signatureBytes;
const cardCodeBytes = cardBodyBytes + signatureBytes;
const phoneCodeBytes = phoneCertBytes + 4 + signatureBytes;

// Domain tags: a signature made for one purpose can never pass for the other.
const passTag = ascii('turnout door pass v1');
const codeTag = ascii('turnout door code v1');

/** The bytes of a pass the club signs (without its signature). */
export function passBody(pass: DoorPass): Uint8Array {
  const serial = fromBase64Url(pass.serial);
  if (!serial || serial.length !== serialBytes) throw new Error('A serial is 8 bytes, base64url');
  const head = concat(
    new Uint8Array([kindByte[pass.kind]]),
    uuidToBytes(pass.clubId),
    uuidToBytes(pass.memberId),
    serial,
  );
  if (pass.kind === 'card') return head;
  const key = pass.deviceKey === null ? null : fromBase64Url(pass.deviceKey);
  if (pass.expiresAt === null || !key || key.length !== pointBytes) {
    throw new Error('A phone pass has an expiry and a compressed P-256 key');
  }
  return concat(head, u32(pass.expiresAt), key);
}

/** What the club's door key signs for a pass. */
export function passMessage(body: Uint8Array): Uint8Array {
  return concat(passTag, body);
}

/** What the phone's key signs for one time step of its certificate. */
export function codeMessage(cert: Uint8Array, step: number): Uint8Array {
  return concat(codeTag, cert, u32(step));
}

/** A signed pass: a printed card's code, or the certificate a phone keeps. */
export function signedPass(body: Uint8Array, clubSignature: Uint8Array): string {
  if (clubSignature.length !== signatureBytes) throw new Error('A signature is 64 bytes (r‖s)');
  return toBase64Url(concat(body, clubSignature));
}

/** A phone's code for one time step, from its certificate and its signature over `codeMessage`. */
export function phoneCode(cert: Uint8Array, step: number, deviceSignature: Uint8Array): string {
  if (deviceSignature.length !== signatureBytes) throw new Error('A signature is 64 bytes (r‖s)');
  return toBase64Url(concat(cert, u32(step), deviceSignature));
}

/** The time step a phone code made at `epochMs` carries. */
export function stepAt(epochMs: number): number {
  return Math.floor(epochMs / 1000 / doorStepSeconds);
}

/** A code as read, before any signature is checked. */
export interface ReadCode {
  pass: DoorPass;
  /** The signed body and the club's signature over it. */
  body: Uint8Array;
  clubSignature: Uint8Array;
  /** Phone codes: the certificate (body ‖ club signature), the step and the phone's signature. */
  phone: { cert: Uint8Array; step: number; signature: Uint8Array } | null;
}

function readPass(bytes: Uint8Array, kind: DoorPassKind): DoorPass {
  return {
    kind,
    clubId: bytesToUuid(bytes.subarray(1, 17)),
    memberId: bytesToUuid(bytes.subarray(17, 33)),
    serial: toBase64Url(bytes.subarray(33, 33 + serialBytes)),
    expiresAt: kind === 'phone' ? readU32(bytes, cardBodyBytes) : null,
    deviceKey:
      kind === 'phone'
        ? toBase64Url(bytes.subarray(cardBodyBytes + 4, cardBodyBytes + 4 + pointBytes))
        : null,
  };
}

/** Reads a code's fields (no signature checked); null when it is not a Turnout door code. */
export function readDoorCode(code: string): ReadCode | null {
  const bytes = fromBase64Url(code.trim());
  if (!bytes) return null;
  if (bytes[0] === kindByte.card && bytes.length === cardCodeBytes) {
    return {
      pass: readPass(bytes, 'card'),
      body: bytes.subarray(0, cardBodyBytes),
      clubSignature: bytes.subarray(cardBodyBytes),
      phone: null,
    };
  }
  if (bytes[0] === kindByte.phone && bytes.length === phoneCodeBytes) {
    const cert = bytes.subarray(0, phoneCertBytes);
    return {
      pass: readPass(bytes, 'phone'),
      body: bytes.subarray(0, phoneBodyBytes),
      clubSignature: bytes.subarray(phoneBodyBytes, phoneCertBytes),
      phone: {
        cert,
        step: readU32(bytes, phoneCertBytes),
        signature: bytes.subarray(phoneCertBytes + 4),
      },
    };
  }
  return null;
}

/** Reads a phone's certificate (as the server hands it out); null when it is not one. */
export function readPhoneCert(cert: string): { pass: DoorPass; bytes: Uint8Array } | null {
  const bytes = fromBase64Url(cert);
  if (!bytes || bytes.length !== phoneCertBytes || bytes[0] !== kindByte.phone) return null;
  return { pass: readPass(bytes, 'phone'), bytes };
}

/** The member a code names, without checking it (for reading their records ahead). */
export function memberInCode(code: string): string | undefined {
  return readDoorCode(code)?.pass.memberId;
}
