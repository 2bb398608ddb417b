import fs from 'node:fs';
import path from 'node:path';
import type SQLite from 'better-sqlite3';

/**
 * Copies the live database with SQLite's online backup API: consistent even
 * while the server is writing, and it never blocks the server for long.
 */
export async function backupDatabase(sqlite: SQLite.Database, dataDir: string, now: Date) {
  const dir = path.join(dataDir, 'backups');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const file = path.join(dir, `turnout-${stamp}.db`);
  await sqlite.backup(file);
  return file;
}
