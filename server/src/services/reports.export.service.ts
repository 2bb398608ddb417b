import { clubDate, clubTime, type exportRangeInput } from '@turnout/shared';
import { stringify } from 'csv-stringify/sync';
import type { z } from 'zod';
import {
  attendanceForExport,
  clubInvitations,
  clubPeople,
  clubRows,
  clubTables,
  creditLogForExport,
  getClubRow,
  schemaVersion,
} from '../repositories/reports.repository.js';
import type { ServiceDeps } from './deps.js';
import type { ClubActor } from './invites.service.js';
import { displayName, instantRange, parseTerms, reportClub } from './reports.common.js';

/**
 * Exports (spec §6): attendance and the credit log as CSV for a date range,
 * and everything of one club as JSON. Served as tRPC queries answering a
 * file: `{ filename, contentType, body }` (docs/protocol.md).
 */

export interface ExportFile {
  filename: string;
  contentType: string;
  body: string;
}

/**
 * RFC 4180 CSV (comma, CRLF, quotes where needed) with a UTF-8 byte order
 * mark so spreadsheets read names with accents right. Text cells that a
 * spreadsheet would run as a formula (starting with = + - @, a tab or a
 * carriage return, or their full-width forms) get a leading apostrophe;
 * numbers (like a credit delta of -1) are left as numbers.
 */
export function toCsv(columns: readonly string[], rows: readonly unknown[][]): string {
  return stringify([columns, ...rows] as unknown[][], {
    bom: true,
    record_delimiter: 'windows',
    escape_formulas: true,
    cast: { boolean: (v) => (v ? 'yes' : 'no') },
  });
}

/** A file-name-safe form of the club's name. */
function slug(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return s || 'club';
}

/** 'YYYY-MM-DD HH:mm' in the club's time zone. */
function localTime(instant: string, timezone: string): string {
  return `${clubDate(instant, timezone)} ${clubTime(instant, timezone)}`;
}

const csvType = 'text/csv; charset=utf-8';

/** Attendance records of sessions that started in the range (club dates), oldest first. */
export async function attendanceCsv(
  deps: ServiceDeps,
  actor: ClubActor,
  input: z.output<typeof exportRangeInput>,
): Promise<ExportFile> {
  const club = await reportClub(deps, actor.clubId);
  const tz = club.settings.timezone;
  const rows = await attendanceForExport(
    deps.db,
    actor.clubId,
    instantRange(tz, input.from, input.to),
  );
  const columns = [
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
  ];
  const body = toCsv(
    columns,
    rows.map((r) => [
      clubDate(r.startsAt, tz),
      clubTime(r.startsAt, tz),
      clubTime(r.endsAt, tz),
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
      localTime(r.checkedInAt, tz),
      r.recordedBy,
      r.deviceLabel,
      r.sessionId,
      r.memberId,
      r.attendanceId,
    ]),
  );
  return {
    filename: `attendance-${slug(club.name)}-${input.from}-to-${input.to}.csv`,
    contentType: csvType,
    body,
  };
}

/** Credit-log entries written in the range (club dates), in the order they were written. */
export async function creditLogCsv(
  deps: ServiceDeps,
  actor: ClubActor,
  input: z.output<typeof exportRangeInput>,
): Promise<ExportFile> {
  const club = await reportClub(deps, actor.clubId);
  const tz = club.settings.timezone;
  const rows = await creditLogForExport(
    deps.db,
    actor.clubId,
    instantRange(tz, input.from, input.to),
  );
  const columns = [
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
  ];
  const body = toCsv(
    columns,
    rows.map((r) => [
      localTime(r.at, tz),
      displayName(parseTerms(r.terms).names, club.settings.locales),
      r.memberName,
      r.kind,
      r.delta,
      r.balanceAfter,
      r.expiresOnAfter,
      r.sessionTitle,
      r.sessionStartsAt ? clubDate(r.sessionStartsAt, tz) : null,
      r.reason,
      r.byName,
      r.passId,
      r.memberId,
      r.sessionId,
      r.entryId,
    ]),
  );
  return {
    filename: `credit-log-${slug(club.name)}-${input.from}-to-${input.to}.csv`,
    contentType: csvType,
    body,
  };
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

export interface ClubExport {
  format: 'turnout.club-export';
  formatVersion: 1;
  /** The newest database migration: the shape the rows follow. */
  schema: string | null;
  exportedAt: string;
  club: Record<string, unknown>;
  tables: Record<string, Record<string, unknown>[]>;
}

/**
 * Everything stored for one club, table by table, in the database's own
 * column names (snake_case; JSON columns as JSON; booleans as 0/1). People
 * come with their account's name and email; no password hash, login token
 * or invitation code hash is ever included.
 */
export async function clubJson(deps: ServiceDeps, actor: ClubActor): Promise<ExportFile> {
  const club = await reportClub(deps, actor.clubId);
  const row = await getClubRow(deps.db, actor.clubId);
  const tables: ClubExport['tables'] = {
    members: await clubPeople(deps.db, actor.clubId),
    invitations: await clubInvitations(deps.db, actor.clubId),
  };
  for (const table of clubTables) {
    tables[table] = (await clubRows(deps.db, table, actor.clubId)).map(withJson);
  }
  const doc: ClubExport = {
    format: 'turnout.club-export',
    formatVersion: 1,
    schema: await schemaVersion(deps.db),
    exportedAt: club.now,
    club: withJson({ ...row }),
    tables,
  };
  return {
    filename: `turnout-${slug(club.name)}-${club.today}.json`,
    contentType: 'application/json',
    body: JSON.stringify(doc),
  };
}
