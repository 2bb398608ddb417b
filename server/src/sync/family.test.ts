import { randomUUID } from 'node:crypto';
import type { PulledMember } from '@turnout/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Device } from '../test/devices.js';
import { downloadExport } from '../test/downloads.js';
import {
  addMember,
  errorCodeOf,
  PASSWORD,
  setUpAnotherClub,
  setUpClub,
  startTestServer,
  type ClubFixture,
  type TestServer,
} from '../test/harness.js';

/**
 * Dependants end to end on a real server (issue 15, docs/decisions.md
 * "Dependants"): a parent adds a child offline and acts for them in the same
 * push; the child's own pass pays first; rosters and the parent's pull carry
 * the child; a stranger, another club and a removed guardian cannot act for
 * them; a teen links their own account with a code.
 */

let server: TestServer;
let club: ClubFixture;
let owner: Device;
let host: Device;
let mia: Awaited<ReturnType<typeof addMember>>;
let miaPhone: Device;
let otto: Device;

const HOUR = 3_600_000;

beforeAll(async () => {
  server = await startTestServer();
  club = await setUpClub(server);
  owner = new Device(club.owner, club.clubId);
  host = new Device(
    (await addMember(server, club, 'host', 'hana@example.org')).client,
    club.clubId,
  );
  mia = await addMember(server, club, 'member', 'mia@example.org');
  miaPhone = new Device(mia.client, club.clubId, "Mia's phone");
  otto = new Device(
    (await addMember(server, club, 'member', 'otto@example.org')).client,
    club.clubId,
  );
});
afterAll(async () => {
  await server.close();
});

/** A session that started ten minutes ago (check-in open), or one in two days. */
async function openSession(startsInMinutes = -10) {
  const sessionId = randomUUID();
  const start = new Date(Date.now() + startsInMinutes * 60_000);
  const created = await owner.send('session.create', {
    sessionId,
    title: 'Kids judo',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + HOUR).toISOString(),
    capacity: 10,
  });
  expect(created.status).toBe('applied');
  return sessionId;
}

async function grant(memberId: string, sessions: number) {
  const templateId = randomUUID();
  await owner.send('template.create', {
    templateId,
    names: { en: `${sessions} sessions` },
    sessions,
    priceMinor: 1000,
    currency: 'EUR',
    validityDays: 30,
  });
  const passId = randomUUID();
  expect((await owner.send('pass.grant', { passId, memberId, templateId })).status).toBe('applied');
  return passId;
}

async function pulled(device: Device) {
  const page = await device.client.api.sync.pull.query({ clubId: device.clubId });
  return page.changes;
}

const named = (members: PulledMember[] | undefined, id: string) =>
  members?.find((m) => m.memberId === id);

