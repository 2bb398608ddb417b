import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Device } from '../test/devices.js';
import {
  addMember,
  errorCodeOf,
  PASSWORD,
  setUpClub,
  startTestServer,
  type ClubFixture,
  type TestServer,
} from '../test/harness.js';

/**
 * Walk-ins end to end on a real server (issue 13): a host records a guest
 * with an offline-made id, the guest takes a place like anyone, is never
 * charged, shows in reports as guest attendance, and claims an account that
 * keeps the history.
 */

let server: TestServer;
let club: ClubFixture;
let host: Device;
let member: { client: ReturnType<TestServer['client']>; memberId: string };

const HOUR = 3_600_000;

beforeAll(async () => {
  server = await startTestServer();
  club = await setUpClub(server);
  const hostAccount = await addMember(server, club, 'host', 'hana@example.org');
  host = new Device(hostAccount.client, club.clubId);
  member = await addMember(server, club, 'member', 'mia@example.org');
});
afterAll(async () => {
  await server.close();
});

async function openSession(capacity: number | null) {
  const sessionId = randomUUID();
  const start = new Date(Date.now() - 10 * 60_000);
  const created = await host.send('session.create', {
    sessionId,
    title: 'Door yoga',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + HOUR).toISOString(),
    capacity,
  });
  expect(created.status).toBe('applied');
  return sessionId;
}

const walkIn = (guestId: string, sessionId: string, over = {}) => ({
  guestId,
  sessionId,
  name: 'Gil Guest',
  contact: 'gil@example.net',
  visit: 'drop_in' as const,
  payment: 'cash' as const,
  amount: '€12',
  ...over,
});

const pullMembers = async (device: Device) => {
  const page = await device.client.api.sync.pull.query({ clubId: club.clubId });
  return page.changes.members?.put ?? [];
};

describe('a walk-in at the door', () => {
  it('is recorded with its offline-made id, checked in without credits, and pulled as a guest', async () => {
    const sessionId = await openSession(10);
    const guestId = randomUUID();
    // Queued offline, then sent with the rest of the outbox: one push, once.
    const queued = host.queue('guest.checkIn', walkIn(guestId, sessionId));
    const [result] = await host.sync();
    expect(result).toEqual({ id: queued.id, status: 'applied' });
    const [again] = await host.sync();
    host.outbox.length = 0;
    expect(again).toMatchObject({ status: 'applied', replayed: true });

    const attendance = server.sql.all<{
      credits: number;
      charges: string;
      unpaid_credits: number;
      flags: string;
    }>('SELECT * FROM attendance WHERE member_id = ?', [guestId]);
    expect(attendance).toHaveLength(1);
    expect(attendance[0]).toMatchObject({
      credits: 0,
      charges: '[]',
      unpaid_credits: 0,
      flags: '[]',
    });
    expect(
      server.sql.one('SELECT COUNT(*) AS n FROM credit_log WHERE member_id = ?', [guestId]),
    ).toEqual({ n: 0 });
    const visit = server.sql.one('SELECT * FROM guest_visits WHERE member_id = ?', [guestId]);
    expect(visit).toMatchObject({
      kind: 'drop_in',
      payment: 'cash',
      amount: '€12',
      session_id: sessionId,
    });

    const members = await pullMembers(host);
    expect(members.find((m) => m.memberId === guestId)).toEqual({
      memberId: guestId,
      name: 'Gil Guest',
      role: 'member',
      removed: false,
      guest: true,
    });
    // The placeholder account cannot log in.
    const login = errorCodeOf(
      server.client().api.auth.login.mutate({
        email: `guest-${guestId}@guests.invalid`,
        password: 'guest:no-login',
      }),
    );
    expect(await login).toBe('invalid_credentials');
  });

  it('takes a place like anyone: the last spot goes to the guest and a member is then refused', async () => {
    const sessionId = await openSession(1);
    expect((await host.send('guest.checkIn', walkIn(randomUUID(), sessionId))).status).toBe(
      'applied',
    );
    const self = new Device(member.client, club.clubId);
    const refused = await self.send('checkin.create', { sessionId });
    expect(refused).toMatchObject({ status: 'rejected', code: 'session_full' });
    const counts = (await host.client.api.sync.pull.query({ clubId: club.clubId })).changes
      .sessionCounts?.put;
    expect(counts?.find((c) => c.sessionId === sessionId)?.occupancy).toBe(1);
  });

  it('a second visit of a known guest is one more check-in of the same member', async () => {
    const first = await openSession(null);
    const second = await openSession(null);
    const guestId = randomUUID();
    host.queue('guest.checkIn', walkIn(guestId, first));
    host.queue(
      'guest.checkIn',
      walkIn(guestId, second, { visit: 'trial', payment: 'free_trial', amount: undefined }),
    );
    // The guest is a member now, within the same batch: a host can void their visit.
    host.queue('checkin.void', {
      sessionId: second,
      memberId: guestId,
      reason: 'Left before class',
    });
    const results = await host.sync();
    host.outbox.length = 0;
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(
      server.sql.one('SELECT COUNT(*) AS n FROM guests WHERE member_id = ?', [guestId]),
    ).toEqual({ n: 1 });
  });
});

