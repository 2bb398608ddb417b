import { clubDate, clubTime } from '@turnout/shared';
import { stringify, type Options } from 'csv-stringify/sync';
import {
  attendanceForExport,
  clubInvitations,
  clubPeople,
  clubRow,
  clubRows,
  clubTables,
  creditLogForExport,
  schemaVersion,
} from '../repositories/exports.repository.js';
import { displayName, parseTerms } from '../services/reports.common.js';
import type { ExportJob } from './job.js';
import type { ExportSource } from '../repositories/export-source.js';

/**
 * The export files (spec §6), written as a sequence of text pieces in file
 * order: attendance and the credit log as CSV for a date range, everything
 * of one club as JSON. The pieces joined are exactly what one call to
 * csv-stringify or JSON.stringify on the whole data would give (the formats
 * in docs/protocol.md), but no piece holds more than a few hundred rows.
 */

/**
 * RFC 4180 CSV (comma, CRLF, quotes where needed). Text cells that a
 * spreadsheet would run as a formula (starting with = + - @, a tab or a
 * carriage return, or their full-width forms) get a leading apostrophe;
 * numbers (like a credit delta of -1) are left as numbers.
 */
const csvOptions: Options = {
  record_delimiter: 'windows',
  escape_formulas: true,
  cast: { boolean: (v) => (v ? 'yes' : 'no') },
};

/** Rows stringified per batch: few calls, each one small. */
const csvBatch = 500;

/**
 * A header row, then the rows, with a UTF-8 byte order mark first so
 * spreadsheets read names with accents right. Every record ends with CRLF,
 * so batches joined equal the whole table stringified at once.
 */
export function* csvPieces(
  columns: readonly string[],
  rows: Iterable<readonly unknown[]>,
): Generator<string> {
  yield stringify([[...columns]], { ...csvOptions, bom: true });
  let batch: unknown[][] = [];
  for (const row of rows) {
    batch.push([...row]);
    if (batch.length === csvBatch) {
      yield stringify(batch, csvOptions);
      batch = [];
    }
  }
  if (batch.length > 0) yield stringify(batch, csvOptions);
}

/**
 * Club-local dates and times of instants, each worked out once: a session's
 * start and end repeat on every one of its rows, and formatting a time in a
 * time zone costs far more than a lookup. Bounded: cleared when full.
 */
function clubClock(timezone: string) {
  const dates = new Map<string, string>();
  const times = new Map<string, string>();
  const remember = (cache: Map<string, string>, instant: string, make: () => string) => {
    let value = cache.get(instant);
    if (value === undefined) {
      if (cache.size >= 10_000) cache.clear();
      value = make();
      cache.set(instant, value);
    }
    return value;
  };
  const date = (instant: string) => remember(dates, instant, () => clubDate(instant, timezone));
  const time = (instant: string) => remember(times, instant, () => clubTime(instant, timezone));
  /** 'YYYY-MM-DD HH:mm' in the club's time zone. */
  const local = (instant: string) => `${date(instant)} ${time(instant)}`;
  return { date, time, local };
}

function* map<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}

const attendanceColumns = [
  'date',
  'start',
  'end',
  'session',
  'training_type',
  'session_status',
  'member',
  'credits',
  'unpaid_credits',
  'flags',
  'backfilled',
  'voided',
  'void_reason',
  'checked_in_at',
  'recorded_by',
  'device',
  'session_id',
  'member_id',
  'attendance_id',
] as const;

/** Attendance records of sessions that started in the range (club dates), oldest first. */
function* attendanceCsv(source: ExportSource, job: ExportJob): Generator<string> {
  const clock = clubClock(job.timezone);
  const rows = source.rows(attendanceForExport(source.db, job.clubId, job.range));
  yield* csvPieces(
    attendanceColumns,
    map(rows, (r) => [
      clock.date(r.startsAt),
      clock.time(r.startsAt),
      clock.time(r.endsAt),
      r.sessionTitle,
      r.trainingType,
      r.sessionStatus,
      r.memberName,
      r.credits,
      r.unpaidCredits,
      (JSON.parse(r.flags) as string[]).join(' '),
      r.backfilled === 1,
      r.voided === 1,
      r.voidReason,
      clock.local(r.checkedInAt),
      r.recordedBy,
      r.deviceLabel,
      r.sessionId,
      r.memberId,
      r.attendanceId,
    ]),
  );
}

