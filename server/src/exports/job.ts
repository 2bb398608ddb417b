import type { InstantRange } from '../repositories/query-helpers.js';

/** The three files an owner can download (docs/protocol.md, "Exports"). */
export const exportKinds = ['attendance', 'creditLog', 'club'] as const;
export type ExportKind = (typeof exportKinds)[number];

/**
 * Everything the export worker needs to write one file, worked out on the
 * main thread (login, role, the club's settings, the server's clock) and
 * handed over as plain data: the worker reads the database on its own
 * connection and knows nothing of requests.
 */
export type ExportJob = ExportStore & ExportOptions;

/**
 * Where the worker reads: the SQLite file, opened read-only, or the
 * PostgreSQL database at a URL, on a connection of the worker's own.
 */
export type ExportStore =
  | { databaseFile: string; postgresUrl?: undefined }
  | { postgresUrl: string; databaseFile?: undefined };

/** What to write, whichever store it is read from. */
export interface ExportOptions {
  kind: ExportKind;
  clubId: string;
  /** Instants [from, to) of the requested club dates (CSV files). */
  range: InstantRange;
  timezone: string;
  /** The club's languages, first preferred: a pass's name in the credit log. */
  locales: readonly string[];
  /** The server's clock at the request: the JSON file's `exportedAt`. */
  now: string;
  /** Gzip the bytes in the worker (the client accepts it). */
  gzip: boolean;
}

/** What the worker posts to the main thread, in order: chunks, then `end` or `failed`. */
export type WorkerMessage =
  { type: 'chunk'; bytes: Uint8Array } | { type: 'end' } | { type: 'failed'; error: string };

/** What the main thread posts back: one `ack` per chunk it has handed to the socket. */
export interface MainMessage {
  type: 'ack';
}
