import type { exportRangeInput } from '@turnout/shared';
import type { z } from 'zod';
import { postgresUrlOf, type Db } from '../db/connection.js';
import type { ExportKind, ExportOptions, ExportStore } from '../exports/job.js';
import { databaseFileOf } from '../repositories/exports.repository.js';
import type { ServiceDeps } from './deps.js';
import type { ClubActor } from './invites.service.js';
import { instantRange, reportClub } from './reports.common.js';

/**
 * Exports (spec §6): attendance and the credit log as CSV for a date range,
 * and everything of one club as JSON. Served as plain HTTP downloads
 * (src/http/exports.ts, docs/protocol.md); this works out what the file is
 * (its name, type and the job for the export worker, src/exports/), and
 * refuses what cannot be exported, before anything is sent.
 */

export interface PlannedExport {
  filename: string;
  contentType: string;
  job: ExportStore & Omit<ExportOptions, 'gzip'>;
}

/**
 * Where the export worker reads: the PostgreSQL URL the server runs on, or
 * the SQLite file its connection has open.
 */
async function exportStoreOf(db: Db): Promise<ExportStore> {
  const postgresUrl = postgresUrlOf(db);
  if (postgresUrl !== undefined) return { postgresUrl };
  return { databaseFile: await databaseFileOf(db) };
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

const csvType = 'text/csv; charset=utf-8';

/** The range is required for the CSV files and ignored for the club's JSON. */
export async function planExport(
  deps: ServiceDeps,
  actor: ClubActor,
  kind: ExportKind,
  range: z.output<typeof exportRangeInput> | undefined,
): Promise<PlannedExport> {
  const club = await reportClub(deps, actor.clubId);
  const tz = club.settings.timezone;
  const job: PlannedExport['job'] = {
    ...(await exportStoreOf(deps.db)),
    kind,
    clubId: actor.clubId,
    range: range ? instantRange(tz, range.from, range.to) : { from: undefined, to: undefined },
    timezone: tz,
    locales: club.settings.locales,
    now: club.now,
  };
  const name = slug(club.name);
  if (kind === 'club') {
    return { filename: `turnout-${name}-${club.today}.json`, contentType: 'application/json', job };
  }
  if (!range) throw new Error('a CSV export needs a date range');
  const file = kind === 'attendance' ? 'attendance' : 'credit-log';
  return {
    filename: `${file}-${name}-${range.from}-to-${range.to}.csv`,
    contentType: csvType,
    job,
  };
}
