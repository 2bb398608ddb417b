import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { openStore } from '../app.js';
import { buildClub, type BuiltClub } from '../test/builders.js';
import { Device } from '../test/devices.js';
import { PASSWORD, testConfig, type TestClient } from '../test/harness.js';
import {
  kill,
  loggedInClient,
  startProcess,
  type ServerProcess,
} from '../test/server-processes.js';

function batches(device: Device, club: BuiltClub, size: number) {
  for (const sessionId of club.sessionIds) {
    for (const memberId of club.memberIds) device.queue('checkin.create', { sessionId, memberId });
  }
  const all = [...device.outbox];
  const out = [];
  for (let i = 0; i < all.length; i += size) out.push(all.slice(i, i + size));
  return out;
}

/** Everything that matters, without versions and generated ids. */
function dump(file: string) {
  const db = new SQLite(file, { readonly: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      attendance: db
        .prepare(
          'SELECT session_id, member_id, credits, charges, voided FROM attendance ORDER BY session_id, member_id',
        )
        .all(),
      balances: db.prepare('SELECT id, balance FROM passes ORDER BY id').all(),
      creditLog: db
        .prepare(
          `SELECT pass_id, delta, kind, balance_after, session_id FROM credit_log
           ORDER BY pass_id, kind, session_id`,
        )
        .all(),
      mutations: db.prepare('SELECT id, status, code FROM mutation_log ORDER BY id').all(),
      ledgerMismatches: db
        .prepare(
          `SELECT COUNT(*) AS n FROM passes
           WHERE balance <> (SELECT COALESCE(SUM(delta), 0) FROM credit_log WHERE pass_id = passes.id)`,
        )
        .get(),
    };
  } finally {
    db.close();
  }
}

/** The same club (same ids) in two data dirs: one crashed repeatedly, one clean. */
async function prepare(): Promise<{ dirs: [string, string]; club: BuiltClub }> {
  const config = testConfig();
  const store = await openStore(config, pino({ level: 'silent' }));
  const club = await buildClub(store, {
    members: 60,
    sessions: 20,
    passSessions: 25,
    password: PASSWORD,
  });
  await store.db.destroy();
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-clean-'));
  fs.copyFileSync(path.join(config.dataDir, 'turnout.db'), path.join(copy, 'turnout.db'));
  return { dirs: [config.dataDir, copy], club };
}

describe('crash safety', () => {
  it('survives SIGKILL in the middle of large pushes: retries end exactly as one clean application', async () => {
    const { dirs, club } = await prepare();
    const [crashed, clean] = dirs;
    const outbox = new Device(null as unknown as TestClient, club.clubId, 'Front desk');
    const work = batches(outbox, club, 250);
    // 60 members × 20 sessions = 1,200 check-ins; passes hold 25, so 5 of every
    // member's 20 check-ins are flagged unpaid: refusals and flags are part of the state.

    /** Pushes batches in order; with `killDuring`, kills the server while that batch is in flight. */
    const pushAll = async (server: ServerProcess, killDuring?: number) => {
      const client = await loggedInClient(server.url, club.ownerEmail);
      const device = new Device(client, club.clubId, 'Front desk', outbox.clientId);
      for (const [i, batch] of work.entries()) {
        device.outbox.length = 0;
        device.outbox.push(...batch);
        if (i === killDuring) {
          const inFlight = device.sync().catch(() => 'lost' as const);
          await new Promise((r) => setTimeout(r, 5 + 10 * i));
          await kill(server.child, 'SIGKILL');
          await inFlight;
          return;
        }
        await device.sync();
      }
    };

    // Round r: batches before r go through (again: replays), batch r dies with the server.
    for (let round = 0; round < work.length - 1; round++) {
      await pushAll(await startProcess({ DATA_DIR: crashed }), round);
    }
    // The kills landed mid-way: some batches were in, not all.
    const midway = dump(path.join(crashed, 'turnout.db'));
    expect(midway.integrity).toBe('ok');
    expect(midway.mutations.length).toBeGreaterThan(0);
    expect(midway.mutations.length).toBeLessThan(1200);

    const last = await startProcess({ DATA_DIR: crashed });
    await pushAll(last);
    await kill(last.child, 'SIGTERM');

    const reference = await startProcess({ DATA_DIR: clean });
    await pushAll(reference);
    await kill(reference.child, 'SIGTERM');

    const after = dump(path.join(crashed, 'turnout.db'));
    const expected = dump(path.join(clean, 'turnout.db'));
    expect(after.integrity).toBe('ok');
    expect(after.ledgerMismatches).toEqual({ n: 0 });
    expect(after.attendance).toHaveLength(1200);
    expect(after.mutations).toHaveLength(1200);
    expect(after).toEqual(expected);
  }, 120_000);
});
