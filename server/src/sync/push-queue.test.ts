import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClub, type BuiltClub } from '../test/builders.js';
import { PASSWORD, startTestServer, type TestServer } from '../test/harness.js';
import { refuseInserts } from '../test/store-checks.js';
import { push } from './push.js';
import { pushQueueOf } from './push-queue.js';

let server: TestServer;
let club: BuiltClub;
let ownerUserId: string;

beforeAll(async () => {
  server = await startTestServer();
  club = await buildClub(server.deps, {
    members: 40,
    sessions: 2,
    passSessions: 5,
    password: PASSWORD,
  });
  ownerUserId = server.sql.one<{ user_id: string }>(
    'SELECT user_id FROM memberships WHERE id = ?',
    [club.ownerMemberId],
  )!.user_id;
});
afterAll(async () => {
  await server.close();
});

const checkIns = (clientId: string, members: readonly string[], sessionId: string) => ({
  clubId: club.clubId,
  clientId,
  mutations: members.map((memberId, seq) => ({
    id: randomUUID(),
    clientId,
    seq,
    name: 'checkin.create',
    args: { sessionId, memberId },
    occurredAt: new Date().toISOString(),
  })),
});

describe('group commit', () => {
  it('applies pushes that arrive together in fewer commits, each answered as if alone', async () => {
    const queue = pushQueueOf(server.deps);
    const before = queue.commits;
    // Twenty devices, two check-ins each, all at once.
    const inputs = Array.from({ length: 20 }, (_, i) =>
      checkIns(randomUUID(), club.memberIds.slice(i * 2, i * 2 + 2), club.sessionIds[0]!),
    );
    const outcomes = await Promise.all(
      inputs.map((input) => push(server.deps, { userId: ownerUserId }, input)),
    );
    expect(outcomes.flatMap((o) => o.results.map((r) => r.status))).toEqual(
      Array(40).fill('applied'),
    );
    // One version per push, as if each had its own transaction.
    const versions = outcomes.map((o) => o.version!);
    expect(new Set(versions).size).toBe(20);
    const commits = queue.commits - before;
    expect(commits).toBeGreaterThanOrEqual(1);
    expect(commits).toBeLessThan(20);
    const rows = server.sql.one<{ n: number }>(
      'SELECT COUNT(*) AS n FROM attendance WHERE session_id = ?',
      [club.sessionIds[0]],
    )!;
    expect(rows.n).toBe(40);

    // A retry of the same pushes, together again, is a replay for every one.
    const again = await Promise.all(
      inputs.map((input) => push(server.deps, { userId: ownerUserId }, input)),
    );
    expect(again.flatMap((o) => o.results.map((r) => r.replayed))).toEqual(Array(40).fill(true));
  });

  it('undoes only the push whose write a database guard refuses, not its group', async () => {
    const ben = club.memberIds[0]!;
    const drop = refuseInserts(
      server,
      'attendance',
      `NEW.member_id = '${ben}' AND NEW.session_id = '${club.sessionIds[1]}'`,
    );
    try {
      const inputs = [
        checkIns(randomUUID(), [club.memberIds[1]!], club.sessionIds[1]!),
        checkIns(randomUUID(), [ben, club.memberIds[2]!], club.sessionIds[1]!),
        checkIns(randomUUID(), [club.memberIds[3]!], club.sessionIds[1]!),
      ];
      const outcomes = await Promise.all(
        inputs.map((input) => push(server.deps, { userId: ownerUserId }, input)),
      );
      expect(outcomes.map((o) => o.results.map((r) => r.code ?? r.status))).toEqual([
        ['applied'],
        ['conflict', 'applied'],
        ['applied'],
      ]);
    } finally {
      drop();
    }
  });
});
