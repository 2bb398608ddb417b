import { p256 } from '@noble/curves/nist.js';
import { compressPoint, toBase64Url } from '../door/bytes.js';
import {
  codeMessage,
  passBody,
  passMessage,
  phoneCode,
  phonePassDays,
  signedPass,
  stepAt,
  type DoorPass,
} from '../door/layout.js';
import { NOW } from './club.js';
import { CLUB, MEMBER } from './ids.js';

/**
 * Door keys and codes for tests: a club's key pair and codes it signs, made
 * with the same layout the server and phones use (the server signs with
 * Node's crypto, phones with WebCrypto; both interoperate with this).
 */
export interface TestDoorKey {
  secretKey: Uint8Array;
  /** Compressed, base64url: what devices get with the club. */
  publicKey: string;
}

export function aDoorKey(): TestDoorKey {
  const { secretKey, publicKey } = p256.keygen();
  return { secretKey, publicKey: toBase64Url(compressPoint(publicKey)) };
}

let serials = 0;
/** A fresh 8-byte serial, base64url. */
export function aSerial(): string {
  serials += 1;
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setUint32(4, serials);
  return toBase64Url(bytes);
}

function sign(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  // As WebCrypto does: s is not normalised to the low half.
  return p256.sign(message, secretKey, { lowS: false });
}

/** A printed card's code, signed by `key`. */
export function aCardCode(
  key: TestDoorKey,
  pass: Partial<Pick<DoorPass, 'clubId' | 'memberId' | 'serial'>> = {},
): { code: string; pass: DoorPass } {
  const card: DoorPass = {
    kind: 'card',
    clubId: pass.clubId ?? CLUB,
    memberId: pass.memberId ?? MEMBER,
    serial: pass.serial ?? aSerial(),
    expiresAt: null,
    deviceKey: null,
  };
  const body = passBody(card);
  return { code: signedPass(body, sign(passMessage(body), key.secretKey)), pass: card };
}

export interface TestPhone {
  pass: DoorPass;
  /** The certificate as the server hands it out. */
  cert: string;
  /** The phone's code shown at `at` (epoch ms or ISO). */
  codeAt(at: number | string): string;
}

/** A phone with its own key and the club's certificate of it. */
export function aPhone(
  key: TestDoorKey,
  options: Partial<Pick<DoorPass, 'clubId' | 'memberId' | 'serial'>> & {
    issuedAt?: number | string;
  } = {},
): TestPhone {
  const device = p256.keygen();
  // Issued a day before NOW by default, so valid at NOW.
  const issuedAt =
    new Date(options.issuedAt ?? NOW).getTime() - (options.issuedAt ? 0 : 86_400_000);
  const pass: DoorPass = {
    kind: 'phone',
    clubId: options.clubId ?? CLUB,
    memberId: options.memberId ?? MEMBER,
    serial: options.serial ?? aSerial(),
    expiresAt: Math.floor(issuedAt / 1000) + phonePassDays * 24 * 3600,
    deviceKey: toBase64Url(compressPoint(device.publicKey)),
  };
  const body = passBody(pass);
  const clubSignature = sign(passMessage(body), key.secretKey);
  const certBytes = new Uint8Array([...body, ...clubSignature]);
  return {
    pass,
    cert: signedPass(body, clubSignature),
    codeAt(at) {
      const step = stepAt(new Date(at).getTime());
      return phoneCode(certBytes, step, sign(codeMessage(certBytes, step), device.secretKey));
    },
  };
}

/** The club's certificate of a phone key made elsewhere (e.g. with WebCrypto in an app test). */
export function aPhoneCert(
  key: TestDoorKey,
  phone: { deviceKey: string; expiresAt: number } & Partial<
    Pick<DoorPass, 'clubId' | 'memberId' | 'serial'>
  >,
): string {
  const body = passBody({
    kind: 'phone',
    clubId: phone.clubId ?? CLUB,
    memberId: phone.memberId ?? MEMBER,
    serial: phone.serial ?? aSerial(),
    expiresAt: phone.expiresAt,
    deviceKey: phone.deviceKey,
  });
  return signedPass(body, sign(passMessage(body), key.secretKey));
}
