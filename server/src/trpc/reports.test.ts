import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Device } from '../test/devices.js';
import { addMember, errorCodeOf, type TestServer } from '../test/harness.js';
import { startReportClub, type ReportClub } from '../test/report-club.js';

/**
 * The organizer's reports over real HTTP, checked against figures worked out
 * by hand from the story in test/report-club.ts.
 */

let server: TestServer;
let club: ReportClub;

beforeAll(async () => {
  ({ server, club } = await startReportClub());
}, 120_000);
afterAll(() => server.close());

const owner = () => club.fixture.owner.api;

describe('reports.templates (pass analytics)', () => {
  it('counts passes, their state today, sessions used and revenue per template', async () => {
    const report = await owner().reports.templates.query({ clubId: club.clubId });
    expect(report.today).toBe('2026-03-20');
    expect(report.from).toBeNull();
    const byName = Object.fromEntries(report.templates.map((t) => [t.names.en, t]));
    // Deleted templates stay, listed after the others.
    expect(report.templates.map((t) => t.names.en)).toEqual(['Five', 'Ten', 'Drop-in']);
    expect(byName.Ten).toMatchObject({
      templateId: club.templates.ten,
      granted: 2,
      revenue: [{ currency: 'EUR', amountMinor: 20000 }],
      sessionsUsed: 1,
      activeNow: 0,
      deactivated: 1,
      usedUp: 0,
      expired: 1,
      deletedAt: null,
    });
    // Ben's 16 March check-in was charged and voided: net zero.
    expect(byName.Five).toMatchObject({
      granted: 2,
      revenue: [{ currency: 'EUR', amountMinor: 12000 }],
      sessionsUsed: 1,
      activeNow: 2,
      deactivated: 0,
      usedUp: 0,
      expired: 0,
    });
    expect(byName['Drop-in']).toMatchObject({
      granted: 1,
      revenue: [{ currency: 'USD', amountMinor: 1500 }],
      sessionsUsed: 1,
      activeNow: 0,
      expired: 1,
      deletedAt: '2026-03-20T12:00:00.000Z',
    });
    expect(report.totals).toEqual({
      granted: 5,
      revenue: [
        { currency: 'EUR', amountMinor: 32000 },
        { currency: 'USD', amountMinor: 1500 },
      ],
      sessionsUsed: 3,
      activeNow: 2,
      usedUp: 0,
      deactivated: 1,
      expired: 2,
    });
  });

  it('limits grants, revenue and use to a date range; the state today stays whole', async () => {
    const report = await owner().reports.templates.query({
      clubId: club.clubId,
      from: '2026-02-15',
      to: '2026-03-05',
    });
    const byName = Object.fromEntries(report.templates.map((t) => [t.names.en, t]));
    expect(byName.Ten).toMatchObject({ granted: 0, revenue: [], sessionsUsed: 1, expired: 1 });
    expect(byName.Five).toMatchObject({
      granted: 1,
      revenue: [{ currency: 'EUR', amountMinor: 6000 }],
      sessionsUsed: 0,
      activeNow: 2,
    });
    expect(byName['Drop-in']).toMatchObject({ granted: 1, sessionsUsed: 1 });
    expect(report.totals.revenue).toEqual([
      { currency: 'EUR', amountMinor: 6000 },
      { currency: 'USD', amountMinor: 1500 },
    ]);
  });

  it('counts a day by the club calendar: a grant at 00:30 local belongs to that day', async () => {
    // 2 Feb 00:30 in Ljubljana is 1 Feb 23:30 UTC.
    const at = '2026-02-01T23:30:00.000Z';
    server.setNow(new Date(at));
    const eve = await addMember(server, club.fixture, 'member', 'eve@example.org');
    const passId = crypto.randomUUID();
    const result = await club.devices.owner.send(
      'pass.grant',
      { passId, memberId: eve.memberId, templateId: club.templates.five },
      at,
    );
    server.setNow(club.now);
    expect(result.status).toBe('applied');
    const day = (d: string) =>
      owner()
        .reports.templates.query({ clubId: club.clubId, from: d, to: d })
        .then((r) => r.templates.find((t) => t.templateId === club.templates.five)!.granted);
    expect(await day('2026-02-01')).toBe(1); // Ben's pass only
    expect(await day('2026-02-02')).toBe(1); // Eve's
    await club.devices.owner.send('pass.setActive', { passId, active: false });
  });

  it('refuses a range that ends before it starts', async () => {
    expect(
      await errorCodeOf(
        owner().reports.templates.query({
          clubId: club.clubId,
          from: '2026-03-05',
          to: '2026-03-01',
        }),
      ),
    ).toBe('invalid_args');
  });
});

