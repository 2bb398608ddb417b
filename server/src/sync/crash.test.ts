import { spawn, type ChildProcess } from 'node:child_process';
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
import { createTRPCClient, httpLink } from '@trpc/client';
import type { AppRouter } from '../trpc/app.router.js';

const serverRoot = path.resolve(import.meta.dirname, '../..');

/** Starts the real server process on a data dir; resolves with its URL. */
async function startProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
    cwd: serverRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearInterval(timer);
        resolve(match[1]!);
      }
    }, 20);
    child.once('exit', () => {
      clearInterval(timer);
      reject(new Error(`server exited early:\n${output}`));
    });
  });
  return { child, url };
}

function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

async function loggedInClient(url: string, email: string): Promise<TestClient> {
  const cookies = new Map<string, string>();
  const jarFetch: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    if (cookies.size > 0)
      headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(input, { ...init, headers });
    for (const h of res.headers.getSetCookie()) {
      const [name, ...value] = (h.split(';')[0] ?? '').split('=');
      if (name) cookies.set(name, value.join('='));
    }
    return res;
  };
  const api = createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${url}/trpc`, fetch: jarFetch })],
  });
  await api.auth.login.mutate({ email, password: PASSWORD });
  return { api, cookies, setCookieHeaders: [], fetch: jarFetch };
}

/** The host's outbox: check-ins for every member in every session, in batches. */
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
    const pushAll = async (server: { url: string; child: ChildProcess }, killDuring?: number) => {
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
      await pushAll(await startProcess(crashed), round);
    }
    // The kills landed mid-way: some batches were in, not all.
    const midway = dump(path.join(crashed, 'turnout.db'));
    expect(midway.integrity).toBe('ok');
    expect(midway.mutations.length).toBeGreaterThan(0);
    expect(midway.mutations.length).toBeLessThan(1200);

    const last = await startProcess(crashed);
    await pushAll(last);
    await kill(last.child, 'SIGTERM');

    const reference = await startProcess(clean);
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