describe('guest attendance in reports, and the claim', () => {
  it('reports list the visits with how they paid; a claimed account keeps the history', async () => {
    const sessionId = await openSession(null);
    const guestId = randomUUID();
    expect(
      (
        await host.send(
          'guest.checkIn',
          walkIn(guestId, sessionId, { name: 'Ola Guest', payment: 'card', amount: '15 EUR' }),
        )
      ).status,
    ).toBe('applied');

    const report = await club.owner.api.reports.guestVisits.query({ clubId: club.clubId });
    const row = report.visits.find((v) => v.memberId === guestId);
    expect(row).toMatchObject({
      name: 'Ola Guest',
      contact: 'gil@example.net',
      sessionId,
      kind: 'drop_in',
      payment: 'card',
      amount: '15 EUR',
      voided: false,
      claimedAt: null,
      recordedBy: 'hana',
    });
    expect(report.byPayment.card).toBeGreaterThanOrEqual(1);
    // A voided visit is listed but not counted.
    expect(report.total).toBe(report.visits.length);
    expect(report.byKind.trial).toBe(0);

    // Members cannot read it.
    expect(
      await errorCodeOf(member.client.api.reports.guestVisits.query({ clubId: club.clubId })),
    ).toBe('not_permitted');

    // The club invites the guest to claim an account.
    const invite = await host.client.api.invites.create.mutate({
      clubId: club.clubId,
      role: 'member',
      guestMemberId: guestId,
    });
    const claimer = server.client();
    expect(await claimer.api.invites.preview.query({ token: invite.code })).toMatchObject({
      guestName: 'Ola Guest',
      role: 'member',
    });
    const me = await claimer.api.invites.accept.mutate({
      token: invite.code,
      account: { name: 'Ola Newmember', email: 'ola@example.org', password: PASSWORD },
    });
    // Same member id: the history stays.
    expect(me.clubs.find((c) => c.clubId === club.clubId)?.memberId).toBe(guestId);
    const own = new Device(claimer, club.clubId);
    const mine = (await own.client.api.sync.pull.query({ clubId: club.clubId })).changes.attendance
      ?.put;
    expect(mine?.map((a) => a.sessionId)).toContain(sessionId);
    // No placeholder account is left; the guest is no longer a guest on rosters.
    expect(
      server.sql.one('SELECT COUNT(*) AS n FROM users WHERE email = ?', [
        `guest-${guestId}@guests.invalid`,
      ]),
    ).toEqual({ n: 0 });
    expect((await pullMembers(host)).find((m) => m.memberId === guestId)).toEqual({
      memberId: guestId,
      name: 'Ola Newmember',
      role: 'member',
      removed: false,
    });
    // The report still says they came as a guest, now claimed.
    const after = await club.owner.api.reports.guestVisits.query({ clubId: club.clubId });
    expect(after.visits.find((v) => v.memberId === guestId)?.claimedAt).not.toBeNull();
    // A walk-in under that id is refused now: they check in as a member.
    const later = await openSession(null);
    expect(await host.send('guest.checkIn', walkIn(guestId, later))).toMatchObject({
      status: 'rejected',
      code: 'conflict',
    });
    // And nobody can claim them twice.
    expect(
      await errorCodeOf(
        host.client.api.invites.create.mutate({
          clubId: club.clubId,
          role: 'member',
          guestMemberId: guestId,
        }),
      ),
    ).toBe('conflict');
    // Once the session is over, the member's attendance history has the visit.
    server.setNow(new Date(Date.now() + 3 * HOUR));
    const history = await club.owner.api.reports.memberAttendance.query({
      clubId: club.clubId,
      memberId: guestId,
    });
    expect(history.items.map((i) => i.sessionId)).toContain(sessionId);
  });

  it('refuses a claim by an account already in the club, and guest invitations for non-guests', async () => {
    const sessionId = await openSession(null);
    const guestId = randomUUID();
    await host.send('guest.checkIn', walkIn(guestId, sessionId));
    const invite = await host.client.api.invites.create.mutate({
      clubId: club.clubId,
      role: 'member',
      guestMemberId: guestId,
    });
    expect(await errorCodeOf(member.client.api.invites.accept.mutate({ token: invite.code }))).toBe(
      'already_member',
    );
    // Still a guest, still claimable by someone else.
    expect((await pullMembers(host)).find((m) => m.memberId === guestId)?.guest).toBe(true);
    expect(
      await errorCodeOf(
        host.client.api.invites.create.mutate({
          clubId: club.clubId,
          role: 'member',
          guestMemberId: member.memberId,
        }),
      ),
    ).toBe('not_found');
    expect(
      await errorCodeOf(
        club.owner.api.invites.create.mutate({
          clubId: club.clubId,
          role: 'host',
          guestMemberId: guestId,
        }),
      ),
    ).toBe('invalid_args');
  });
});
