import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Checkpointer } from './checkpointer.js';

/**
 * The checkpoint worker copies committed WAL frames into the database file
 * while the writing connection never checkpoints itself (below ~40 MB of
 * WAL): the file grows only through the worker.
 */
let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function openWriter(): { sqlite: SQLite.Database; file: string } {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-checkpoint-'));
  const file = path.join(dir, 'club.sqlite');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return { sqlite, file };
}

function writeRows(sqlite: SQLite.Database, n: number): void {
  const insert = sqlite.prepare('INSERT INTO rows (body) VALUES (?)');
  // Many small commits, as pushes make them: ~2,000 pages of WAL in all.
  for (let i = 0; i < n; i += 50) {
    sqlite.transaction(() => {
      for (let j = 0; j < 50; j++) insert.run('x'.repeat(4000));
    })();
  }
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

describe('Checkpointer', () => {
  it('moves committed pages into the database file on its own thread', async () => {
    const { sqlite, file } = openWriter();
    const checkpoints = await Checkpointer.start(sqlite, file, pino({ level: 'silent' }));
    const before = fs.statSync(file).size;
    writeRows(sqlite, 2000);
    // The writer crossed SQLite's default of 1,000 pages without checkpointing itself.
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
    expect(await until(() => fs.statSync(file).size > before + 4000 * 1000, 5000)).toBe(true);
    expect(sqlite.prepare('SELECT COUNT(*) FROM rows').pluck().get()).toBe(2000);

    await checkpoints.close();
    // The worker's connection is closed: the writer's close is the last and removes the WAL.
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    sqlite.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const reopened = new SQLite(file, { readonly: true });
    expect(reopened.prepare('SELECT COUNT(*) FROM rows').pluck().get()).toBe(2000);
    reopened.close();
  });

  it('leaves the file alone without it (the writer alone stays under its backstop)', () => {
    const { sqlite, file } = openWriter();
    sqlite.pragma('wal_autocheckpoint = 10000');
    const before = fs.statSync(file).size;
    writeRows(sqlite, 2000);
    expect(fs.statSync(file).size).toBe(before);
    sqlite.close();
  });
});
