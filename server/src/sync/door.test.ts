import { randomUUID, webcrypto } from 'node:crypto';
import {
  codeMessage,
  compressPoint,
  phoneCode,
  readPhoneCert,
  stepAt,
  toBase64Url,
} from '@turnout/shared';
import { aDoorKey, aPhone } from '@turnout/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Device } from '../test/devices.js';
import {
  addMember,
  errorCodeOf,
  setUpClub,
  startTestServer,
  type ClubFixture,
  type TestServer,
} from '../test/harness.js';

/**
 * QR check-in against a real server (issue 13 item 3): a member's phone
 * gets its key certified and makes its codes as the app does (WebCrypto),
 * a host's device sends `checkin.byCode`, and the server checks the code
 * again: codes sent straight to the API that are forged, expired, of another
 * club, revoked or of a removed member are refused with their codes.
 */

let server: TestServer;
let club: ClubFixture;
let host: Device;
let mia: Awaited<ReturnType<typeof addMember>>;

const HOUR = 3_600_000;

beforeAll(async () => {
  server = await startTestServer();
  club = await setUpClub(server);
  const hostAccount = await addMember(server, club, 'host', 'hana@example.org');
  host = new Device(hostAccount.client, club.clubId, 'Front desk');
  mia = await addMember(server, club, 'member', 'mia@example.org');
});
afterAll(async () => {
  await server.close();
});

async function openSession() {
  const sessionId = randomUUID();
  const start = new Date(Date.now() - 10 * 60_000);
  const created = await host.send('session.create', {
    sessionId,
    title: 'Door yoga',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + HOUR).toISOString(),
  });
  expect(created.status).toBe('applied');
  return sessionId;
}

/** A member's phone as the app makes it: a WebCrypto key pair whose private half cannot be exported. */
async function aCertifiedPhone(client: typeof mia.client) {
  const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
  ]);
  const raw = new Uint8Array(await webcrypto.subtle.exportKey('raw', keys.publicKey));
  const deviceKey = toBase64Url(compressPoint(raw));
  const certified = await client.api.door.certify.mutate({ clubId: club.clubId, deviceKey });
  const cert = readPhoneCert(certified.cert)!;
  return {
    certified,
    deviceKey,
    async codeAt(at: Date) {
      const step = stepAt(at.getTime());
      const signature = await webcrypto.subtle.sign(
        { name: 'ECDSA', hash: 'SHA-256' },
        keys.privateKey,
        codeMessage(cert.bytes, step),
      );
      return phoneCode(cert.bytes, step, new Uint8Array(signature));
    },
  };
}

const attendanceOf = (sessionId: string, memberId: string) =>
  server.sql.one<{ by_member_id: string }>(
    'SELECT * FROM attendance WHERE session_id = ? AND member_id = ?',
    [sessionId, memberId],
  );