describe('a parent and their child', () => {
  const lena = randomUUID();
  let sessionId: string;
  let lenaPass: string;
  let miaPass: string;

  it('adds a child offline and signs them up and checks them in in the same push', async () => {
    sessionId = await openSession();
    const later = await openSession(2 * 24 * 60);
    miaPass = await grant(mia.memberId, 5);
    miaPhone.queue('dependant.add', { dependantId: lena, name: 'Lena', birthYear: 2016 });
    miaPhone.queue('signup.create', { sessionId: later, memberId: lena });
    miaPhone.queue('intent.set', { sessionId: later, going: true, memberId: lena });
    miaPhone.queue('checkin.create', { sessionId, memberId: lena });
    const results = await miaPhone.sync();
    miaPhone.outbox.length = 0;
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);

    // No pass of her own yet: her guardian's pass paid, and the log says who acted.
    const mine = await pulled(miaPhone);
    expect(named(mine.members?.put, lena)).toMatchObject({
      name: 'Lena',
      guardianId: mia.memberId,
      child: true,
      birthYear: 2016,
      removed: false,
    });
    const checkIn = mine.attendance?.put.find((a) => a.memberId === lena);
    expect(checkIn).toMatchObject({
      byMemberId: mia.memberId,
      charges: [{ passId: miaPass, credits: 1 }],
    });
    expect(mine.passes?.put.find((p) => p.id === miaPass)?.balance).toBe(4);
  });

  it("pays with the child's own pass first, then the guardian's", async () => {
    lenaPass = await grant(lena, 1);
    const next = await openSession();
    expect(
      (await miaPhone.send('checkin.create', { sessionId: next, memberId: lena })).status,
    ).toBe('applied');
    const later = await openSession();
    expect(
      (await miaPhone.send('checkin.create', { sessionId: later, memberId: lena })).status,
    ).toBe('applied');
    const mine = await pulled(miaPhone);
    const charged = (s: string) => mine.attendance?.put.find((a) => a.sessionId === s)?.charges;
    expect(charged(next)).toEqual([{ passId: lenaPass, credits: 1 }]);
    expect(charged(later)).toEqual([{ passId: miaPass, credits: 1 }]);
    // The guardian sees the child's pass and its log beside her own.
    expect(mine.passes?.put.map((p) => p.id)).toEqual(expect.arrayContaining([lenaPass, miaPass]));
    expect(mine.creditLog?.put.filter((e) => e.passId === lenaPass).map((e) => e.kind)).toEqual([
      'granted',
      'charged_checkin',
    ]);
  });

  it("brings the child's notifications to the guardian's device, and no one else's", async () => {
    const mine = await pulled(miaPhone);
    const lenas = mine.notifications?.put.filter((n) => n.memberId === lena) ?? [];
    expect(lenas.map((n) => n.kind)).toContain('pass_granted');
    expect(lenas.find((n) => n.kind === 'pass_granted')?.data).toMatchObject({ passId: lenaPass });
    const others = await pulled(otto);
    expect(others.notifications?.put.some((n) => n.memberId === lena)).toBeFalsy();
    // A host sees everyone's roster, but only their own notifications.
    const desk = await pulled(host);
    expect(desk.notifications?.put.some((n) => n.memberId === lena)).toBeFalsy();
  });

  it("lists the child on the host's roster with their guardian", async () => {
    const roster = await pulled(host);
    expect(named(roster.members?.put, lena)).toMatchObject({
      name: 'Lena',
      guardianId: mia.memberId,
    });
    expect(roster.attendance?.put.filter((a) => a.memberId === lena)).toHaveLength(3);
    expect(roster.signups?.put.filter((x) => x.memberId === lena)).toHaveLength(1);
    expect(roster.intents?.put.filter((x) => x.memberId === lena && x.going)).toHaveLength(1);
  });

  it("is in the club's full export, with the tie", async () => {
    const file = await downloadExport(club.owner, server.url, 'club.json', { clubId: club.clubId });
    const doc = JSON.parse(file.body) as {
      tables: { members: { id: string; name: string }[]; dependants: Record<string, unknown>[] };
    };
    expect(doc.tables.members.find((m) => m.id === lena)?.name).toBe('Lena');
    expect(doc.tables.dependants).toContainEqual(
      expect.objectContaining({ member_id: lena, guardian_id: mia.memberId, kind: 'child' }),
    );
    expect(file.body).not.toMatch(/code_hash/);
  });

  it('a stranger in the club cannot act for the child', async () => {
    const later = await openSession(2 * 24 * 60);
    for (const [name, args] of [
      ['signup.create', { sessionId: later, memberId: lena }],
      ['intent.set', { sessionId: later, going: true, memberId: lena }],
      ['checkin.create', { sessionId, memberId: lena }],
      ['dependant.remove', { dependantId: lena }],
    ] as const) {
      const result = await otto.send(name, args as never);
      expect(result).toMatchObject({ status: 'rejected', code: 'not_permitted' });
    }
    // …and sees nothing of them.
    expect(named((await pulled(otto)).members?.put, lena)).toBeUndefined();
  });

  it('another club cannot touch the child, whatever ids it sends', async () => {
    const other = await setUpAnotherClub(server, 'Other club', {
      name: 'Oskar',
      email: 'oskar@example.org',
    });
    const theirs = new Device(other.owner, other.clubId);
    const theirSession = randomUUID();
    const start = new Date(Date.now() - 10 * 60_000);
    await theirs.send('session.create', {
      sessionId: theirSession,
      title: 'Theirs',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + HOUR).toISOString(),
    });
    expect(
      await theirs.send('checkin.create', { sessionId: theirSession, memberId: lena }),
    ).toMatchObject({
      status: 'rejected',
      code: 'not_found',
    });
    expect(await theirs.send('dependant.add', { dependantId: lena, name: 'Stolen' })).toMatchObject(
      {
        status: 'rejected',
        code: 'id_taken',
      },
    );
    expect(await theirs.send('dependant.remove', { dependantId: lena })).toMatchObject({
      status: 'rejected',
      code: 'not_found',
    });
    // A push naming our club from their account is refused whole.
    const intruder = new Device(other.owner, club.clubId);
    expect(await errorCodeOf(intruder.send('signup.create', { sessionId, memberId: lena }))).toBe(
      'not_permitted',
    );
    // Lena is still Mia's child, named as before.
    expect(named((await pulled(host)).members?.put, lena)).toMatchObject({
      name: 'Lena',
      guardianId: mia.memberId,
    });
  });

  it('a child let go is no longer a member, even for the rest of the same push', async () => {
    const ida = randomUUID();
    expect((await miaPhone.send('dependant.add', { dependantId: ida, name: 'Ida' })).status).toBe(
      'applied',
    );
    miaPhone.queue('dependant.remove', { dependantId: ida });
    miaPhone.queue('checkin.create', { sessionId, memberId: ida });
    const results = await miaPhone.sync();
    miaPhone.outbox.length = 0;
    expect(results.map((r) => [r.status, r.code])).toEqual([
      ['applied', undefined],
      ['rejected', 'not_found'],
    ]);
    const listed = named((await pulled(host)).members?.put, ida);
    expect(listed).toMatchObject({ removed: true });
    expect(listed?.guardianId).toBeUndefined();
  });

  it('a guardian removed from the club: their queued actions for the child are refused', async () => {
    const rosa = await addMember(server, club, 'member', 'rosa@example.org');
    const rosaPhone = new Device(rosa.client, club.clubId);
    const max = randomUUID();
    expect((await rosaPhone.send('dependant.add', { dependantId: max, name: 'Max' })).status).toBe(
      'applied',
    );
    const later = await openSession(2 * 24 * 60);
    // Queued offline; she is removed before it reaches the server.
    const queued = rosaPhone.queue('signup.create', { sessionId: later, memberId: max });
    await club.owner.api.members.remove.mutate({ clubId: club.clubId, memberId: rosa.memberId });
    // Her logins ended with her last club; she logs in again and her phone sends its outbox.
    const again = server.client();
    await again.api.auth.login.mutate({ email: 'rosa@example.org', password: PASSWORD });
    const retry = new Device(again, club.clubId, undefined, rosaPhone.clientId);
    retry.outbox.push(...rosaPhone.outbox);
    const [result] = await retry.sync();
    expect(result).toMatchObject({ id: queued.id, status: 'rejected', code: 'not_permitted' });
    // Staff still can: the child is a member of the club in their own right.
    expect((await host.send('signup.create', { sessionId: later, memberId: max })).status).toBe(
      'applied',
    );
  });
});

