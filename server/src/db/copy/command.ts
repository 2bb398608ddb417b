import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { migrateToLatest, openDatabase } from '../connection.js';
import type { Database } from '../database.js';
import { migratePostgres, openPostgres } from '../postgres/connection.js';
import { copyClub, CopyError } from './copy-club.js';

/**
 * `turnout copy-club --to postgres://… [--from FILE|URL] [--club ID]`: both
 * stores are brought to the latest schema first, then each club is copied in
 * its own transaction. Returns the lines to print.
 */
export async function copyClubCommand(args: string[], defaultSource: string): Promise<string[]> {
  const { values } = parseArgs({
    args,
    options: {
      to: { type: 'string' },
      from: { type: 'string' },
      club: { type: 'string', multiple: true },
    },
  });
  if (!values.to) throw new CopyError('Name the target: --to postgres://… or --to a SQLite file.');
  const from = await openStoreAt(values.from ?? defaultSource);
  const to = await openStoreAt(values.to);
  try {
    const clubs =
      values.club ??
      (await from.selectFrom('clubs').select('id').orderBy('id').execute()).map((c) => c.id);
    if (!clubs.length) throw new CopyError('The source holds no club.');
    const lines: string[] = [];
    for (const club of clubs) {
      const report = await copyClub(from, to, club);
      const total = Object.values(report.rows).reduce((a, b) => a + b, 0);
      lines.push(`Copied club ${club}: ${total} rows (${describe(report.rows)}).`);
    }
    return lines;
  } finally {
    await from.destroy();
    await to.destroy();
  }
}

/** A postgres:// URL or a SQLite file, migrated to the latest schema. */
export async function openStoreAt(location: string): Promise<Kysely<Database>> {
  if (/^postgres(ql)?:\/\//.test(location)) {
    const { db } = openPostgres(location, { max: 2 });
    await migratePostgres(db);
    return db;
  }
  const { db } = openDatabase(location);
  await migrateToLatest(db);
  return db;
}

function describe(rows: Record<string, number>): string {
  return Object.entries(rows)
    .filter(([, n]) => n > 0)
    .map(([table, n]) => `${table} ${n}`)
    .join(', ');
}
