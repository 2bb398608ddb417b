import { randomUUID } from 'node:crypto';
import { attentionKind, settledReason } from '@turnout/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Device } from '../test/devices.js';
import { addMember, PASSWORD, type TestServer } from '../test/harness.js';
import { startReportClub, type ReportClub } from '../test/report-club.js';

/**
 * Needs attention end to end: items come from what devices pushed, are
 * resolved with `attention.resolve` / paid with `checkin.settle` through
 * `sync.push`, and stay listed as resolved.
 */

let server: TestServer;
let club: ReportClub;
let host: Device;
let owner: Device;

beforeAll(async () => {
  ({ server, club } = await startReportClub());
  owner = club.devices.owner;
  const hostClient = server.client();
  await hostClient.api.auth.login.mutate({ email: 'hana@example.org', password: PASSWORD });
  host = new Device(hostClient, club.clubId, 'Studio tablet');
}, 120_000);
afterAll(() => server.close());

const list = (input: { status?: 'open' | 'resolved' | 'all'; kind?: 'flagged' | 'refused' } = {}) =>
  club.fixture.owner.api.reports.attention.query({ clubId: club.clubId, limit: 200, ...input });

async function balances() {
  const rows = await server.deps.db
    .selectFrom('passes')
    .select(['id', 'balance'])
    .where('club_id', '=', club.clubId)
    .orderBy('id')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.id, r.balance]));
}

