import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKindOf } from '../db/connection.js';
import { migrations } from '../db/migrations/index.js';
import { postgresMigrations } from '../db/postgres/migrations/index.js';
import { issueSetupToken } from '../services/setup.service.js';
import { Device } from '../test/devices.js';
import { downloadExport, refusalOf, type ExportPath } from '../test/downloads.js';
import { PASSWORD, type TestServer } from '../test/harness.js';
import { startReportClub, type ReportClub } from '../test/report-club.js';

/**
 * Exports over real HTTP (streamed GET downloads), parsed back and compared
 * with what the story in test/report-club.ts seeded.
 */

let server: TestServer;
let club: ReportClub;

beforeAll(async () => {
  ({ server, club } = await startReportClub());
}, 120_000);
afterAll(() => server.close());

const api = () => club.fixture.owner.api;

/** The owner downloads a file. */
const download = (file: ExportPath, params: Record<string, string>) =>
  downloadExport(club.fixture.owner, server.localUrl, file, params);

/** The newest migration of the server's store (PostgreSQL has a list of its own). */
function newestMigration(): string | undefined {
  const applied = storeKindOf(server.deps.db) === 'postgres' ? postgresMigrations : migrations;
  return Object.keys(applied).sort().at(-1);
}

function readCsv(body: string): Record<string, string>[] {
  return parse(body, { bom: true, columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
}

describe('/exports/attendance.csv', () => {
  it('exports every check-in of the range in club time, voided ones marked', async () => {
    const file = await download('attendance.csv', {
      clubId: club.clubId,
      from: '2026-03-01',
      to: '2026-03-31',
    });
    expect(file.filename).toBe('attendance-sunrise-yoga-club-2026-03-01-to-2026-03-31.csv');
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    expect(file.body.startsWith('\uFEFFdate,start,end,session,')).toBe(true);
    expect(file.body).toContain('\r\n');
    const rows = readCsv(file.body);
    expect(rows.map((r) => [r.date, r.member, r.voided])).toEqual([
      ['2026-03-02', 'ana', 'no'],
      ['2026-03-02', 'cid', 'no'],
      ['2026-03-02', 'dan', 'no'],
      ['2026-03-16', 'ana', 'no'],
      ['2026-03-16', 'ben', 'yes'],
      ['2026-03-16', 'cid', 'no'],
    ]);
    expect(rows[0]).toEqual({
      date: '2026-03-02',
      start: '18:00',
      end: '19:00',
      session: 'Monday Yoga',
      training_type: '',
      session_status: 'scheduled',
      member: 'ana',
      credits: '1',
      unpaid_credits: '0',
      flags: '',
      backfilled: 'no',
      voided: 'no',
      void_reason: '',
      checked_in_at: '2026-03-02 18:10',
      recorded_by: 'ana',
      device: "Ana's phone",
      session_id: club.sessions.s1,
      member_id: club.members.ana,
      attendance_id: expect.any(String),
    });
    expect(rows[2]).toMatchObject({
      member: 'dan',
      unpaid_credits: '1',
      flags: 'over_capacity unpaid',
      recorded_by: 'hana',
      device: 'Front desk',
    });
    expect(rows[4]).toMatchObject({ member: 'ben', void_reason: 'Wrong person' });

    // The ids are the records' own.
    const stored = await server.deps.db
      .selectFrom('attendance')
      .select('id')
      .where('club_id', '=', club.clubId)
      .execute();
    expect(rows.map((r) => r.attendance_id).sort()).toEqual(stored.map((r) => r.id).sort());
  });

  it('takes the range by the club calendar', async () => {
    const file = await download('attendance.csv', {
      clubId: club.clubId,
      from: '2026-03-03',
      to: '2026-03-16',
    });
    expect(readCsv(file.body).map((r) => r.date)).toEqual([
      '2026-03-16',
      '2026-03-16',
      '2026-03-16',
    ]);
    const none = await download('attendance.csv', {
      clubId: club.clubId,
      from: '2026-03-03',
      to: '2026-03-15',
    });
    expect(readCsv(none.body)).toEqual([]);
  });

  it('neutralises text a spreadsheet would run as a formula', async () => {
    const invite = await api().invites.create.mutate({ clubId: club.clubId, role: 'member' });
    const names = ['=HYPERLINK("http://x.test","click")', '+1+1', '-2+3', '@SUM(A1)'];
    const desk = new Device(club.fixture.owner, club.clubId, '@desk');
    for (const [i, name] of names.entries()) {
      const person = server.client();
      const code =
        i === 0
          ? invite.code
          : (await api().invites.create.mutate({ clubId: club.clubId, role: 'member' })).code;
      const me = await person.api.invites.accept.mutate({
        token: code,
        account: { name, email: `formula${i}@example.org`, password: PASSWORD },
      });
      const memberId = me.clubs.find((c) => c.clubId === club.clubId)!.memberId;
      await desk.send('checkin.create', { sessionId: club.sessions.s2, memberId });
    }
    const file = await download('attendance.csv', {
      clubId: club.clubId,
      from: '2026-03-16',
      to: '2026-03-16',
    });
    const rows = readCsv(file.body).filter((r) => r.device === "'@desk");
    expect(rows.map((r) => r.member).sort()).toEqual(names.map((n) => `'${n}`).sort());
    // The raw text never starts a cell with a formula character.
    for (const line of file.body.split('\r\n')) {
      for (const cell of line.split(',')) expect(cell).not.toMatch(/^"?[=+@]/);
    }
  });

  it('refuses a backwards or missing range', async () => {
    expect(
      await refusalOf(
        download('attendance.csv', {
          clubId: club.clubId,
          from: '2026-03-31',
          to: '2026-03-01',
        }),
      ),
    ).toEqual({ status: 400, code: 'invalid_args' });
    // The range is required.
    expect(await refusalOf(download('attendance.csv', { clubId: club.clubId }))).toEqual({
      status: 400,
      code: 'invalid_args',
    });
    expect(
      await refusalOf(download('credit-log.csv', { clubId: club.clubId, from: '2026-03-01' })),
    ).toEqual({
      status: 400,
      code: 'invalid_args',
    });
  });
});

describe('/exports/credit-log.csv', () => {
  it('exports the credit log of the range in order, and it adds up to every balance', async () => {
    const file = await download('credit-log.csv', {
      clubId: club.clubId,
      from: '2026-02-01',
      to: '2026-03-19',
    });
    expect(file.filename).toBe('credit-log-sunrise-yoga-club-2026-02-01-to-2026-03-19.csv');
    const rows = readCsv(file.body);
    expect(rows.map((r) => [r.at, r.member, r.pass, r.kind, r.delta, r.balance_after])).toEqual([
      ['2026-02-01 11:00', 'ana', 'Ten', 'granted', '10', '10'],
      ['2026-02-01 11:00', 'ben', 'Five', 'granted', '5', '5'],
      ['2026-02-20 11:00', 'cid', 'Drop-in', 'granted', '1', '1'],
      ['2026-02-20 11:00', 'ana', 'Five', 'granted', '5', '5'],
      ['2026-03-10 11:00', 'dan', 'Ten', 'granted', '10', '10'],
      ['2026-03-10 11:00', 'dan', 'Ten', 'deactivated', '0', '10'],
      ['2026-03-02 18:10', 'ana', 'Ten', 'charged_checkin', '-1', '9'],
      ['2026-03-02 18:15', 'cid', 'Drop-in', 'charged_checkin', '-1', '0'],
      ['2026-03-16 18:05', 'ana', 'Five', 'charged_checkin', '-1', '4'],
      ['2026-03-16 18:30', 'ben', 'Five', 'charged_checkin', '-1', '4'],
      ['2026-03-16 18:35', 'ben', 'Five', 'returned_void', '1', '5'],
    ]);
    expect(rows[10]).toMatchObject({
      session: 'Monday Yoga',
      session_date: '2026-03-16',
      reason: 'Wrong person',
      by: 'Olga Owner',
      pass_id: club.passes.p2,
      member_id: club.members.ben,
      session_id: club.sessions.s2,
    });

    const sums = new Map<string, number>();
    for (const r of rows) sums.set(r.pass_id!, (sums.get(r.pass_id!) ?? 0) + Number(r.delta));
    const passes = await server.deps.db
      .selectFrom('passes')
      .select(['id', 'balance'])
      .where('club_id', '=', club.clubId)
      .execute();
    expect(Object.fromEntries(sums)).toEqual(
      Object.fromEntries(passes.map((p) => [p.id, p.balance])),
    );
  });

  it('leaves out entries outside the range', async () => {
    const file = await download('credit-log.csv', {
      clubId: club.clubId,
      from: '2026-03-02',
      to: '2026-03-02',
    });
    expect(readCsv(file.body).map((r) => r.member)).toEqual(['ana', 'cid']);
  });
});

describe('/exports/club.json', () => {
  it("exports every table of the club, and nothing of another club's or any secret", async () => {
    // Another club on the same server, with a session of its own.
    const link = await issueSetupToken(
      { ...server.deps, config: { ...server.deps.config, setupToken: 'second-club-token-1' } },
      server.url,
    );
    const other = server.client();
    const me = await other.api.setup.createClub.mutate({
      token: new URL(link).searchParams.get('token')!,
      club: { name: 'Other Club' },
      owner: { name: 'Other', email: 'other@example.org', password: PASSWORD },
    });
    const otherSession = randomUUID();
    await new Device(other, me.clubs[0]!.clubId).send('session.create', {
      sessionId: otherSession,
      title: 'Elsewhere',
      startsAt: '2026-03-21T10:00:00.000Z',
      endsAt: '2026-03-21T11:00:00.000Z',
    });

    const file = await download('club.json', { clubId: club.clubId });
    expect(file.filename).toBe('turnout-sunrise-yoga-club-2026-03-20.json');
    expect(file.contentType).toBe('application/json');
    expect(file.body).not.toMatch(/password|token_hash|code_hash|scrypt/i);
    expect(file.body).not.toContain(otherSession);
    expect(file.body).not.toContain('other@example.org');

    const doc = JSON.parse(file.body) as {
      format: string;
      formatVersion: number;
      schema: string;
      exportedAt: string;
      club: Record<string, unknown>;
      tables: Record<string, Record<string, unknown>[]>;
    };
    expect(doc).toMatchObject({
      format: 'turnout.club-export',
      formatVersion: 1,
      schema: newestMigration(),
      exportedAt: club.now.toISOString(),
      club: { id: club.clubId, name: 'Sunrise Yoga Club', timezone: 'Europe/Ljubljana' },
    });
    expect(doc.club.locales).toEqual(['en']);

    const db = server.deps.db;
    for (const table of [
      'sessions',
      'signups',
      'attendance',
      'intents',
      'pass_templates',
      'passes',
      'credit_log',
      'notifications',
      'mutation_log',
      'attention_resolutions',
      'training_types',
      'series',
      'pass_requests',
    ] as const) {
      const stored = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('club_id', '=', club.clubId)
        .executeTakeFirstOrThrow();
      expect(doc.tables[table], table).toHaveLength(Number(stored.n));
    }
    expect(doc.tables.sessions!.length).toBe(3);
    const people = doc.tables.members!;
    expect(people.map((p) => p.email)).toContain('ana@example.org');
    expect(people.find((p) => p.email === 'owner@example.org')).toMatchObject({
      name: 'Olga Owner',
      role: 'owner',
      removed_at: null,
    });
    expect(doc.tables.invitations!.length).toBeGreaterThan(0);
    // JSON columns come back as JSON.
    const p2 = doc.tables.passes!.find((p) => p.id === club.passes.p2)!;
    expect(p2.terms).toMatchObject({ names: { en: 'Five' }, priceMinor: 6000, currency: 'EUR' });
    const dan = doc.tables.attendance!.find((a) => a.member_id === club.members.dan)!;
    expect(dan.flags).toEqual(['over_capacity', 'unpaid']);
  });
});
