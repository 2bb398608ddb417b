import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullOutput } from '@turnout/shared';
import { statementsOf } from '../db/connection.js';
import type { SqliteStatements } from '../db/statements.js';
import { buildClub, type BuiltClub } from '../test/builders.js';
import {
  isFullScan,
  queryPlan,
  readSteps,
  recordQueries,
  walksHistory,
} from '../test/query-record.js';
import { Device } from '../test/devices.js';
import { PASSWORD, startTestServer, type TestClient, type TestServer } from '../test/harness.js';

/**
 * "A pull costs what it sends" (issue 12): a pull with nothing new must not
 * do work that grows with the club. Checked by what it asks SQLite, not by
 * timing: every query it runs, and how SQLite plans each one.
 */
let server: TestServer;
let club: BuiltClub;
let owner: TestClient;

beforeAll(async () => {
  server = await startTestServer();
  club = await buildClub(server.deps, {
    members: 400,
    sessions: 5,
    passSessions: 5,
    password: PASSWORD,
  });
  owner = server.client();
  await owner.api.auth.login.mutate({ email: club.ownerEmail, password: PASSWORD });
});
afterAll(async () => {
  await server.close();
});

/** Runs `call`, returning the SQL of every statement it ran and how many rows they returned. */
const recorded = (call: () => Promise<unknown>) =>
  recordQueries(statementsOf(server.deps.db) as SqliteStatements, call);

/** Pulls page after page until up to date; the cursor it ends on. */
async function caughtUp(client: TestClient): Promise<string | undefined> {
  let cursor: string | undefined;
  let hasMore = true;
  while (hasMore) {
    const page = await client.api.sync.pull.query({ clubId: club.clubId, cursor });
    cursor = page.cursor;
    hasMore = page.hasMore;
  }
  return cursor;
}

const plan = (sql: string) => queryPlan(server.sqlite, sql);

describe('an up-to-date pull', () => {
  it('reads a handful of rows, each query by an index, however many members the club has', async () => {
    // Catch up first (the first pull sends the roster of 400 members).
    const cursor = await caughtUp(owner);
    const { queries, rows } = await recorded(async () => {
      const page = await owner.api.sync.pull.query({ clubId: club.clubId, cursor });
      expect(page.changes).toEqual({});
      expect(page.hasMore).toBe(false);
    });
    expect(queries.length).toBeGreaterThan(0);
    // The club row, the login and membership checks, the change counter: nothing per member.
    expect(rows).toBeLessThan(20);
    const scans = readSteps(server.sqlite, queries).filter(({ step }) => isFullScan(step));
    expect(scans).toEqual([]);
  });

  it('sends the roster again when a member changes, and not otherwise', async () => {
    const cursor = await caughtUp(owner);
    const quiet = await owner.api.sync.pull.query({ clubId: club.clubId, cursor });
    expect(quiet.changes.members).toBeUndefined();
    server.sqlite
      .prepare(`UPDATE users SET name = 'Renamed Person' WHERE email = ?`)
      .run(club.memberEmails[3]);
    const after = await owner.api.sync.pull.query({ clubId: club.clubId, cursor: quiet.cursor });
    expect(after.changes.members?.put).toHaveLength(401);
    expect(after.changes.members?.put.find((m) => m.memberId === club.memberIds[3])?.name).toBe(
      'Renamed Person',
    );
  });

  it('in a first sync, finds rows through the window, never by walking history in version order', async () => {
    const { queries } = await recorded(async () => {
      let cursor: string | undefined;
      let hasMore = true;
      const fresh = server.client();
      await fresh.api.auth.login.mutate({ email: club.ownerEmail, password: PASSWORD });
      while (hasMore) {
        const page = await fresh.api.sync.pull.query({ clubId: club.clubId, cursor });
        cursor = page.cursor;
        hasMore = page.hasMore;
      }
    });
    const walks = readSteps(server.sqlite, queries).filter(({ step }) => walksHistory(step));
    expect(walks).toEqual([]);
  });
});

describe("a member's later pull", () => {
  it('finds their own check-ins, passes and credit entries by member, not by walking the club changes since the cursor', async () => {
    const member = server.client();
    await member.api.auth.login.mutate({ email: club.memberEmails[0]!, password: PASSWORD });
    const cursor = await caughtUp(member);
    const { queries } = await recorded(() =>
      member.api.sync.pull.query({ clubId: club.clubId, cursor }),
    );
    const plans = (table: string) =>
      queries
        .filter((q) => new RegExp(`^\\s*select .* FROM ${table} WHERE`, 'is').test(q))
        // Not another table's query that only looks this one up (credit_log by passes).
        .filter((q) => !new RegExp(`IN \\(SELECT id FROM ${table} `, 'i').test(q))
        .map((q) => plan(q).join(' | '));
    // Each check-in of anyone moves a pass's and a check-in's version: (club, version) would
    // walk them all to keep this member's.
    expect(plans('attendance').length).toBeGreaterThan(0);
    for (const p of plans('attendance')) expect(p).toMatch(/USING INDEX attendance_member_version/);
    expect(plans('passes').length).toBeGreaterThan(0);
    for (const p of plans('passes'))
      expect(p).toMatch(/USING INDEX passes_member \(member_id=\?\)/);
    // Every check-in adds a credit-log entry: theirs are found by their passes.
    expect(plans('credit_log').length).toBeGreaterThan(0);
    for (const p of plans('credit_log')) {
      expect(p).toMatch(/USING INDEX credit_log_pass \(pass_id=\? AND version>\? AND version<\?\)/);
      expect(p).toMatch(/SEARCH passes USING INDEX passes_member \(member_id=\?\)/);
      expect(p).not.toMatch(/credit_log_club_version|passes_club_version/);
    }
  });
});

describe('devices catching up on the same change', () => {
  it('read the counts the database keeps instead of counting, and each gets the same counts', async () => {
    const cursor = await caughtUp(owner);
    const desk = new Device(owner, club.clubId, 'Front desk');
    desk.queue('checkin.create', { sessionId: club.sessionIds[0]!, memberId: club.memberIds[7]! });
    expect((await desk.sync())[0]?.status).toBe('applied');

    const pages: PullOutput[] = [];
    const { queries } = await recorded(async () => {
      for (let i = 0; i < 3; i++) {
        pages.push(await owner.api.sync.pull.query({ clubId: club.clubId, cursor }));
      }
    });
    // No pull counts a session's records (the triggers of migration 0019 keep them).
    const counting = queries.filter((q) =>
      /FROM (signups|attendance|intents) WHERE session_id/.test(q),
    );
    expect(counting).toEqual([]);
    expect(queries.filter((q) => /FROM session_counts/.test(q))).toHaveLength(3);
    const counts = pages.map((p) => p.changes.sessionCounts?.put);
    expect(counts[0]).toEqual([expect.objectContaining({ sessionId: club.sessionIds[0] })]);
    expect(counts[1]).toEqual(counts[0]);
    expect(counts[2]).toEqual(counts[0]);
  });
});
