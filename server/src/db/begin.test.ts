import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './connection.js';

describe('the server’s transactions against another process’s writes', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('hold the write lock from the start: another writer waits, the transaction’s write succeeds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'turnout-begin-'));
    dirs.push(dir);
    const file = join(dir, 'turnout.db');
    const { db } = openDatabase(file);
    // Another process, e.g. `turnout setup-link`: no waiting, so a held lock shows at once.
    const other = new SQLite(file);
    other.pragma('busy_timeout = 0');
    other.exec('CREATE TABLE probe (x INTEGER)');
    try {
      await db.transaction().execute(async (trx) => {
        await sql`SELECT count(*) FROM probe`.execute(trx);
        // With a deferred `begin` this write would commit, and the one below would then
        // fail at once with SQLITE_BUSY_SNAPSHOT.
        expect(() => other.prepare('INSERT INTO probe VALUES (1)').run()).toThrow(/locked|busy/i);
        await sql`INSERT INTO probe VALUES (2)`.execute(trx);
      });
      expect(other.prepare('SELECT x FROM probe').pluck().all()).toEqual([2]);
    } finally {
      other.close();
      await db.destroy();
    }
  });
});
