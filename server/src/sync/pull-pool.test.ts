import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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

  it('answer sync.pull over HTTP with the bytes tRPC would send, compressed as asked, refusals in the API shape', async () => {
    const input = { clubId: club.clubId, limit: 40 };
    const url = `${server.localUrl}/trpc/sync.pull?input=${encodeURIComponent(JSON.stringify(input))}`;
    const onMain = await pull({ db: server.deps.db, clock: () => new Date() }, ownerActor(), input);
    const fromWorker = vi.spyOn(PullPool.prototype, 'pullBytes');
    for (const encoding of ['br', 'gzip', 'identity']) {
      // fetch decodes br and gzip itself; the header says the worker's encoding was used.
      const res = await owner.fetch(url, { headers: { 'accept-encoding': encoding } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding')).toBe(encoding === 'identity' ? null : encoding);
      const body = (await res.json()) as { result: { data: typeof onMain } };
      expect(Object.keys(body)).toEqual(['result']);
      // The same page but for the time it was cut at (the cursor holds the window's start).
      const untimed = (page: typeof onMain) => ({ ...page, serverTime: '', cursor: '' });
      expect(untimed(body.result.data)).toEqual(untimed(onMain));
    }
    // Serialized and compressed on the worker, not by tRPC on the main thread.
    expect(fromWorker).toHaveBeenCalledTimes(3);
    fromWorker.mockRestore();
    const stranger = server.client();
    const refused = await stranger.fetch(url);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { data: { code: string } } }).error.data.code).toBe(
      'unauthenticated',
    );
    const bad = await owner.fetch(
      `${server.localUrl}/trpc/sync.pull?input=${encodeURIComponent(JSON.stringify({ clubId: 'x' }))}`,
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { data: { code: string } } }).error.data.code).toBe(
      'invalid_args',
    );
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
