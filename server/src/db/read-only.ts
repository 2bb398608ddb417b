import SQLite from 'better-sqlite3';

/**
 * A second, read-only connection to the database file, for work on another
 * thread (the export worker). WAL lets it read a snapshot while the
 * server's own connection writes; the busy timeout covers the moment a
 * checkpoint or backup holds the file.
 */
export function openReadOnlyDatabase(file: string): SQLite.Database {
  const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}
