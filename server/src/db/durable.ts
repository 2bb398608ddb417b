import fs from 'node:fs';
import { promisify } from 'node:util';
import type SQLite from 'better-sqlite3';
import type { Db } from './connection.js';

const fdatasync = promisify(fs.fdatasync);

/** Unflushed writes of a quiet server wait at most this long for their flush. */
const backgroundFlushMs = 1_000;

/**
 * Commits made durable off the event loop (issue 12). With
 * `synchronous = FULL` every COMMIT waited for the disk on the one thread
 * that serves every request: under a crowd a third of the main thread's
 * time was spent blocked in fsync (3 ms typical, 15–50 ms on a busy disk),
 * with nothing else running. Instead the server's connection runs with
 * `synchronous = NORMAL` — in WAL mode a commit then only writes its frames
 * to the WAL file, still atomic and never corrupt — and this barrier makes
 * them durable with an fdatasync of the WAL on libuv's thread pool. Nothing
 * is acknowledged before that: a push is answered, a mutation procedure
 * returns, a poke goes out only after `flush()` has covered it, and pulls
 * read only up to `durableVersion`, so no device ever holds a row a power
 * cut could take back. Meanwhile the event loop goes on: the next group of
 * pushes is applied while the disk works on the last one. SQLite's own
 * checkpoints sync the WAL and the database file themselves (as with FULL).
 * Writes of background jobs are flushed within a second.
 */
export class Durability {
  readonly #walPath: string;
  #fd: number | undefined;
  #inode: number | undefined;
  /** `total_changes()` and the change counter covered by the last finished flush. */
  #syncedChanges: number;
  #durableVersion: number;
  #inflight: Promise<void> | undefined;
  #next: Promise<void> | undefined;
  readonly #timer: NodeJS.Timeout;
  readonly #changesNow: SQLite.Statement;
  readonly #versionNow: SQLite.Statement;

  constructor(sqlite: SQLite.Database, file: string) {
    this.#walPath = `${file}-wal`;
    this.#changesNow = sqlite.prepare('SELECT total_changes()').pluck();
    this.#versionNow = sqlite.prepare('SELECT version FROM change_counter').pluck();
    sqlite.pragma('synchronous = NORMAL');
    // Whatever an earlier run left unflushed (it was never acknowledged) is made durable
    // before anything is handed out: from here on, what the file holds is on disk.
    const fd = this.#walFile();
    if (fd !== undefined) fs.fdatasyncSync(fd);
    this.#syncedChanges = this.#changes();
    this.#durableVersion = this.#version();
    this.#timer = setInterval(() => {
      this.flush().catch(() => {
        // A failing disk fails the next request's flush too, which is answered with an error.
      });
    }, backgroundFlushMs);
    this.#timer.unref();
  }

  /** The newest change-counter version on disk: pulls read no further. */
  get durableVersion(): number {
    return this.#durableVersion;
  }

  /** Resolves once everything committed before the call is on disk. */
  flush(): Promise<void> {
    if (!this.#inflight && !this.#behind()) return Promise.resolve();
    if (!this.#inflight) return this.#start();
    // The running sync may have begun before these writes: one more after it covers them all.
    this.#next ??= this.#inflight.then(
      () => this.#afterInflight(),
      () => this.#afterInflight(),
    );
    return this.#next;
  }

  close(): void {
    clearInterval(this.#timer);
    if (this.#fd !== undefined) fs.closeSync(this.#fd);
    this.#fd = undefined;
  }

  #afterInflight(): Promise<void> {
    this.#next = undefined;
    return this.#behind() ? this.#start() : Promise.resolve();
  }

  #start(): Promise<void> {
    const changes = this.#changes();
    const version = this.#version();
    const fd = this.#walFile();
    const synced = fd === undefined ? Promise.resolve() : fdatasync(fd);
    const run = synced.then(
      () => {
        this.#syncedChanges = Math.max(this.#syncedChanges, changes);
        this.#durableVersion = Math.max(this.#durableVersion, version);
        this.#inflight = undefined;
      },
      (error: unknown) => {
        this.#inflight = undefined;
        throw error;
      },
    );
    this.#inflight = run;
    return run;
  }

  /** The WAL file, reopened if SQLite replaced it; undefined before it exists. */
  #walFile(): number | undefined {
    let inode: number;
    try {
      inode = fs.statSync(this.#walPath).ino;
    } catch {
      return undefined;
    }
    if (this.#fd !== undefined && inode === this.#inode) return this.#fd;
    if (this.#fd !== undefined) fs.closeSync(this.#fd);
    this.#fd = fs.openSync(this.#walPath, 'r+');
    this.#inode = inode;
    return this.#fd;
  }

  /**
   * Whether anything was written since the last flush: by this connection,
   * or by another (a command-line tool, which commits with FULL; the flush
   * then only moves the version pulls may read).
   */
  #behind(): boolean {
    return this.#changes() > this.#syncedChanges || this.#version() > this.#durableVersion;
  }

  #changes(): number {
    return this.#changesNow.get() as number;
  }

  #version(): number {
    return (this.#versionNow.get() as number | undefined) ?? 0;
  }
}

const barriers = new WeakMap<Db, Durability>();

/** Switches the server's connection to flushed commits (see Durability). */
export function flushCommits(db: Db, sqlite: SQLite.Database, file: string): Durability {
  const durability = new Durability(sqlite, file);
  barriers.set(db, durability);
  return durability;
}

/** Resolves once everything this database committed so far is on disk (at once without a barrier). */
export function durable(db: Db): Promise<void> {
  return barriers.get(db)?.flush() ?? Promise.resolve();
}

/** The newest version a reader may hand out: on disk, or everything without a barrier. */
export function readableVersion(db: Db): number | undefined {
  return barriers.get(db)?.durableVersion;
}
