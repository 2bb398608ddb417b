import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Migrator } from 'kysely';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFile, openStore } from './app.js';
import {
  backupDatabase,
  dailyBackupTime,
  inspectBackup,
  nextBackupTime,
  pruneDailyBackups,
  restoreDatabase,
  RestoreError,
  type Timers,
} from './backup.js';
import type { Config } from './config.js';
import { openDatabase } from './db/connection.js';
import { migrations } from './db/migrations/index.js';
import { Device } from './test/devices.js';
import {
  addMember,
  setUpClub,
  startTestServer,
  testConfig,
  type TestServer,
} from './test/harness.js';

const known = Object.keys(migrations);
const silent = pino({ level: 'silent' });
const servers: TestServer[] = [];

afterEach(async () => {
  while (servers.length > 0) await servers.pop()!.close();
});

async function start(config: Partial<Config> = {}, timers?: Timers) {
  const server = await startTestServer({ config, ...(timers ? { timers } : {}) });
  servers.push(server);
  return server;
}

async function stop(server: TestServer) {
  servers.splice(servers.indexOf(server), 1);
  await server.close();
}

/** Every row of the tables that hold a club's data, in a stable order. */
function snapshot(file: string) {
  const db = new SQLite(file, { readonly: true });
  try {
    const out: Record<string, unknown[]> = {};
    for (const table of [
      'clubs',
      'users',
      'memberships',
      'sessions',
      'attendance',
      'passes',
      'credit_log',
      'mutation_log',
    ]) {
      out[table] = db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all();
    }
    return out;
  } finally {
    db.close();
  }
}

/** A club with a member, a pass and a check-in, all through the API. */
async function seed(server: TestServer) {
  const club = await setUpClub(server);
  const mia = await addMember(server, club, 'member', 'mia@example.org');
  const owner = new Device(club.owner, club.clubId, 'Desk');
  const templateId = randomUUID();
  await owner.send('template.create', {
    templateId,
    names: { en: 'Ten' },
    sessions: 10,
    priceMinor: 9000,
    currency: 'EUR',
    validityDays: 30,
  });
  await owner.send('pass.grant', { passId: randomUUID(), memberId: mia.memberId, templateId });
  const sessionId = randomUUID();
  const start = new Date(Date.now() - 10 * 60_000);
  await owner.send('session.create', {
    sessionId,
    title: 'Yoga',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
  });
  const checkIn = await owner.send('checkin.create', { sessionId, memberId: mia.memberId });
  expect(checkIn.status).toBe('applied');
  return { club, owner, mia, sessionId };
}

