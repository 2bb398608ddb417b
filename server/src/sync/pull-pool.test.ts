import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile } from '../app.js';
import { buildClub, type BuiltClub } from '../test/builders.js';
import { Device } from '../test/devices.js';
import { PASSWORD, startTestServer, type TestClient, type TestServer } from '../test/harness.js';
import { pull } from './pull.js';
import { PullPool } from './pull-pool.js';

/**
 * Pull workers: the same pages as a pull on the main thread, refusals kept
 * as refusals, and a worker that dies is replaced.
 */
let server: TestServer;
let club: BuiltClub;
let owner: TestClient;
let pool: PullPool;

beforeAll(async () => {
  server = await startTestServer({ config: { pullWorkers: 1 } });
  club = await buildClub(server.deps, {
    members: 30,
    sessions: 3,
    passSessions: 5,
    password: PASSWORD,
  });
  owner = server.client();
  await owner.api.auth.login.mutate({ email: club.ownerEmail, password: PASSWORD });
  pool = await PullPool.start(databaseFile(server.deps.config), 2);
}, 60_000);
afterAll(async () => {
  await pool.close();
  await server.close();
});

const ownerActor = () => ({
  clubId: club.clubId,
  memberId: club.ownerMemberId,
  role: 'owner' as const,
});

describe('pull workers', () => {
  it('answer every page exactly as a pull on the main thread, including what was just pushed', async () => {
    const desk = new Device(owner, club.clubId, 'Front desk');
    desk.queue('checkin.create', { sessionId: club.sessionIds[0]!, memberId: club.memberIds[4]! });
    expect((await desk.sync())[0]?.status).toBe('applied');

    let cursor: string | undefined;
    let pages = 0;
    for (;;) {
      const input = { clubId: club.clubId, cursor, limit: 25 };
      const now = server.deps.clock();
      const inWorker = await pool.pull(ownerActor(), input, now);
      const onMain = await pull({ db: server.deps.db, clock: () => now }, ownerActor(), input);
      expect(inWorker).toEqual(onMain);
      pages++;
      cursor = inWorker.cursor;
      if (!inWorker.hasMore) break;
    }
    expect(pages).toBeGreaterThan(1);
    // The API itself pulls through the server's worker.
    const viaApi = await owner.api.sync.pull.query({ clubId: club.clubId });
    expect(viaApi.changes.attendance?.put.map((a) => a.memberId)).toContain(club.memberIds[4]);
  });

  it('refuse with the same code and message as the main thread', async () => {
    const actor = { ...ownerActor(), clubId: '0190f0e0-0000-7000-8000-000000000000' };
    await expect(pool.pull(actor, { clubId: actor.clubId }, new Date())).rejects.toMatchObject({
      name: 'AppFailure',
      code: 'not_found',
    });
  });

  it('fail the pulls of a worker that dies, and go on with a new one', async () => {
    const pending = Promise.all(
      Array.from({ length: 50 }, () =>
        pool.pull(ownerActor(), { clubId: club.clubId }, new Date()),
      ),
    );
    await pool.terminateOne();
    await expect(pending).rejects.toThrow(/pull worker/);
    const after = await pool.pull(ownerActor(), { clubId: club.clubId }, new Date());
    expect(after.reset).toBe(true);
  });
});