describe('a teen links their own account', () => {
  it('shows a code; the guardian enters it once and then acts for them', async () => {
    const tom = await addMember(server, club, 'member', 'tom@example.org');
    const { code } = await tom.client.api.family.linkCode.mutate({ clubId: club.clubId });
    // A code of this club only.
    const other = await setUpAnotherClub(server, 'Third club', {
      name: 'Tess',
      email: 'tess@example.org',
    });
    expect(
      await errorCodeOf(other.owner.api.family.link.mutate({ clubId: other.clubId, code })),
    ).toBe('link_invalid');
    const linked = await mia.client.api.family.link.mutate({
      clubId: club.clubId,
      code: code.toLowerCase().replace('-', ''),
    });
    expect(linked).toEqual({ memberId: tom.memberId, name: 'tom' });
    expect(
      await errorCodeOf(otto.client.api.family.link.mutate({ clubId: club.clubId, code })),
    ).toBe('link_used');

    const later = await openSession(2 * 24 * 60);
    expect(
      (await miaPhone.send('signup.create', { sessionId: later, memberId: tom.memberId })).status,
    ).toBe('applied');
    const mine = await pulled(miaPhone);
    expect(named(mine.members?.put, tom.memberId)).toMatchObject({ guardianId: mia.memberId });
    expect(named(mine.members?.put, tom.memberId)?.child).toBeUndefined();
    // Tom sees his guardian on his own list; his own sign-up made by her is his.
    const his = await pulled(new Device(tom.client, club.clubId));
    expect(named(his.members?.put, mia.memberId)).toMatchObject({ name: 'mia' });
    expect(his.signups?.put.find((s) => s.sessionId === later)).toMatchObject({
      memberId: tom.memberId,
      byMemberId: mia.memberId,
    });
    // His own check-in falls to her passes (he has none); his device sees them to judge it.
    expect(his.passes?.put.some((p) => p.memberId === mia.memberId)).toBe(true);
    const tomPhone = new Device(tom.client, club.clubId);
    const now = await openSession();
    const checkIn = await tomPhone.send('checkin.create', { sessionId: now });
    expect(checkIn.status).toBe('applied');
    const charged = (await pulled(tomPhone)).attendance?.put.find((a) => a.sessionId === now);
    const paidBy = (await pulled(miaPhone)).passes?.put.find(
      (p) => p.id === charged?.charges[0]?.passId,
    );
    expect(paidBy?.memberId).toBe(mia.memberId);
    // A linked teen's notifications stay his: his guardian's device does not get them.
    await grant(tom.memberId, 2);
    expect((await pulled(tomPhone)).notifications?.put.some((n) => n.kind === 'pass_granted')).toBe(
      true,
    );
    expect(
      (await pulled(miaPhone)).notifications?.put.some((n) => n.memberId === tom.memberId),
    ).toBeFalsy();
    // He may end the tie himself.
    expect(
      (
        await new Device(tom.client, club.clubId).send('dependant.remove', {
          dependantId: tom.memberId,
        })
      ).status,
    ).toBe('applied');
  });
});