describe('backup and restore', () => {
  it('round-trips: backup → changes and a wipe → restore gives the same data back', async () => {
    const server = await start();
    const { owner, sessionId, mia } = await seed(server);
    const file = await backupDatabase(server.sqlite, server.deps.config.dataDir, new Date());
    const atBackup = snapshot(file);
    expect(atBackup.credit_log).toHaveLength(2);

    // Restoring is refused while the server has the database open.
    const live = databaseFile(server.deps.config);
    const restore = () =>
      restoreDatabase({
        file,
        databaseFile: live,
        dataDir: server.deps.config.dataDir,
        knownMigrations: known,
        now: new Date(),
      });
    await expect(restore()).rejects.toThrow(/in use: stop the Turnout server/);

    // Changes after the backup: a void returns the credit.
    await owner.send('checkin.void', { sessionId, memberId: mia.memberId, reason: 'Oops' });
    await stop(server);
    const changed = snapshot(live);
    expect(changed.credit_log).toHaveLength(3);

    const restored = await restore();
    expect(restored).toMatchObject({ clubs: 1, schema: known.at(-1) });
    expect(snapshot(live)).toEqual(atBackup);
    // The database it replaced was kept.
    expect(restored.previous).toMatch(/turnout-pre-restore-.*\.db$/);
    expect(snapshot(restored.previous!)).toEqual(changed);

    // Wiped entirely, then restored: the server starts on the backup's data.
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${live}${suffix}`, { force: true });
    await restore();
    const again = await start({ dataDir: server.deps.config.dataDir });
    const balance = await again.deps.db
      .selectFrom('passes')
      .select('balance')
      .executeTakeFirstOrThrow();
    expect(balance.balance).toBe(9);
    const login = again.client();
    await expect(
      login.api.auth.login.mutate({ email: 'mia@example.org', password: 'a long enough password' }),
    ).resolves.toMatchObject({ user: { email: 'mia@example.org' } });
  });

  it('refuses files that are not a sound Turnout database of this version or older', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-restore-'));
    const text = path.join(dir, 'notes.db');
    fs.writeFileSync(text, 'not a database at all, just some text '.repeat(200));
    expect(() => inspectBackup(text, known)).toThrow(RestoreError);
    expect(() => inspectBackup(path.join(dir, 'missing.db'), known)).toThrow(/No such file/);

    const other = path.join(dir, 'other.db');
    new SQLite(other).exec('CREATE TABLE notes (x)').close();
    expect(() => inspectBackup(other, known)).toThrow(/not a Turnout database/);

    const server = await start();
    const newer = await backupDatabase(server.sqlite, server.deps.config.dataDir, new Date());
    const db = new SQLite(newer);
    db.prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)').run(
      '2099_01_01_0001_future',
      new Date().toISOString(),
    );
    db.close();
    expect(() => inspectBackup(newer, known)).toThrow(/made by a newer Turnout/);
    await expect(
      restoreDatabase({
        file: databaseFile(server.deps.config),
        databaseFile: databaseFile(server.deps.config),
        dataDir: server.deps.config.dataDir,
        knownMigrations: known,
        now: new Date(),
      }),
    ).rejects.toThrow(/live database itself/);
  });

  it('restores from the command line, and refuses while the server runs', async () => {
    const server = await start();
    await seed(server);
    const { dataDir } = server.deps.config;
    const file = await backupDatabase(server.sqlite, dataDir, new Date());
    const cli = (args: string[]) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
          cwd: path.resolve(import.meta.dirname, '..'),
          env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.stderr.on('data', (c: Buffer) => (out += c.toString()));
        child.once('exit', (code) => resolve({ code, out }));
      });

    const busy = await cli(['restore', file]);
    expect(busy.code).toBe(1);
    expect(busy.out).toMatch(/The database is in use: stop the Turnout server/);
    expect(busy.out).not.toMatch(/at .*\.ts:\d+/); // a sentence, not a stack trace

    await stop(server);
    const missing = await cli(['restore']);
    expect(missing.code).toBe(2);
    expect(missing.out).toMatch(/Name the backup to restore/);
    const done = await cli(['restore', file]);
    expect(done.out).toMatch(/Restored .* \(1 club\)/);
    expect(done.out).toMatch(/turnout-pre-restore-/);
    expect(done.code).toBe(0);
  }, 60_000);
});

describe('backup before an upgrade', () => {
  it('copies a database with data before running new migrations on it', async () => {
    const config = testConfig();
    const { db } = openDatabase(databaseFile(config));
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const old = '2026_11_21_0004_push_indexes';
    const { error } = await migrator.migrateTo(old);
    expect(error).toBeUndefined();
    await db.destroy();

    const store = await openStore(config, silent);
    await store.db.destroy();
    const backups = fs.readdirSync(path.join(config.dataDir, 'backups'));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^turnout-pre-upgrade-.*\.db$/);
    const copy = new SQLite(path.join(config.dataDir, 'backups', backups[0]!), { readonly: true });
    const names = copy.prepare('SELECT name FROM kysely_migration ORDER BY name').all();
    copy.close();
    expect(names.at(-1)).toEqual({ name: old });
  });

  it('takes none for a new database or one already up to date', async () => {
    const config = testConfig();
    await (await openStore(config, silent)).db.destroy();
    await (await openStore(config, silent)).db.destroy();
    expect(fs.existsSync(path.join(config.dataDir, 'backups'))).toBe(false);
  });
});

/** Timers a test fires by hand. */
function manualTimers() {
  const pending: { fn: () => void; ms: number; cleared: boolean }[] = [];
  const timers: Timers = {
    setTimeout(fn, ms) {
      const entry = { fn, ms, cleared: false };
      pending.push(entry);
      return { unref: () => undefined, entry } as unknown as NodeJS.Timeout;
    },
    clearTimeout(timer) {
      (timer as unknown as { entry: { cleared: boolean } }).entry.cleared = true;
    },
  };
  return { timers, pending };
}

describe('daily backups', () => {
  it('writes one at the set hour, deletes daily ones past retention, keeps the others', async () => {
    const { timers, pending } = manualTimers();
    const now = new Date(2026, 2, 20, 1, 30); // 01:30 server time
    const server = await start({ backupHour: 3, backupRetentionDays: 14 }, timers);
    await seed(server);
    server.setNow(now);
    const dir = path.join(server.deps.config.dataDir, 'backups');
    fs.mkdirSync(dir, { recursive: true });
    const old = 'turnout-daily-2026-03-01T02-00-00-000Z.db';
    const recent = 'turnout-daily-2026-03-10T02-00-00-000Z.db';
    const manual = 'turnout-2026-01-01T00-00-00-000Z.db';
    for (const name of [old, recent, manual]) fs.writeFileSync(path.join(dir, name), '');

    // The schedule was made at start with the real clock; fire it "at 03:00".
    expect(pending).toHaveLength(1);
    server.setNow(new Date(2026, 2, 20, 3, 0));
    pending[0]!.fn();
    await expect.poll(() => pending.length).toBe(2);
    const files = fs.readdirSync(dir).sort();
    const daily = files.filter((f) => dailyBackupTime(f) !== null);
    expect(daily).toEqual([
      recent,
      `turnout-daily-${new Date(2026, 2, 20, 3, 0).toISOString().replace(/[:.]/g, '-')}.db`,
    ]);
    expect(files).toContain(manual);
    expect(files).not.toContain(old);
    // The new one is a real copy of the data.
    expect(snapshot(path.join(dir, daily[1]!)).attendance).toHaveLength(1);
    // Next: 03:00 tomorrow.
    expect(pending[1]!.ms).toBe(24 * 3_600_000);

    await stop(server);
    expect(pending[1]!.cleared).toBe(true);
  });

  it('can be switched off', async () => {
    const { timers, pending } = manualTimers();
    await start({ backupHour: null }, timers);
    expect(pending).toHaveLength(0);
  });

  it('computes the next time and reads stamps back', () => {
    expect(nextBackupTime(new Date(2026, 2, 20, 1, 30), 3)).toEqual(new Date(2026, 2, 20, 3, 0));
    expect(nextBackupTime(new Date(2026, 2, 20, 3, 0), 3)).toEqual(new Date(2026, 2, 21, 3, 0));
    expect(nextBackupTime(new Date(2026, 2, 31, 23, 0), 0)).toEqual(new Date(2026, 3, 1, 0, 0));
    expect(dailyBackupTime('turnout-daily-2026-03-01T02-00-00-000Z.db')).toEqual(
      new Date('2026-03-01T02:00:00.000Z'),
    );
    expect(dailyBackupTime('turnout-2026-03-01T02-00-00-000Z.db')).toBeNull();
    expect(dailyBackupTime('turnout-pre-upgrade-2026-03-01T02-00-00-000Z.db')).toBeNull();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-prune-'));
    expect(pruneDailyBackups(dir, new Date(), 14)).toEqual([]);
  });
});
