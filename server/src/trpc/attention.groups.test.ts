import { randomUUID } from 'node:crypto';
import type { MutationArgsInput, MutationName, PushResult } from '@turnout/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageAttentionQuery } from '../repositories/attention-list.repository.js';
import { Device } from '../test/devices.js';
import {
  addMember,
  setUpClub,
  startTestServer,
  testServerStore,
  type ClubFixture,
  type TestServer,
} from '../test/harness.js';
import { postgresPlan } from '../test/store-checks.js';

/**
 * Needs-attention groups end to end: refusals of one device, one mutation
 * and one code are one entry of `reports.attention`, dismissed at once by
 * `attention.dismissGroup` through `sync.push`; flagged items stay one each.
 *
 * Story (club time Europe/Ljubljana, UTC+2 in May): "Evening Spin" on
 * 4 May 2026 20:00–21:00 has one place, taken by Ana; the waitlist is off.
 * Mia's phone tries to sign up again and again (session_full).
 */

let server: TestServer;
let fixture: ClubFixture;
let owner: Device;
let desk: Device;
let miaPhone: Device;
let miaTablet: Device;
let member: { mia: string; ana: string; bo: string; cy: string };
let spin: string;

const at = (time: string) => `2026-05-04T${time}:00.000Z`;

/** The server's clock and the device's both say `time`. */
function sendAt<N extends MutationName>(
  device: Device,
  time: string,
  name: N,
  args: MutationArgsInput<N>,
): Promise<PushResult> {
  server.setNow(new Date(at(time)));
  return device.send(name, args, at(time));
}

/** `count` sign-up attempts for the full session from one device, in one push. */
async function refusedSignUps(device: Device, time: string, count: number) {
  server.setNow(new Date(at(time)));
  for (let i = 0; i < count; i += 1) device.queue('signup.create', { sessionId: spin }, at(time));
  const results = await device.sync();
  device.outbox.length = 0;
  expect(results.map((r) => r.code)).toEqual(Array(count).fill('session_full'));
  return results;
}

const list = (
  input: { status?: 'open' | 'resolved' | 'all'; kind?: 'flagged' | 'refused' } & {
    limit?: number;
    offset?: number;
  } = {},
) => fixture.owner.api.reports.attention.query({ clubId: fixture.clubId, limit: 100, ...input });