describe('a member’s phone code', () => {
  it('is certified for the member, and the club’s key reaches devices with the club', async () => {
    const phone = await aCertifiedPhone(mia.client);
    const pass = readPhoneCert(phone.certified.cert)!.pass;
    expect(pass).toMatchObject({ kind: 'phone', clubId: club.clubId, memberId: mia.memberId });
    expect(pass.deviceKey).toBe(phone.deviceKey);
    expect(new Date(phone.certified.expiresAt).getTime()).toBe(pass.expiresAt! * 1000);
    const page = await host.client.api.sync.pull.query({ clubId: club.clubId });
    expect(page.changes.club?.put[0]?.door?.publicKey).toMatch(/^[A-Za-z0-9_-]{44}$/);
  });

  it('asked for again with the same key, keeps its serial', async () => {
    const phone = await aCertifiedPhone(mia.client);
    const again = await mia.client.api.door.certify.mutate({
      clubId: club.clubId,
      deviceKey: phone.deviceKey,
    });
    expect(again.serial).toBe(phone.certified.serial);
  });

  it('checks the member in when a host scans it, once', async () => {
    const sessionId = await openSession();
    const phone = await aCertifiedPhone(mia.client);
    const now = new Date();
    const result = await host.send('checkin.byCode', { sessionId, code: await phone.codeAt(now) });
    expect(result.status).toBe('applied');
    expect(attendanceOf(sessionId, mia.memberId)).toBeDefined();
    const again = await host.send('checkin.byCode', { sessionId, code: await phone.codeAt(now) });
    expect(again).toMatchObject({ status: 'rejected', code: 'already_checked_in' });
  });

  it('scanned offline and synced later is judged at the time it was scanned', async () => {
    const sessionId = await openSession();
    const phone = await aCertifiedPhone(mia.client);
    const scannedAt = new Date(Date.now() - 20 * 60_000);
    const code = await phone.codeAt(scannedAt);
    // Sent now, twenty minutes later: the code was fresh when the host's device took it.
    const result = await host.send('checkin.byCode', { sessionId, code }, scannedAt);
    expect(result.status).toBe('applied');
  });

  it('sent straight to the API forged, expired or of another club is refused, and nothing is written', async () => {
    const sessionId = await openSession();
    const phone = await aCertifiedPhone(mia.client);
    const now = new Date();
    const forged = aPhone(aDoorKey(), { clubId: club.clubId, memberId: mia.memberId });
    const elsewhere = aPhone(aDoorKey(), { clubId: randomUUID(), memberId: mia.memberId });
    const cases = [
      [forged.codeAt(now.getTime()), 'code_invalid'],
      [await phone.codeAt(new Date(now.getTime() - 5 * 60_000)), 'code_expired'],
      [elsewhere.codeAt(now.getTime()), 'code_other_club'],
      ['not even a code', 'code_invalid'],
    ] as const;
    for (const [code, expected] of cases) {
      const result = await host.send('checkin.byCode', { sessionId, code });
      expect(result, expected).toMatchObject({ status: 'rejected', code: expected });
    }
    expect(attendanceOf(sessionId, mia.memberId)).toBeUndefined();
  });

  it('cannot be sent by a member’s device, even their own code', async () => {
    const sessionId = await openSession();
    const phone = await aCertifiedPhone(mia.client);
    const device = new Device(mia.client, club.clubId);
    const result = await device.send('checkin.byCode', {
      sessionId,
      code: await phone.codeAt(new Date()),
    });
    expect(result).toMatchObject({ status: 'rejected', code: 'not_permitted' });
  });

  it('is certified only for a real P-256 key', async () => {
    const code = await errorCodeOf(
      mia.client.api.door.certify.mutate({ clubId: club.clubId, deviceKey: 'A'.repeat(44) }),
    );
    expect(code).toBe('invalid_args');
  });
});

describe('a printed card', () => {
  it('checks the member in until the club revokes it; a revoked card is refused on the server and pulled as revoked', async () => {
    const noah = await addMember(server, club, 'member', 'noah@example.org');
    const card = await club.owner.api.door.issueCard.mutate({
      clubId: club.clubId,
      memberId: noah.memberId,
    });
    expect(card).toMatchObject({ memberName: 'noah', clubName: 'Test Club' });
    const first = await openSession();
    expect((await host.send('checkin.byCode', { sessionId: first, code: card.code })).status).toBe(
      'applied',
    );

    await host.client.api.door.revoke.mutate({ clubId: club.clubId, serial: card.serial });
    const second = await openSession();
    const refused = await host.send('checkin.byCode', { sessionId: second, code: card.code });
    expect(refused).toMatchObject({ status: 'rejected', code: 'code_revoked' });
    const page = await host.client.api.sync.pull.query({ clubId: club.clubId });
    expect(page.changes.club?.put[0]?.door?.revoked).toContain(card.serial);
    const listed = await host.client.api.door.passes.query({
      clubId: club.clubId,
      memberId: noah.memberId,
    });
    expect(listed).toEqual([expect.objectContaining({ serial: card.serial, kind: 'card' })]);
    expect(listed[0]!.revokedAt).not.toBeNull();
    expect(
      await errorCodeOf(
        club.owner.api.door.cardCode.query({ clubId: club.clubId, serial: card.serial }),
      ),
    ).toBe('code_revoked');
  });

  it('of a removed member is refused', async () => {
    const lea = await addMember(server, club, 'member', 'lea@example.org');
    const card = await club.owner.api.door.issueCard.mutate({
      clubId: club.clubId,
      memberId: lea.memberId,
    });
    await club.owner.api.members.remove.mutate({ clubId: club.clubId, memberId: lea.memberId });
    const sessionId = await openSession();
    const refused = await host.send('checkin.byCode', { sessionId, code: card.code });
    expect(refused).toMatchObject({ status: 'rejected', code: 'code_member_removed' });
  });

  it('is issued and revoked by hosts and owners only, for members of the club', async () => {
    const asMember = mia.client.api.door.issueCard.mutate({
      clubId: club.clubId,
      memberId: mia.memberId,
    });
    expect(await errorCodeOf(asMember)).toBe('not_permitted');
    const stranger = club.owner.api.door.issueCard.mutate({
      clubId: club.clubId,
      memberId: randomUUID(),
    });
    expect(await errorCodeOf(stranger)).toBe('not_found');
  });
});
