import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Poke } from '@turnout/shared';
import { aSession } from '@turnout/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentVersion } from '../repositories/domain.repository.js';
import { setUpClub, startTestServer, type ClubFixture, type TestServer } from '../test/harness.js';
import { Device } from '../test/devices.js';
import { busyCoalesceMs, clubChanges } from '../sync/changes.js';
import { migrateToLatest, openDatabase, statementsOf } from './connection.js';
import { durable, Durability, readableVersion } from './durable.js';

/**
 * Commits are flushed to disk off the event loop (db/durable.ts): nothing is
 * acknowledged or handed to a device before the flush has covered it.
 */
let server: TestServer;
let club: ClubFixture;

beforeAll(async () => {
  server = await startTestServer();
  club = await setUpClub(server);
});
afterAll(async () => {
  await server.close();
});

const version = () => currentVersion(statementsOf(server.deps.db));

describe('flushed commits', () => {
  it('run the server connection with synchronous = NORMAL, made durable by the barrier', () => {
    expect(server.sqlite.pragma('synchronous', { simple: true })).toBe(1);
    expect(readableVersion(server.deps.db)).toBe(version());
  });

  it('answer a push only once its commit is on disk', async () => {
    const phone = new Device(club.owner, club.clubId, 'Phone');
    for (let i = 0; i < 5; i++) {
      const { id, startsAt, endsAt } = aSession();
      phone.queue('session.create', { sessionId: id, title: `Flushed ${i}`, startsAt, endsAt });
      const [result] = await phone.sync();
      expect(result?.status).toBe('applied');
      // Whatever the push wrote is readable, i.e. on disk, by the time it is answered.
      expect(readableVersion(server.deps.db)).toBe(version());
    }
  });

  it('poke devices only about what is on disk', async () => {
    const phone = new Device(club.owner, club.clubId, 'Phone');
    const pokes = clubChanges(club.clubId, [club.ownerMemberId]);
    for (let i = 0; i < 3; i++) {
      // Past any earlier poke's interval, so this one goes out at once.
      await new Promise((r) => setTimeout(r, busyCoalesceMs + 20));
      const poked = pokes.next();
      const { id, startsAt, endsAt } = aSession();
      phone.queue('session.create', { sessionId: id, title: `Poked ${i}`, startsAt, endsAt });
      const pushed = phone.sync();
      const poke = (await poked).value as Poke;
      // When the poke goes out, what it announces is already readable, i.e. on disk.
      expect(readableVersion(server.deps.db)).toBeGreaterThanOrEqual(poke.version);
      await pushed;
    }
    await pokes.return(undefined);
  });

  it('keep pulls below what is not on disk yet', async () => {
    const st = statementsOf(server.deps.db);
    const before = readableVersion(server.deps.db)!;
    // A write that has not been flushed (as between a commit and its flush).
    st.run('UPDATE change_counter SET version = version + 1');
    expect(readableVersion(server.deps.db)).toBe(before);
    const page = await club.owner.api.sync.pull.query({ clubId: club.clubId });
    const cursorVersion = JSON.parse(Buffer.from(page.cursor, 'base64url').toString()) as {
      v: number;
    };
    expect(cursorVersion.v).toBeLessThanOrEqual(before);
    await durable(server.deps.db);
    expect(readableVersion(server.deps.db)).toBe(before + 1);
  });

  it('cover writes made while a flush runs, and writes of another connection', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-durable-'));
    const file = path.join(dir, 'turnout.db');
    const { db, sqlite } = openDatabase(file);
    await migrateToLatest(db);
    const barrier = new Durability(sqlite, file);
    try {
      const bump = () => sqlite.prepare('UPDATE change_counter SET version = version + 1').run();
      const start = barrier.durableVersion;
      bump();
      const first = barrier.flush();
      bump(); // after the first flush began: the second must cover it
      const second = barrier.flush();
      await Promise.all([first, second]);
      expect(barrier.durableVersion).toBe(start + 2);

      const other = openDatabase(file);
      other.sqlite.prepare('UPDATE change_counter SET version = version + 5').run();
      other.sqlite.close();
      await barrier.flush();
      expect(barrier.durableVersion).toBe(start + 7);
    } finally {
      barrier.close();
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