async function rowCount(table: 'attention_group_dismissals' | 'attention_resolutions') {
  const row = await server.deps.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * How many rows `write` changes: SQLite's total_changes() before and after.
 * PostgreSQL keeps no such count for a connection; there every row written
 * later carries a transaction id (xmin) from the first one not yet given out
 * on (in a throwaway cluster xids and their 64-bit form agree). Rows deleted
 * are not seen there.
 */
async function rowsWrittenBy<T>(write: () => Promise<T>): Promise<{ result: T; rows: number }> {
  if (testServerStore() === 'sqlite') {
    const changes = () => server.sql.one<{ n: number }>('SELECT total_changes() AS n')!.n;
    const before = changes();
    const result = await write();
    return { result, rows: changes() - before };
  }
  const from = server.sql.one<{ xid: string }>(
    'SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xid',
  )!.xid;
  const result = await write();
  const tables = server.sql.values<string>(
    'SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename',
  );
  let rows = 0;
  for (const table of tables) {
    rows += server.sql.one<{ n: number }>(
      `SELECT COUNT(*) AS n FROM "${table}" WHERE xmin::text::bigint >= CAST(? AS bigint)`,
      [from],
    )!.n;
  }
  return { result, rows };
}

beforeAll(async () => {
  server = await startTestServer();
  fixture = await setUpClub(server, 'Spin Club');
  const mia = await addMember(server, fixture, 'member', 'mia@example.org');
  const ana = await addMember(server, fixture, 'member', 'ana@example.org');
  const bo = await addMember(server, fixture, 'member', 'bo@example.org');
  const cy = await addMember(server, fixture, 'member', 'cy@example.org');
  const hana = await addMember(server, fixture, 'host', 'hana@example.org');
  member = { mia: mia.memberId, ana: ana.memberId, bo: bo.memberId, cy: cy.memberId };
  owner = new Device(fixture.owner, fixture.clubId, 'Office laptop');
  desk = new Device(hana.client, fixture.clubId, 'Front desk');
  miaPhone = new Device(mia.client, fixture.clubId, "Mia's phone");
  miaTablet = new Device(mia.client, fixture.clubId, "Mia's tablet");
  const anaPhone = new Device(ana.client, fixture.clubId, "Ana's phone");

  spin = randomUUID();
  for (const [device, name, args] of [
    [owner, 'club.updateSettings', { waitlistEnabled: false }],
    [
      owner,
      'session.create',
      {
        sessionId: spin,
        title: 'Evening Spin',
        startsAt: at('18:00'),
        endsAt: at('19:00'),
        capacity: 1,
        creditCost: 0,
      },
    ],
    [anaPhone, 'signup.create', { sessionId: spin }],
  ] as const) {
    const result = await sendAt(device, '08:00', name, args as never);
    expect(result.status).toBe('applied');
  }
}, 120_000);
afterAll(async () => {
  await server.close();
});

describe('refusals of one device are one entry', () => {
  it('lists 300 refusals of one device, mutation and code as one group, shown by its latest', async () => {
    await refusedSignUps(miaPhone, '15:02', 295);
    const last = await refusedSignUps(miaPhone, '15:40', 5);

    const refused = await list({ kind: 'refused' });
    expect(refused.total).toBe(1);
    expect(refused.open).toBe(1);
    expect(refused.items).toHaveLength(1);
    expect(refused.items[0]).toMatchObject({
      id: last.at(-1)!.id,
      kind: 'refused',
      mutation: 'signup.create',
      args: { sessionId: spin },
      code: 'session_full',
      message: expect.stringContaining('full'),
      // What won, as data, for the organizer's device to word in its reader's language.
      explanation: expect.objectContaining({ kind: 'place_taken', record: 'signup' }),
      by: { memberId: member.mia, name: 'mia' },
      device: { clientId: miaPhone.clientId, label: "Mia's phone" },
      session: { sessionId: spin, title: 'Evening Spin' },
      resolution: null,
      group: {
        count: 300,
        firstReceivedAt: at('15:02'),
        lastReceivedAt: at('15:40'),
        dismissalId: null,
      },
    });
  });

  it("keeps each device's refusals, and each mutation's, apart", async () => {
    await refusedSignUps(miaTablet, '15:45', 2);
    const cancel = await sendAt(miaPhone, '15:50', 'session.cancel', { sessionId: spin });
    expect(cancel.code).toBe('not_permitted');

    const refused = await list({ kind: 'refused' });
    expect(refused.total).toBe(3);
    expect(refused.items.map((i) => [i.device.label, i.mutation, i.code, i.group?.count])).toEqual([
      ["Mia's phone", 'session.cancel', 'not_permitted', 1],
      ["Mia's tablet", 'signup.create', 'session_full', 2],
      ["Mia's phone", 'signup.create', 'session_full', 300],
    ]);
  });

  it('lists flagged items one by one, even from one device for one session', async () => {
    // Hana lets two more members in at the desk: each check-in is over capacity.
    for (const memberId of [member.bo, member.cy]) {
      const result = await sendAt(desk, '17:55', 'checkin.create', { sessionId: spin, memberId });
      expect(result).toMatchObject({ status: 'applied', flags: ['over_capacity'] });
    }
    const flagged = await list({ kind: 'flagged' });
    expect(flagged.total).toBe(2);
    expect(flagged.items.map((i) => [i.member?.memberId, i.group])).toEqual([
      [member.cy, null],
      [member.bo, null],
    ]);
    // A flagged item is not dismissed as a group.
    const refusedAsGroup = await owner.send('attention.dismissGroup', {
      itemId: flagged.items[0]!.id,
    });
    expect(refusedAsGroup).toMatchObject({ status: 'rejected', code: 'invalid_args' });
  });

  it('pages and counts entries, a group counting once', async () => {
    const all = await list();
    expect(all.total).toBe(5);
    expect(all.open).toBe(5);
    const pages = [];
    for (let offset = 0; offset < all.total; offset += 2) {
      const page = await list({ limit: 2, offset });
      expect(page.total).toBe(5);
      pages.push(...page.items.map((i) => i.id));
    }
    expect(pages).toEqual(all.items.map((i) => i.id));
    expect(all.items.reduce((sum, i) => sum + (i.group?.count ?? 1), 0)).toBe(305);
  });

  it('reads the list through indexes, never scanning the mutation log', async () => {
    const compiled = pageAttentionQuery(
      fixture.clubId,
      { status: 'open', kind: undefined },
      { limit: 50, offset: 0 },
    ).compile(server.deps.db);
    if (testServerStore() === 'postgres') {
      // The same on PostgreSQL's plan: the log read only by index seeks, these two among them.
      const log = (await postgresPlan(server, compiled)).filter(
        (n) => n['Relation Name'] === 'mutation_log',
      );
      expect(log.map((n) => n['Index Name'])).toEqual(
        expect.arrayContaining(['mutation_log_refusal_groups', 'mutation_log_flagged']),
      );
      expect(log.filter((n) => !n['Index Name'] || !n['Index Cond'])).toEqual([]);
      return;
    }
    const plan = server.sql.all<{ detail: string }>(
      `EXPLAIN QUERY PLAN ${compiled.sql}`,
      compiled.parameters,
    );
    const details = plan.map((p) => p.detail);
    expect(details.some((d) => /mutation_log_refusal_groups/.test(d))).toBe(true);
    expect(details.some((d) => /mutation_log_flagged/.test(d))).toBe(true);
    // A full scan of the log would show as "SCAN m" / "SCAN l" (its aliases) or "SCAN mutation_log".
    expect(details.filter((d) => /^SCAN (m|l|mutation_log)\b/.test(d))).toEqual([]);
  });
});

describe('attention.dismissGroup', () => {
  it('dismisses a whole group with one write; a later refusal opens a new group', async () => {
    const [group] = (await list({ kind: 'refused' })).items.filter((i) => i.group?.count === 300);
    const before = {
      dismissals: await rowCount('attention_group_dismissals'),
      resolutions: await rowCount('attention_resolutions'),
    };
    const { result: dismissed, rows: written } = await rowsWrittenBy(() =>
      sendAt(desk, '16:30', 'attention.dismissGroup', {
        itemId: group!.id,
        note: 'Tester at the desk',
      }),
    );
    expect(dismissed).toEqual({ id: expect.any(String), status: 'applied' });
    // The log entry, the change counter and the dismissal: not one row per refusal.
    expect(written).toBeLessThanOrEqual(5);
    expect(await rowCount('attention_group_dismissals')).toBe(before.dismissals + 1);
    expect(await rowCount('attention_resolutions')).toBe(before.resolutions);

    const open = await list({ kind: 'refused' });
    expect(open.items.map((i) => i.group?.count)).toEqual([1, 2]);
    expect(open.open).toBe(4);
    const resolved = await list({ status: 'resolved' });
    expect(resolved.items).toMatchObject([
      {
        id: group!.id,
        group: { count: 300, firstReceivedAt: at('15:02'), dismissalId: dismissed.id },
        resolution: {
          resolution: 'dismissed',
          note: 'Tester at the desk',
          resolvedAt: at('16:30'),
          resolvedBy: { name: 'hana' },
        },
      },
    ]);

    // The phone keeps trying: a new open group, the dismissed one stays closed.
    const later = await refusedSignUps(miaPhone, '16:45', 1);
    const after = await list({ kind: 'refused' });
    expect(after.items[0]).toMatchObject({
      id: later[0]!.id,
      group: { count: 1, firstReceivedAt: at('16:45'), dismissalId: null },
      resolution: null,
    });
    expect((await list({ status: 'resolved' })).items.map((i) => i.group?.count)).toEqual([300]);
  });

  it('closes a group once; its refusals cannot be resolved again one by one', async () => {
    const [closed] = (await list({ status: 'resolved' })).items;
    const again = await owner.send('attention.dismissGroup', { itemId: closed!.id });
    expect(again).toMatchObject({ status: 'rejected', code: 'conflict' });
    expect(again.message).toContain('already dismissed with its group');
    const one = await owner.send('attention.resolve', {
      itemId: closed!.id,
      resolution: 'accepted',
    });
    expect(one).toMatchObject({ status: 'rejected', code: 'conflict' });
    expect(one.message).toContain('already resolved (dismissed)');
  });

  it('is for hosts and owners only', async () => {
    const [open] = (await list({ kind: 'refused' })).items;
    const own = await miaPhone.send('attention.dismissGroup', { itemId: open!.id });
    expect(own).toMatchObject({ status: 'rejected', code: 'not_permitted' });
    const unknown = await owner.send('attention.dismissGroup', { itemId: randomUUID() });
    expect(unknown).toMatchObject({ status: 'rejected', code: 'not_found' });
    const byOwner = await owner.send('attention.dismissGroup', { itemId: open!.id });
    expect(byOwner.status).toBe('applied');
  });
});