async function creditLogCount() {
  const row = await server.deps.db
    .selectFrom('credit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function ledgerMatchesBalances() {
  const rows = await sql<{ balance: number; logged: number | null }>`
    SELECT balance, (SELECT SUM(delta) FROM credit_log WHERE pass_id = passes.id) AS logged
    FROM passes`.execute(server.deps.db);
  for (const r of rows.rows) expect(r.balance).toBe(r.logged ?? 0);
}

function attendanceOf(sessionId: string, memberId: string) {
  return server.deps.db
    .selectFrom('attendance')
    .select(['unpaid_credits', 'flags', 'charges'])
    .where('session_id', '=', sessionId)
    .where('member_id', '=', memberId)
    .executeTakeFirstOrThrow();
}

describe('attention.resolve', () => {
  it('charges an unpaid check-in only once usable credits exist, then keeps the item as resolved', async () => {
    const item = club.items.danFlagged;
    const before = { balances: await balances(), log: await creditLogCount() };

    // Dan's only pass is deactivated: nothing to charge, nothing changes.
    const refused = await owner.send('attention.resolve', { itemId: item, resolution: 'charged' });
    expect(refused).toMatchObject({ status: 'rejected', code: 'insufficient_credits' });
    expect(refused.message).toContain('1 credit owed, 0 credits usable');
    expect(await balances()).toEqual(before.balances);
    expect(await creditLogCount()).toBe(before.log);

    await owner.send('pass.setActive', { passId: club.passes.p5, active: true });
    const charged = await owner.send('attention.resolve', {
      itemId: item,
      resolution: 'charged',
      note: 'Bought a pass',
    });
    expect(charged).toEqual({ id: expect.any(String), status: 'applied' });
    expect((await balances())[club.passes.p5]).toBe(9);
    const dan = await attendanceOf(club.sessions.s1, club.members.dan);
    expect(dan.unpaid_credits).toBe(0);
    expect(JSON.parse(dan.flags)).toEqual(['over_capacity']);
    expect(JSON.parse(dan.charges)).toEqual([{ passId: club.passes.p5, credits: 1 }]);

    const log = await club.fixture.owner.api.reports.passCreditLog.query({
      clubId: club.clubId,
      passId: club.passes.p5,
    });
    expect(log.entries.at(-1)).toMatchObject({
      kind: 'charged_checkin',
      delta: -1,
      balanceAfter: 9,
      reason: settledReason,
      byName: 'Olga Owner',
      sessionId: club.sessions.s1,
    });

    const open = await list();
    expect(open.items.map((i) => i.id)).not.toContain(item);
    expect(open.open).toBe(2);
    const resolved = await list({ status: 'resolved' });
    expect(resolved.items).toEqual([
      expect.objectContaining({
        id: item,
        attendance: expect.objectContaining({ unpaidCredits: 0, flags: ['over_capacity'] }),
        resolution: {
          resolution: 'charged',
          note: 'Bought a pass',
          resolvedAt: club.now.toISOString(),
          resolvedBy: { memberId: club.fixture.ownerMemberId, name: 'Olga Owner' },
        },
      }),
    ]);
    await ledgerMatchesBalances();
  });

  it('resolves an item once: a second resolution is refused and is not an item itself', async () => {
    const again = await host.send('attention.resolve', {
      itemId: club.items.danFlagged,
      resolution: 'dismissed',
    });
    expect(again).toMatchObject({ status: 'rejected', code: 'conflict' });
    expect(again.message).toContain('already resolved (charged)');
    expect((await list()).open).toBe(2);
    // The database holds a resolution for good.
    await expect(sql`DELETE FROM attention_resolutions`.execute(server.deps.db)).rejects.toThrow(
      /kept for good/,
    );
    await expect(
      sql`UPDATE attention_resolutions SET resolution = 'dismissed'`.execute(server.deps.db),
    ).rejects.toThrow(/never changes/);
  });

  it('lets a host dismiss a refusal with a note; members may not resolve', async () => {
    const ben = server.client();
    await ben.api.auth.login.mutate({ email: 'ben@example.org', password: PASSWORD });
    const phone = new Device(ben, club.clubId);
    const own = await phone.send('attention.resolve', {
      itemId: club.items.benRefused,
      resolution: 'dismissed',
    });
    expect(own).toMatchObject({ status: 'rejected', code: 'not_permitted' });

    const dismissed = await host.send('attention.resolve', {
      itemId: club.items.benRefused,
      resolution: 'dismissed',
      note: 'Told him at the door',
    });
    expect(dismissed.status).toBe('applied');
    const resolved = await list({ status: 'resolved', kind: 'refused' });
    expect(resolved.items).toMatchObject([
      {
        id: club.items.benRefused,
        resolution: { resolution: 'dismissed', resolvedBy: { name: 'hana' } },
      },
    ]);
    expect((await list()).open).toBe(1);
  });

  it('settles a debt after a grant, even for a session before the pass; charging then just closes the item', async () => {
    const cid = { sessionId: club.sessions.s2, memberId: club.members.cid };
    const none = await host.send('checkin.settle', cid);
    expect(none).toMatchObject({ status: 'rejected', code: 'insufficient_credits' });

    const passId = randomUUID();
    await owner.send('pass.grant', {
      passId,
      memberId: club.members.cid,
      templateId: club.templates.five,
    });
    const settled = await host.send('checkin.settle', cid);
    expect(settled).toEqual({ id: expect.any(String), status: 'applied' });
    expect((await balances())[passId]).toBe(4);
    expect((await attendanceOf(cid.sessionId, cid.memberId)).unpaid_credits).toBe(0);

    // Settling again changes nothing (never a second charge).
    const again = await host.send('checkin.settle', cid);
    expect(again.status).toBe('applied');
    expect((await balances())[passId]).toBe(4);

    const log = await creditLogCount();
    const closed = await host.send('attention.resolve', {
      itemId: club.items.cidUnpaid,
      resolution: 'charged',
    });
    expect(closed.status).toBe('applied');
    expect(await creditLogCount()).toBe(log);
    await ledgerMatchesBalances();
  });

  it('accepting an unpaid check-in waives the debt and charges nobody', async () => {
    const eve = await addMember(server, club.fixture, 'member', 'eve@example.org');
    // A backfill two days after the session, by the host, of a member without a pass.
    const flagged = await host.send('checkin.create', {
      sessionId: club.sessions.s2,
      memberId: eve.memberId,
    });
    expect(flagged).toMatchObject({ status: 'applied', flags: ['unpaid'] });
    const before = { balances: await balances(), log: await creditLogCount() };
    const accepted = await owner.send('attention.resolve', {
      itemId: flagged.id,
      resolution: 'accepted',
      note: 'Trial class',
    });
    expect(accepted.status).toBe('applied');
    const eveAttendance = await attendanceOf(club.sessions.s2, eve.memberId);
    expect(eveAttendance.unpaid_credits).toBe(0);
    expect(JSON.parse(eveAttendance.flags)).toEqual([]);
    expect(await balances()).toEqual(before.balances);
    expect(await creditLogCount()).toBe(before.log);
  });

  it('replays a resolution batch without applying it twice', async () => {
    const eve = await addMember(server, club.fixture, 'member', 'eve2@example.org');
    const flagged = await host.send('checkin.create', {
      sessionId: club.sessions.s2,
      memberId: eve.memberId,
    });
    const tablet = new Device(host.client, club.clubId, 'Studio tablet');
    tablet.queue('attention.resolve', { itemId: flagged.id, resolution: 'dismissed' });
    const first = await tablet.sync();
    const second = await tablet.sync();
    expect(first[0]?.status).toBe('applied');
    expect(second).toEqual([{ ...first[0], replayed: true }]);
    const rows = await server.deps.db
      .selectFrom('attention_resolutions')
      .select('item_id')
      .where('item_id', '=', flagged.id)
      .execute();
    expect(rows).toHaveLength(1);
  });
});

describe('the needs-attention list', () => {
  it("shows a removed member's queued action, refused on sync, with their name", async () => {
    const zoe = await addMember(server, club.fixture, 'member', 'zoe@example.org');
    const phone = new Device(zoe.client, club.clubId, "Zoe's phone");
    phone.queue('intent.set', { sessionId: club.sessions.s3, going: true });
    await club.fixture.owner.api.members.remove.mutate({
      clubId: club.clubId,
      memberId: zoe.memberId,
    });
    // Her logins ended with her last club; she logs in again and her phone sends its outbox.
    const again = server.client();
    await again.api.auth.login.mutate({ email: 'zoe@example.org', password: PASSWORD });
    const retry = new Device(again, club.clubId, "Zoe's phone");
    retry.outbox.push(...phone.outbox);
    const [result] = await retry.sync();
    expect(result).toMatchObject({ status: 'rejected', code: 'not_permitted' });
    const refused = await list({ kind: 'refused' });
    expect(refused.items[0]).toMatchObject({
      id: phone.outbox[0]!.id,
      code: 'not_permitted',
      by: { memberId: null, name: 'zoe' },
      device: { label: "Zoe's phone" },
    });
  });

  it('holds exactly the attempts the rules call needs-attention (the SQL mirrors attentionKind)', async () => {
    const rows = await server.deps.db
      .selectFrom('mutation_log')
      .select(['id', 'name', 'status', 'code', 'flags', 'client_id', 'received_at', 'seq'])
      .where('club_id', '=', club.clubId)
      .orderBy('received_at')
      .orderBy('seq')
      .execute();
    const items = rows.filter(
      (r) => attentionKind({ ...r, flags: JSON.parse(r.flags) as string[] }) !== null,
    );
    // Flagged items one by one; refusals one entry per device, mutation and code (its latest).
    const latest = new Map<string, { id: string; count: number }>();
    for (const r of items) {
      const key = r.status === 'applied' ? r.id : `${r.client_id} ${r.name} ${r.code}`;
      latest.set(key, { id: r.id, count: (latest.get(key)?.count ?? 0) + 1 });
    }
    const expected = [...latest.values()].map((e) => e.id).sort();
    const all = await list({ status: 'all' });
    expect(all.total).toBe(expected.length);
    expect(all.items.map((i) => i.id).sort()).toEqual(expected);
    expect(all.items.reduce((sum, i) => sum + (i.group?.count ?? 1), 0)).toBe(items.length);
    // Refusals that needed nobody are in the log but not in the list.
    expect(rows.some((r) => r.name === 'attention.resolve' && r.status === 'rejected')).toBe(true);
    for (const kind of ['flagged', 'refused'] as const) {
      const some = await list({ status: 'all', kind });
      expect(some.items.every((i) => i.kind === kind)).toBe(true);
    }
    const page = await club.fixture.owner.api.reports.attention.query({
      clubId: club.clubId,
      status: 'all',
      limit: 2,
      offset: 1,
    });
    expect(page.items.map((i) => i.id)).toEqual(all.items.slice(1, 3).map((i) => i.id));
  });
});
