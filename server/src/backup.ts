import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Logger } from './logger.js';

/**
 * Backups of the one SQLite file: on demand (`turnout backup`), daily with
 * retention while the server runs, before migrations touch an existing
 * database, and before a restore replaces it. All use SQLite's online
 * backup API, so a copy is consistent even while the server is writing.
 */

type BackupKind = 'manual' | 'daily' | 'pre-upgrade' | 'pre-restore';

function backupDir(dataDir: string): string {
  return path.join(dataDir, 'backups');
}

/** `turnout-<time>.db` for manual backups, `turnout-<kind>-<time>.db` for the others. */
function backupFileName(kind: BackupKind, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return kind === 'manual' ? `turnout-${stamp}.db` : `turnout-${kind}-${stamp}.db`;
}

const dailyPattern = /^turnout-daily-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.db$/;

/** When a daily backup was taken, from its file name (null for any other file). */
export function dailyBackupTime(fileName: string): Date | null {
  const m = dailyPattern.exec(fileName);
  return m ? new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`) : null;
}

/**
 * Copies the live database with SQLite's online backup API: consistent even
 * while the server is writing, and it never blocks the server for long.
 */
export async function backupDatabase(
  sqlite: SQLite.Database,
  dataDir: string,
  now: Date,
  kind: BackupKind = 'manual',
): Promise<string> {
  const dir = backupDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, backupFileName(kind, now));
  await sqlite.backup(file);
  return file;
}

/**
 * Deletes daily backups older than `retentionDays`. Manual, pre-upgrade and
 * pre-restore backups are kept until someone removes them.
 */
export function pruneDailyBackups(dataDir: string, now: Date, retentionDays: number): string[] {
  const dir = backupDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  const cutoff = now.getTime() - retentionDays * 24 * 60 * 60 * 1000;
  const removed: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    const taken = dailyBackupTime(name);
    if (taken && taken.getTime() < cutoff) {
      fs.rmSync(path.join(dir, name));
      removed.push(name);
    }
  }
  return removed.sort();
}

/** The next time the clock in this process's time zone shows `hour`:00, strictly after `now`. */
export function nextBackupTime(now: Date, hour: number): Date {
  const next = new Date(now);
  next.setHours(hour, 0, 0, 0);
  if (next.getTime() <= now.getTime()) {
    next.setDate(next.getDate() + 1);
    next.setHours(hour, 0, 0, 0);
  }
  return next;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): NodeJS.Timeout;
  clearTimeout(timer: NodeJS.Timeout): void;
}

interface BackupSchedule {
  /** The time of the next backup. */
  readonly next: Date | undefined;
  /** Stops the schedule; resolves once a backup in progress has finished. */
  stop(): Promise<void>;
}

/**
 * Takes a daily backup at `hour` (server time) and prunes old ones. The
 * timer is unref'd (it never keeps the process alive); a failed backup is
 * logged and tried again the next day.
 */
export function startBackupSchedule(options: {
  sqlite: SQLite.Database;
  dataDir: string;
  hour: number;
  retentionDays: number;
  clock: () => Date;
  logger: Logger;
  timers?: Timers;
}): BackupSchedule {
  const timers = options.timers ?? { setTimeout, clearTimeout };
  const { logger } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  let next: Date | undefined;

  const run = async () => {
    const now = options.clock();
    try {
      const file = await backupDatabase(options.sqlite, options.dataDir, now, 'daily');
      const removed = pruneDailyBackups(options.dataDir, now, options.retentionDays);
      logger.info({ file, removed }, 'daily backup written');
    } catch (err) {
      logger.error({ err }, 'daily backup failed');
    }
  };
  const schedule = () => {
    if (stopped) return;
    const now = options.clock();
    next = nextBackupTime(now, options.hour);
    timer = timers.setTimeout(() => {
      running = run().finally(() => {
        running = undefined;
        schedule();
      });
    }, next.getTime() - now.getTime());
    timer.unref();
  };
  schedule();

  return {
    get next() {
      return next;
    },
    async stop() {
      stopped = true;
      if (timer) timers.clearTimeout(timer);
      await running;
    },
  };
}

// --- Restore -------------------------------------------------------------------

export class RestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreError';
  }
}

interface BackupInfo {
  /** The newest migration the backup's schema has. */
  schema: string | null;
  clubs: number;
}

/**
 * Checks that a file is a sound Turnout database this version can run: it
 * opens, passes SQLite's integrity check, and has no migration this version
 * does not know (a backup from a newer Turnout).
 */
export function inspectBackup(file: string, knownMigrations: readonly string[]): BackupInfo {
  if (!fs.existsSync(file)) throw new RestoreError(`No such file: ${file}`);
  let db: SQLite.Database | undefined;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new RestoreError(`${file} is damaged: ${String(check)}`);
    const tables = new Set(
      (
        db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as {
          name: string;
        }[]
      ).map((t) => t.name),
    );
    if (!tables.has('kysely_migration') || !tables.has('clubs')) {
      throw new RestoreError(`${file} is not a Turnout database.`);
    }
    const applied = (
      db.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]
    ).map((m) => m.name);
    const unknown = applied.filter((name) => !knownMigrations.includes(name));
    if (unknown.length > 0) {
      throw new RestoreError(
        `${file} was made by a newer Turnout (it has ${unknown.join(', ')}). Upgrade first, then restore.`,
      );
    }
    const clubs = db.prepare('SELECT COUNT(*) AS n FROM clubs').get() as { n: number };
    return { schema: applied.at(-1) ?? null, clubs: clubs.n };
  } catch (error) {
    if (error instanceof RestoreError) throw error;
    throw new RestoreError(`${file} cannot be read as a database: ${(error as Error).message}`);
  } finally {
    db?.close();
  }
}

/**
 * Holds the database alone, or fails when anything else has it open (the
 * server, a backup): SQLite's own lock, so it works without a pid file.
 */
function lockDatabase(file: string): SQLite.Database {
  const db = new SQLite(file, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT;');
    return db;
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') {
      throw new RestoreError(
        'The database is in use: stop the Turnout server (e.g. systemctl stop turnout) and try again.',
      );
    }
    throw error;
  }
}

interface RestoreResult extends BackupInfo {
  /** The copy of the database that was replaced, if there was one. */
  previous: string | undefined;
}

/**
 * Replaces the data directory's database with a backup. Refuses while the
 * database is in use (the server must be stopped). The database it replaces
 * is first saved as a `pre-restore` backup; the swap is a rename, so a crash
 * leaves either the old or the new database, never half of one. Migrations
 * (if the backup is older) run at the next start, after a pre-upgrade backup.
 */
export async function restoreDatabase(options: {
  file: string;
  databaseFile: string;
  dataDir: string;
  knownMigrations: readonly string[];
  now: Date;
}): Promise<RestoreResult> {
  const { databaseFile, dataDir } = options;
  const source = path.resolve(options.file);
  if (source === path.resolve(databaseFile)) {
    throw new RestoreError('That is the live database itself; name a backup file.');
  }
  const info = inspectBackup(source, options.knownMigrations);

  let previous: string | undefined;
  if (fs.existsSync(databaseFile)) {
    const current = lockDatabase(databaseFile);
    try {
      previous = await backupDatabase(current, dataDir, options.now, 'pre-restore');
    } finally {
      // Closing the last connection checkpoints and removes its WAL.
      current.close();
    }
  }

  fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
  const incoming = `${databaseFile}.restoring`;
  fs.copyFileSync(source, incoming);
  const fd = fs.openSync(incoming, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  inspectBackup(incoming, options.knownMigrations);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${databaseFile}${suffix}`, { force: true });
  fs.renameSync(incoming, databaseFile);
  return { ...info, previous };
}