describe('reports.expiringPasses', () => {
  it('lists usable passes expiring within 14 days by default, with the member to contact', async () => {
    const report = await owner().reports.expiringPasses.query({ clubId: club.clubId });
    expect(report).toEqual({
      today: '2026-03-20',
      until: '2026-04-03',
      passes: [
        {
          passId: club.passes.p2,
          memberId: club.members.ben,
          memberName: 'ben',
          memberEmail: 'ben@example.org',
          templateId: club.templates.five,
          name: 'Five',
          names: { en: 'Five' },
          balance: 5,
          unlimited: false,
          grantedOn: '2026-02-01',
          expiresOn: '2026-04-02',
          daysLeft: 13,
        },
      ],
    });
  });

  it('looks further ahead on request, leaving out deactivated passes', async () => {
    const report = await owner().reports.expiringPasses.query({ clubId: club.clubId, days: 40 });
    // P5 (Dan, 9 April) is deactivated; P4 (Ana, 21 April) is inside 40 days.
    expect(report.passes.map((p) => p.passId)).toEqual([club.passes.p2, club.passes.p4]);
    expect(report.passes[1]).toMatchObject({ memberName: 'ana', balance: 4, daysLeft: 32 });
  });

  it('is for hosts only while the club lets them manage passes', async () => {
    const host = server.client();
    await host.api.auth.login.mutate({
      email: 'hana@example.org',
      password: 'a long enough password',
    });
    const call = () => host.api.reports.expiringPasses.query({ clubId: club.clubId });
    expect(await errorCodeOf(call())).toBe('not_permitted');
    await club.devices.owner.send('club.updateSettings', { hostsCanManagePasses: true });
    expect((await call()).passes).toHaveLength(1);
    await club.devices.owner.send('club.updateSettings', { hostsCanManagePasses: false });
    expect(await errorCodeOf(call())).toBe('not_permitted');
  });
});

describe('reports.passCreditLog', () => {
  it('shows every entry of a pass with who, when, why and the balance after it', async () => {
    const log = await owner().reports.passCreditLog.query({
      clubId: club.clubId,
      passId: club.passes.p2,
    });
    expect(log.pass).toMatchObject({
      passId: club.passes.p2,
      memberId: club.members.ben,
      memberName: 'ben',
      name: 'Five',
      balance: 5,
      grantedOn: '2026-02-01',
      expiresOn: '2026-04-02',
      active: true,
      usableToday: true,
    });
    expect(
      log.entries.map((e) => [
        e.kind,
        e.delta,
        e.balanceAfter,
        e.at,
        e.byName,
        e.reason,
        e.sessionTitle,
      ]),
    ).toEqual([
      ['granted', 5, 5, '2026-02-01T10:00:00.000Z', 'Olga Owner', null, null],
      ['charged_checkin', -1, 4, '2026-03-16T17:30:00.000Z', 'Olga Owner', null, 'Monday Yoga'],
      [
        'returned_void',
        1,
        5,
        '2026-03-16T17:35:00.000Z',
        'Olga Owner',
        'Wrong person',
        'Monday Yoga',
      ],
    ]);
    const sum = log.entries.reduce((s, e) => s + e.delta, 0);
    expect(sum).toBe(log.pass.balance);
  });

  it('names the host who charged at the desk, and the deactivation', async () => {
    const cid = await owner().reports.passCreditLog.query({
      clubId: club.clubId,
      passId: club.passes.p3,
    });
    expect(cid.entries.map((e) => [e.kind, e.byName, e.balanceAfter])).toEqual([
      ['granted', 'Olga Owner', 1],
      ['charged_checkin', 'hana', 0],
    ]);
    const dan = await owner().reports.passCreditLog.query({
      clubId: club.clubId,
      passId: club.passes.p5,
    });
    expect(dan.pass.usableToday).toBe(false);
    expect(dan.entries.map((e) => e.kind)).toEqual(['granted', 'deactivated']);
  });

  it('does not find a pass of another club or a made-up one', async () => {
    expect(
      await errorCodeOf(
        owner().reports.passCreditLog.query({ clubId: club.clubId, passId: crypto.randomUUID() }),
      ),
    ).toBe('not_found');
  });
});

describe('reports.pastSessions', () => {
  it('gives headcount, participation, sign-ups and no-shows of ended sessions, newest first', async () => {
    const report = await owner().reports.pastSessions.query({ clubId: club.clubId });
    expect(report.total).toBe(2);
    expect(report.sessions.map((s) => s.sessionId)).toEqual([club.sessions.s2, club.sessions.s1]);
    const [s2, s1] = report.sessions;
    expect(s1).toMatchObject({
      title: 'Monday Yoga',
      date: '2026-03-02',
      status: 'scheduled',
      capacity: 2,
      headcount: 3,
      participation: 3,
      unpaidCredits: 1,
      flagged: 1,
      signups: 1,
      noShows: 0,
      lateCancels: 1,
      going: 0,
    });
    expect(s2).toMatchObject({
      date: '2026-03-16',
      capacity: null,
      headcount: 2,
      participation: 2,
      unpaidCredits: 1,
      flagged: 1,
      signups: 2,
      noShows: 1,
      lateCancels: 0,
      going: 1,
    });
  });

  it('filters by club date and pages', async () => {
    const from = await owner().reports.pastSessions.query({
      clubId: club.clubId,
      from: '2026-03-10',
    });
    expect(from.sessions.map((s) => s.sessionId)).toEqual([club.sessions.s2]);
    const until = await owner().reports.pastSessions.query({
      clubId: club.clubId,
      to: '2026-03-02',
    });
    expect(until.sessions.map((s) => s.sessionId)).toEqual([club.sessions.s1]);
    const second = await owner().reports.pastSessions.query({
      clubId: club.clubId,
      limit: 1,
      offset: 1,
    });
    expect(second).toMatchObject({ total: 2, sessions: [{ sessionId: club.sessions.s1 }] });
  });
});

