import { p256 } from '@noble/curves/nist.js';
import { describe, expect, it } from 'vitest';
import { aCardCode, aDoorKey, aPhone, CLUB, MEMBER, NOW, OTHER } from '../testing/index.js';
import { fromBase64Url, toBase64Url, u32 } from './bytes.js';
import {
  codeMessage,
  doorStepSeconds,
  memberInCode,
  readDoorCode,
  readPhoneCert,
} from './layout.js';
import { checkDoorCode, type DoorFacts } from './verify.js';

const key = aDoorKey();
const now = new Date(NOW).getTime();

function facts(over: Partial<DoorFacts> = {}): DoorFacts {
  return {
    clubId: CLUB,
    doorKey: key.publicKey,
    now,
    isRevoked: () => false,
    isActiveMember: () => true,
    ...over,
  };
}

/** The code with one bit flipped at `byte`. */
function tampered(code: string, byte: number): string {
  const bytes = fromBase64Url(code)!;
  bytes[byte]! ^= 1;
  return toBase64Url(bytes);
}

describe('base64url', () => {
  it('round-trips any bytes and refuses what is not base64url', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    }
    expect(fromBase64Url('a+b/')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull();
  });
});

describe('a phone code', () => {
  const phone = aPhone(key);

  it('names the member and the club, and is accepted while fresh', () => {
    const code = phone.codeAt(now);
    expect(code.length).toBe(280);
    expect(memberInCode(code)).toBe(MEMBER);
    const check = checkDoorCode(code, facts());
    expect(check).toEqual({ ok: true, pass: phone.pass });
  });

  it('changes every step, and a screenshot stops working after about a minute and a half', () => {
    const shown = phone.codeAt(now);
    expect(phone.codeAt(now + doorStepSeconds * 1000)).not.toBe(shown);
    expect(checkDoorCode(shown, facts({ now: now + 60_000 })).ok).toBe(true);
    const later = checkDoorCode(shown, facts({ now: now + 3 * 60_000 }));
    expect(later).toMatchObject({ ok: false, code: 'code_expired', expired: { what: 'code' } });
  });

  it('allows for a phone clock a minute ahead, not ten', () => {
    expect(checkDoorCode(phone.codeAt(now + 60_000), facts()).ok).toBe(true);
    expect(checkDoorCode(phone.codeAt(now + 600_000), facts())).toMatchObject({
      code: 'code_expired',
    });
  });

  it('is refused once its certificate expired', () => {
    const old = aPhone(key, { issuedAt: now - 31 * 86_400_000 });
    expect(checkDoorCode(old.codeAt(now), facts())).toMatchObject({
      ok: false,
      code: 'code_expired',
      expired: { what: 'phone', at: old.pass.expiresAt! * 1000 },
    });
  });

  it('is refused as expired once its certificate ran out, revoked or not', () => {
    // Devices are told only revocations of passes a scan could still be judged with:
    // a revoked phone that ran out must be refused alike on a device that no longer knows.
    const old = aPhone(key, { issuedAt: now - 40 * 86_400_000 });
    const revoked = (serial: string) => serial === old.pass.serial;
    const expired = { ok: false, code: 'code_expired', expired: { what: 'phone' } };
    expect(checkDoorCode(old.codeAt(now), facts({ isRevoked: revoked }))).toMatchObject(expired);
    expect(checkDoorCode(old.codeAt(now), facts())).toMatchObject(expired);
    // Scanned while it was still valid: the revocation counts.
    const before = old.pass.expiresAt! * 1000 - 60_000;
    expect(
      checkDoorCode(old.codeAt(before), facts({ now: before, isRevoked: revoked })),
    ).toMatchObject({ code: 'code_revoked' });
  });

  it('is refused when any bit is changed: in the certificate, the step or a signature', () => {
    const code = phone.codeAt(now);
    for (const byte of [0, 5, 20, 35, 41, 45, 80, 100, 142, 145, 150, 209]) {
      const check = checkDoorCode(tampered(code, byte), facts());
      expect(check.ok, `byte ${byte}`).toBe(false);
    }
    // The member id changed to someone else's: the club's signature no longer fits.
    expect(checkDoorCode(tampered(code, 20), facts())).toMatchObject({ code: 'code_invalid' });
  });

  it('is refused when forged with a key that is not the club’s', () => {
    const forger = aPhone(aDoorKey());
    expect(checkDoorCode(forger.codeAt(now), facts())).toMatchObject({ code: 'code_invalid' });
  });

  it('is refused when another phone signs a copied certificate', () => {
    const { cert, step } = readDoorCode(phone.codeAt(now))!.phone!;
    const thief = p256.keygen();
    const signature = p256.sign(codeMessage(cert, step), thief.secretKey);
    const stolen = toBase64Url(new Uint8Array([...cert, ...u32(step), ...signature]));
    expect(checkDoorCode(stolen, facts())).toMatchObject({ code: 'code_invalid' });
  });

  it('is refused when revoked, or when the member left the club', () => {
    const code = phone.codeAt(now);
    const revoked = (serial: string) => serial === phone.pass.serial;
    expect(checkDoorCode(code, facts({ isRevoked: revoked }))).toMatchObject({
      code: 'code_revoked',
    });
    expect(checkDoorCode(code, facts({ isActiveMember: () => false }))).toMatchObject({
      code: 'code_member_removed',
    });
  });

  it('of another club is refused as such, whatever its signature', () => {
    const elsewhere = aPhone(aDoorKey(), { clubId: '30000000-0000-4000-8000-000000000000' });
    expect(checkDoorCode(elsewhere.codeAt(now), facts())).toMatchObject({
      code: 'code_other_club',
    });
  });

  it('cannot be checked on a device that has no door key of the club yet', () => {
    expect(checkDoorCode(phone.codeAt(now), facts({ doorKey: null }))).toMatchObject({
      code: 'door_key_missing',
    });
  });

  it('keeps its certificate readable for the phone that shows it', () => {
    expect(readPhoneCert(phone.cert)?.pass).toEqual(phone.pass);
    expect(readPhoneCert(phone.codeAt(now))).toBeNull();
  });
});

describe('a card code', () => {
  it('is accepted at any time until revoked', () => {
    const { code, pass } = aCardCode(key, { memberId: OTHER });
    expect(code.length).toBe(140);
    expect(checkDoorCode(code, facts({ now: now + 5 * 365 * 86_400_000 }))).toEqual({
      ok: true,
      pass,
    });
    expect(checkDoorCode(code, facts({ isRevoked: (s) => s === pass.serial }))).toMatchObject({
      code: 'code_revoked',
    });
  });

  it('is refused when tampered or forged', () => {
    const { code } = aCardCode(key);
    expect(checkDoorCode(tampered(code, 30), facts())).toMatchObject({ code: 'code_invalid' });
    expect(checkDoorCode(aCardCode(aDoorKey()).code, facts())).toMatchObject({
      code: 'code_invalid',
    });
  });
});

describe('what is not a door code', () => {
  it('is refused as invalid', () => {
    for (const text of ['', 'hello', 'https://example.org', 'A'.repeat(280), '💥']) {
      expect(checkDoorCode(text, facts())).toEqual({ ok: false, code: 'code_invalid' });
    }
  });
});
