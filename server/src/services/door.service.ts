import {
  createPrivateKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  type KeyObject,
} from 'node:crypto';
import {
  compressPoint,
  passBody,
  passMessage,
  phonePassDays,
  signedPass,
  toBase64Url,
  type DoorCard,
  type DoorCertificate,
  type DoorPass,
  type DoorPassSummary,
} from '@turnout/shared';
import type { Db } from '../db/connection.js';
import type { DoorPassRow } from '../db/tables/door.table.js';
import { fail } from '../errors.js';
import {
  cardHolder,
  doorPassesOfMember,
  getDoorKey,
  getDoorPass,
  insertDoorKey,
  insertDoorPass,
  livePhonePass,
  livePhonePasses,
  revokeDoorPass,
} from '../repositories/door.repository.js';
import type { ServiceDeps } from './deps.js';
import type { ClubActor } from './invites.service.js';

const dayMs = 24 * 60 * 60 * 1000;
/** A phone asking again gets its certificate as it is while it has this long left; else a new one. */
const renewWithinDays = 7;
/** Phones a member keeps certified at once: a new one beyond this replaces the oldest. */
const phonesPerMember = 5;

/** Signing keys by club, imported once (a key never changes once made). */
const signingKeys = new Map<string, KeyObject>();

/**
 * The club's door key, made the first time it is needed. Two calls racing
 * both make one; the first stored wins and both sign with the stored one.
 */
async function clubSigningKey(db: Db, clubId: string, now: Date): Promise<KeyObject> {
  const known = signingKeys.get(clubId);
  if (known) return known;
  let row = await getDoorKey(db, clubId);
  if (!row) {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    // An SPKI of a P-256 key ends with the uncompressed point (65 bytes).
    const spki = publicKey.export({ type: 'spki', format: 'der' });
    await insertDoorKey(db, {
      club_id: clubId,
      public_key: toBase64Url(compressPoint(new Uint8Array(spki.subarray(spki.length - 65)))),
      private_key: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64url'),
      created_at: now.toISOString(),
    });
    row = (await getDoorKey(db, clubId))!;
  }
  const key = createPrivateKey({
    key: Buffer.from(row.private_key, 'base64url'),
    format: 'der',
    type: 'pkcs8',
  });
  signingKeys.set(clubId, key);
  return key;
}

/** The club's signature over a pass: ECDSA P-256 / SHA-256 as r‖s, as devices check it. */
async function signPass(db: Db, pass: DoorPass, now: Date): Promise<string> {
  const key = await clubSigningKey(db, pass.clubId, now);
  const body = passBody(pass);
  const signature = sign('sha256', passMessage(body), { key, dsaEncoding: 'ieee-p1363' });
  return signedPass(body, new Uint8Array(signature));
}

function passOf(row: DoorPassRow): DoorPass {
  return {
    kind: row.kind,
    clubId: row.club_id,
    memberId: row.member_id,
    serial: row.serial,
    expiresAt: row.expires_at === null ? null : Math.floor(Date.parse(row.expires_at) / 1000),
    deviceKey: row.device_key,
  };
}

const newSerial = () => randomBytes(8).toString('base64url');

/**
 * Certifies the caller's phone key for this club: the phone then makes its
 * own changing codes offline. Asking again with the same key while the
 * certificate has a week left gets the same certificate (signed anew).
 */