const creditLogColumns = [
  'at',
  'pass',
  'member',
  'kind',
  'delta',
  'balance_after',
  'expires_on_after',
  'session',
  'session_date',
  'reason',
  'by',
  'pass_id',
  'member_id',
  'session_id',
  'entry_id',
] as const;

/** Credit-log entries written in the range (club dates), in the order they were written. */
function* creditLogCsv(source: ExportSource, job: ExportJob): Generator<string> {
  const clock = clubClock(job.timezone);
  const rows = source.rows(creditLogForExport(source.db, job.clubId, job.range));
  yield* csvPieces(
    creditLogColumns,
    map(rows, (r) => [
      clock.local(r.at),
      displayName(parseTerms(r.terms).names, job.locales),
      r.memberName,
      r.kind,
      r.delta,
      r.balanceAfter,
      r.expiresOnAfter,
      r.sessionTitle,
      r.sessionStartsAt ? clock.date(r.sessionStartsAt) : null,
      r.reason,
      r.byName,
      r.passId,
      r.memberId,
      r.sessionId,
      r.entryId,
    ]),
  );
}

/** Columns stored as JSON text, given back as JSON values in the export. */
const jsonColumns = new Set([
  'names',
  'descriptions',
  'training_type_ids',
  'weekdays',
  'terms',
  'charges',
  'flags',
  'data',
  'args',
  'locales',
]);

function withJson(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [
      k,
      jsonColumns.has(k) && typeof v === 'string' ? (JSON.parse(v) as unknown) : v,
    ]),
  );
}

/**
 * Everything stored for one club, table by table, in the database's own
 * column names (snake_case; JSON columns as JSON; booleans as 0/1). People
 * come with their account's name and email; no password hash, login token
 * or invitation code hash is ever included. The text is what
 * `JSON.stringify` gives for
 * `{ format, formatVersion, schema, exportedAt, club, tables: { members, invitations, …clubTables } }`,
 * written a row at a time. Each table's rows are read only when its turn
 * comes: the connection steps through one query at a time.
 */
export function* clubJson(source: ExportSource, job: ExportJob): Generator<string> {
  const schema = source.first(schemaVersion(source.db))?.name ?? null;
  const club = source.first(clubRow(source.db, job.clubId));
  if (!club) throw new Error(`club ${job.clubId} is gone`);
  yield `{"format":"turnout.club-export","formatVersion":1,"schema":${JSON.stringify(schema)}`;
  yield `,"exportedAt":${JSON.stringify(job.now)},"club":${JSON.stringify(withJson({ ...club }))}`;
  const tables: [string, () => Iterable<unknown>][] = [
    ['members', () => source.rows(clubPeople(source.db, job.clubId))],
    ['invitations', () => source.rows(clubInvitations(source.db, job.clubId))],
    ...clubTables.map((table): [string, () => Iterable<unknown>] => [
      table,
      () => map(source.rows(clubRows(source.db, table, job.clubId)), withJson),
    ]),
  ];
  for (const [index, [name, rows]] of tables.entries()) {
    yield `${index === 0 ? ',"tables":{' : ','}${JSON.stringify(name)}:[`;
    let first = true;
    for (const row of rows()) {
      yield first ? JSON.stringify(row) : `,${JSON.stringify(row)}`;
      first = false;
    }
    yield ']';
  }
  yield '}}';
}

/** The file of a job, as text pieces in order, read from one snapshot of the database. */
export function exportPieces(source: ExportSource, job: ExportJob): Generator<string> {
  const pieces =
    job.kind === 'attendance'
      ? attendanceCsv(source, job)
      : job.kind === 'creditLog'
        ? creditLogCsv(source, job)
        : clubJson(source, job);
  return source.snapshot(pieces);
}

/** Text pieces gathered into UTF-8 chunks of about `size` characters: what goes down the wire. */
export function* chunks(pieces: Iterable<string>, size = 64 * 1024): Generator<Buffer> {
  let parts: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    parts.push(piece);
    length += piece.length;
    if (length >= size) {
      yield Buffer.from(parts.join(''), 'utf8');
      parts = [];
      length = 0;
    }
  }
  if (length > 0) yield Buffer.from(parts.join(''), 'utf8');
}
