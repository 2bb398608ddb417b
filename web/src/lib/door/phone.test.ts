import { checkDoorCode, phonePassDays } from '@turnout/shared';
import { aDoorKey, aPhoneCert, CLUB, MEMBER } from '@turnout/shared/testing';
import { describe, expect, it } from 'vitest';
import type { DoorIdentity } from '$lib/db/database';
import {
  certificateValid,
  codeAt,
  makeDoorKeys,
  publicKeyOf,
  renewBeforeDays,
  wantsCertificate,
} from './phone';
import { RecentCodes } from './scanner';

const day = 86_400_000;
const now = Date.parse('2026-12-04T18:00:00Z');
const club = aDoorKey();

/** This phone's identity with a certificate the club (the test's key) signed for it. */
async function certifiedIdentity(expiresAt = now + phonePassDays * day): Promise<DoorIdentity> {
  const keys = await makeDoorKeys();
  const cert = aPhoneCert(club, {
    deviceKey: await publicKeyOf(keys),
    expiresAt: Math.floor(expiresAt / 1000),
  });
  return {
    key: `door:${CLUB}:${MEMBER}`,
    club: CLUB,
    member: MEMBER,
    keys,
    cert,
    certExpiresAt: new Date(expiresAt).toISOString(),
  };
}

const facts = (at: number) => ({
  clubId: CLUB,
  doorKey: club.publicKey,
  now: at,
  isRevoked: () => false,
  isActiveMember: () => true,
});

describe('a phone’s codes', () => {
  it('are signed with its WebCrypto key, whose private half cannot be exported, and pass the door', async () => {
    const identity = await certifiedIdentity();
    expect(identity.keys.privateKey.extractable).toBe(false);
    const code = await codeAt(identity, now);
    expect(checkDoorCode(code!, facts(now + 20_000))).toMatchObject({
      ok: true,
      pass: { memberId: MEMBER, kind: 'phone' },
    });
    expect(checkDoorCode(code!, facts(now + 5 * 60_000))).toMatchObject({ code: 'code_expired' });
  });

  it('are not made without a certificate', async () => {
    const identity = { ...(await certifiedIdentity()), cert: null, certExpiresAt: null };
    expect(await codeAt(identity, now)).toBeNull();
    expect(wantsCertificate(identity, now)).toBe(true);
  });

  it('ask for a new certificate when the one held runs low, and stop when it ran out', async () => {
    const fresh = await certifiedIdentity();
    expect(wantsCertificate(fresh, now)).toBe(false);
    const low = await certifiedIdentity(now + (renewBeforeDays - 1) * day);
    expect(wantsCertificate(low, now)).toBe(true);
    expect(certificateValid(low, now)).toBe(true);
    expect(certificateValid(low, now + renewBeforeDays * day)).toBe(false);
  });
});

describe('the scanner', () => {
  it('sends a member read again only after a while', () => {
    const recent = new RecentCodes(8_000);
    expect(recent.fresh('mia', 0)).toBe(true);
    expect(recent.fresh('mia', 5_000)).toBe(false);
    expect(recent.fresh('noah', 5_000)).toBe(true);
    expect(recent.fresh('mia', 9_000)).toBe(true);
  });
});