export async function certifyPhone(
  deps: ServiceDeps,
  actor: ClubActor,
  deviceKey: string,
): Promise<DoorCertificate> {
  const now = deps.clock();
  const nowIso = now.toISOString();
  const live = await livePhonePass(deps.db, {
    clubId: actor.clubId,
    memberId: actor.memberId,
    deviceKey,
    validBeyond: new Date(now.getTime() + renewWithinDays * dayMs).toISOString(),
  });
  if (live) {
    return {
      cert: await signPass(deps.db, passOf(live), now),
      serial: live.serial,
      expiresAt: live.expires_at!,
    };
  }
  // Whole seconds: the code carries the expiry in seconds.
  const expiresAt = new Date(Math.floor((now.getTime() + phonePassDays * dayMs) / 1000) * 1000);
  const pass: DoorPass = {
    kind: 'phone',
    clubId: actor.clubId,
    memberId: actor.memberId,
    serial: newSerial(),
    expiresAt: expiresAt.getTime() / 1000,
    deviceKey,
  };
  const cert = await signPass(deps.db, pass, now);
  await deps.db.transaction().execute(async (trx) => {
    const phones = await livePhonePasses(trx, actor.clubId, actor.memberId, nowIso);
    for (const old of phones.slice(0, Math.max(0, phones.length - phonesPerMember + 1))) {
      await revokeDoorPass(trx, {
        clubId: actor.clubId,
        serial: old.serial,
        by: actor.memberId,
        at: nowIso,
      });
    }
    await insertDoorPass(trx, {
      serial: pass.serial,
      club_id: actor.clubId,
      member_id: actor.memberId,
      kind: 'phone',
      device_key: deviceKey,
      issued_at: nowIso,
      issued_by: actor.memberId,
      expires_at: expiresAt.toISOString(),
      revoked_at: null,
      revoked_by: null,
    });
  });
  return { cert, serial: pass.serial, expiresAt: expiresAt.toISOString() };
}

/** A printed card for a member of the club: valid until revoked. */
export async function issueCard(
  deps: ServiceDeps,
  actor: ClubActor,
  memberId: string,
): Promise<DoorCard> {
  const holder = await cardHolder(deps.db, actor.clubId, memberId);
  if (!holder) fail('not_found');
  const now = deps.clock();
  const pass: DoorPass = {
    kind: 'card',
    clubId: actor.clubId,
    memberId,
    serial: newSerial(),
    expiresAt: null,
    deviceKey: null,
  };
  const code = await signPass(deps.db, pass, now);
  await insertDoorPass(deps.db, {
    serial: pass.serial,
    club_id: actor.clubId,
    member_id: memberId,
    kind: 'card',
    device_key: null,
    issued_at: now.toISOString(),
    issued_by: actor.memberId,
    expires_at: null,
    revoked_at: null,
    revoked_by: null,
  });
  return { code, serial: pass.serial, memberId, ...holder, issuedAt: now.toISOString() };
}

/** The code of a card issued before, to print it again (refused once revoked). */
export async function cardCode(
  deps: ServiceDeps,
  actor: ClubActor,
  serial: string,
): Promise<DoorCard> {
  const row = await getDoorPass(deps.db, actor.clubId, serial);
  if (!row || row.kind !== 'card') fail('not_found');
  if (row.revoked_at) fail('code_revoked');
  const holder = await cardHolder(deps.db, actor.clubId, row.member_id);
  if (!holder) fail('code_member_removed');
  const code = await signPass(deps.db, passOf(row), deps.clock());
  return { code, serial, memberId: row.member_id, ...holder, issuedAt: row.issued_at };
}

/** Revokes a card or a phone of the club; devices refuse its codes once they synced. */
export async function revokePass(
  deps: ServiceDeps,
  actor: ClubActor,
  serial: string,
): Promise<{ serial: string; revokedAt: string }> {
  const at = deps.clock().toISOString();
  const revoked = await revokeDoorPass(deps.db, {
    clubId: actor.clubId,
    serial,
    by: actor.memberId,
    at,
  });
  if (!revoked) {
    const row = await getDoorPass(deps.db, actor.clubId, serial);
    if (!row) fail('not_found');
    return { serial, revokedAt: row.revoked_at ?? at };
  }
  return { serial, revokedAt: at };
}

/** A member's cards and phones that can still be shown, for hosts to revoke. */
export async function listPasses(
  deps: ServiceDeps,
  actor: ClubActor,
  memberId: string,
): Promise<DoorPassSummary[]> {
  const rows = await doorPassesOfMember(
    deps.db,
    actor.clubId,
    memberId,
    deps.clock().toISOString(),
  );
  return rows.map((r) => ({
    serial: r.serial,
    kind: r.kind,
    issuedAt: r.issued_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  }));
}