describe('reports.memberAttendance', () => {
  it("shows a member's attended sessions, no-shows and late sign-outs", async () => {
    const ben = await owner().reports.memberAttendance.query({
      clubId: club.clubId,
      memberId: club.members.ben,
    });
    expect(ben.member).toEqual({
      memberId: club.members.ben,
      name: 'ben',
      role: 'member',
      removed: false,
    });
    expect(ben.totals).toEqual({
      attended: 0,
      no_show: 1,
      voided: 0,
      late_cancel: 1,
      participation: 0,
    });
    expect(ben.items.map((i) => [i.date, i.outcome])).toEqual([
      ['2026-03-16', 'no_show'],
      ['2026-03-02', 'late_cancel'],
    ]);

    const cid = await owner().reports.memberAttendance.query({
      clubId: club.clubId,
      memberId: club.members.cid,
    });
    expect(cid.totals).toMatchObject({ attended: 2, no_show: 0, participation: 2 });
    expect(cid.items[0]).toMatchObject({
      outcome: 'attended',
      unpaidCredits: 1,
      flags: ['unpaid'],
      checkedInAt: '2026-03-16T17:10:00.000Z',
    });
  });

  it('pages and filters by date; a made-up member is not found', async () => {
    const ana = await owner().reports.memberAttendance.query({
      clubId: club.clubId,
      memberId: club.members.ana,
      to: '2026-03-10',
    });
    expect(ana.total).toBe(1);
    expect(ana.items).toMatchObject([{ sessionId: club.sessions.s1, outcome: 'attended' }]);
    const page = await owner().reports.memberAttendance.query({
      clubId: club.clubId,
      memberId: club.members.ana,
      limit: 1,
      offset: 1,
    });
    expect(page.total).toBe(2);
    expect(page.items.map((i) => i.sessionId)).toEqual([club.sessions.s1]);
    expect(
      await errorCodeOf(
        owner().reports.memberAttendance.query({
          clubId: club.clubId,
          memberId: crypto.randomUUID(),
        }),
      ),
    ).toBe('not_found');
  });

  it('is open to hosts, who run the desk', async () => {
    const host = new Device(server.client(), club.clubId);
    await host.client.api.auth.login.mutate({
      email: 'hana@example.org',
      password: 'a long enough password',
    });
    const report = await host.client.api.reports.memberAttendance.query({
      clubId: club.clubId,
      memberId: club.members.ana,
    });
    expect(report.totals.attended).toBe(2);
  });
});

describe('reports.attention (listing)', () => {
  it('lists flagged check-ins and refusals with who, when, the device and the message', async () => {
    const list = await owner().reports.attention.query({ clubId: club.clubId });
    expect(list.open).toBe(3);
    expect(list.total).toBe(3);
    expect(list.items.map((i) => i.id)).toEqual([
      club.items.cidUnpaid,
      club.items.benRefused,
      club.items.danFlagged,
    ]);
    const [cid, ben, dan] = list.items;
    expect(dan).toMatchObject({
      kind: 'flagged',
      mutation: 'checkin.create',
      flags: ['over_capacity', 'unpaid'],
      occurredAt: '2026-03-02T17:20:00.000Z',
      by: { name: 'hana' },
      device: { label: 'Front desk' },
      session: { sessionId: club.sessions.s1, title: 'Monday Yoga' },
      member: { memberId: club.members.dan, name: 'dan' },
      attendance: { credits: 1, unpaidCredits: 1, voided: false },
      resolution: null,
    });
    expect(ben).toMatchObject({
      kind: 'refused',
      code: 'session_full',
      message:
        'The session is full. The last spot was taken by a check-in recorded at 18:20 on Front desk.',
      by: { memberId: club.members.ben, name: 'ben' },
      device: { label: "Ben's phone" },
      member: { memberId: club.members.ben },
      attendance: null,
    });
    expect(cid).toMatchObject({ kind: 'flagged', flags: ['unpaid'], member: { name: 'cid' } });
    const refused = await owner().reports.attention.query({
      clubId: club.clubId,
      kind: 'refused',
    });
    expect(refused.items.map((i) => i.id)).toEqual([club.items.benRefused]);
    expect(refused.open).toBe(3);
  });
});
