import type { Effects } from '@turnout/shared';
import type { Selectable } from 'kysely';
import type { Query, Statements } from '../db/statements.js';
import type { PassesTable } from '../db/tables/domain.tables.js';
import { newId } from '../ids.js';
import { attentionDismissalWrites, attentionResolutionWrites } from './attention.repository.js';
import { settingsToRow } from './clubs.repository.js';
import { familyLinkWrites } from './family.rows.js';
import { guestVisitWrites, guestWrites } from './guests.rows.js';
import {
  attendanceToRow,
  passRequestToRow,
  passToRow,
  seriesToRow,
  sessionToRow,
  signupToRow,
  templateToRow,
  trainingTypeToRow,
} from './domain.rows.js';

const nextVersionQuery: Query = {
  sql: 'UPDATE change_counter SET version = version + 1 WHERE id = 1 RETURNING version',
  params: [],
};
const currentVersionQuery: Query = {
  sql: 'SELECT version FROM change_counter WHERE id = 1',
  params: [],
};

/**
 * Takes the next value of the server's change counter. Every row written in
 * the same change gets it, so a device that pulled up to N has seen all of
 * N's writes or none. Synchronous, on the connection's prepared statements:
 * call it inside the transaction that writes the change.
 */
export function nextVersion(st: Statements): number {
  return versionOf(st.one<{ version: number }>(nextVersionQuery.sql));
}

/**
 * Above every version either store can hold (PostgreSQL's versions are
 * int4): a reader's "no ceiling".
 */
export const NO_CEILING = 2_147_483_647;

/** The change counter now (the version of the newest change). */
export function currentVersion(st: Statements): number {
  return versionOf(st.one<{ version: number }>(currentVersionQuery.sql));
}

function versionOf(row: { version: number } | undefined): number {
  if (!row) throw new Error('change_counter has no row');
  return row.version;
}

/**
 * Writes what a rule decided: whole rows replacing their previous version,
 * credit-log entries appended (the database moves the pass balances, stamps
 * the pass with the entry's version, and refuses any entry that does not add
 * up), notifications created. Synchronous, on the connection's prepared
 * statements, inside the caller's transaction; errors may surface at the
 * transaction's next statement (`Statements.write`). With `stored`, a pass whose
 * terms are as stored is not written.
 */
export function writeEffects(
  st: Statements,
  clubId: string,
  effects: Effects,
  version: number,
  mutationId: string | null,
  stored?: StoredPasses,
): void {
  // Row counts are not read: PostgreSQL may send these with the batch's others (st.write).
  for (const query of effectWrites(clubId, effects, version, mutationId, stored)) {
    st.write(query.sql, query.params);
  }
}

/** The statements that write a decision's effects, in the order the foreign keys need. */
function effectWrites(
  clubId: string,
  effects: Effects,
  version: number,
  mutationId: string | null,
  stored?: StoredPasses,
): Query[] {
  const writes: Query[] = [];
  for (const t of effects.trainingTypes) {
    writes.push(upsert('training_types', trainingTypeToRow(t, clubId, version), replaceById));
  }
  for (const s of effects.series) {
    writes.push(upsert('series', seriesToRow(s, clubId, version), replaceById));
  }
  for (const s of effects.sessions) {
    writes.push(upsert('sessions', sessionToRow(s, clubId, version), replaceById));
  }
  for (const i of effects.intents) {
    const row = {
      club_id: clubId,
      session_id: i.sessionId,
      member_id: i.memberId,
      going: i.going ? 1 : 0,
      updated_at: i.updatedAt,
      version,
    };
    writes.push(upsert('intents', row, intentByMember));
  }
  for (const t of effects.templates) {
    writes.push(upsert('pass_templates', templateToRow(t, clubId, version), replaceById));
  }
  for (const r of effects.passRequests) {
    writes.push(upsert('pass_requests', passRequestToRow(r, clubId, version), replaceById));
  }
  for (const p of effects.passes) {
    const row = passToRow(p, clubId, version);
    // Its balance and version move with its credit-log entry, below.
    if (stored?.unchanged(row)) continue;
    stored?.remember(row);
    writes.push(upsert('passes', row, passTerms));
  }
  // Sign-ups before attendance: a check-in may refer to the sign-up it converts.
  for (const s of effects.signups) {
    writes.push(upsert('signups', signupToRow(s, clubId, version), replaceById));
  }
  // A walk-in's membership before their attendance; the payment note after it.
  writes.push(...guestWrites(clubId, effects.guests, version));
  // A child's membership (made by `dependant.add`) before anything recorded for them.
  writes.push(...familyLinkWrites(clubId, effects.familyLinks));
  for (const a of effects.attendance) {
    writes.push(upsert('attendance', attendanceToRow(a, clubId, version), replaceById));
  }
  writes.push(...guestVisitWrites(clubId, effects.guestVisits, version));
  for (const e of effects.creditLog) {
    writes.push({
      sql: insertCreditLogSql,
      params: [
        newId(),
        clubId,
        e.passId,
        e.memberId,
        e.delta,
        e.kind,
        e.balanceAfter,
        e.expiresOnAfter,
        e.sessionId,
        e.signupId,
        e.attendanceId,
        e.reason,
        e.byMemberId,
        e.at,
        mutationId,
        version,
      ],
    });
  }
  for (const n of effects.notifications) {
    writes.push({
      sql: insertNotificationSql,
      params: [
        newId(),
        clubId,
        n.memberId,
        n.kind,
        JSON.stringify({ ...n.data, sessionId: n.sessionId }),
        n.at,
        version,
      ],
    });
  }
  writes.push(
    ...attentionResolutionWrites(clubId, effects.attentionResolutions, version, mutationId),
    ...attentionDismissalWrites(clubId, effects.attentionDismissals, version),
  );
  if (effects.settings) {
    const row: Record<string, unknown> = { ...settingsToRow(effects.settings), version };
    const columns = Object.keys(row);
    writes.push({
      sql: `UPDATE clubs SET ${columns.map((c) => `"${c}" = ?`).join(', ')} WHERE id = ?`,
      params: [...columns.map((c) => row[c]), clubId],
    });
  }
  return writes;
}

const insertCreditLogSql = `INSERT INTO credit_log (id, club_id, pass_id, member_id, delta, kind,
  balance_after, expires_on_after, session_id, signup_id, attendance_id, reason, by_member_id, at,
  mutation_id, version) VALUES (${Array.from({ length: 16 }, () => '?').join(', ')})`;

const insertNotificationSql = `INSERT INTO notifications (id, club_id, member_id, kind, data,
  created_at, read_at, version) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)`;

/** How a row replaces its previous version. */
interface Conflict {
  /** The conflict target. */
  target: readonly string[];
  /** Columns never changed by a later write. */
  fixed: readonly string[];
  /** Skip the update when nothing but the version would change. */
  onlyIfChanged?: boolean;
}

/*
 * `club_id` is never in `fixed`: every upsert sets it again, so one that hits
 * another club's row (an id made on a hostile device) trips the database's
 * `*_club_fixed` trigger instead of silently rewriting that row.
 */
const replaceById: Conflict = { target: ['id'], fixed: ['id'] };
const intentByMember: Conflict = {
  target: ['session_id', 'member_id'],
  fixed: ['session_id', 'member_id'],
};
/**
 * A pass's balance is never written here (only its credit log moves it, and
 * stamps its version): a pass whose terms did not change is left alone,
 * instead of being rewritten in every check-in that charges it.
 */
const passTerms: Conflict = {
  target: ['id'],
  fixed: ['id', 'member_id', 'template_id'],
  onlyIfChanged: true,
};

/** The columns of a pass a write may change, besides balance and version. */
const passTermColumns = [
  'terms',
  'granted_on',
  'granted_at',
  'expires_on',
  'active',
  'request_id',
  'week_uses',
] as const;
type PassTermsRow = Pick<Selectable<PassesTable>, 'id' | (typeof passTermColumns)[number]>;

/**
 * Passes as this transaction last read or wrote them (their terms, without
 * balance and version), so a check-in does not rewrite a pass it only
 * charged — the credit-log trigger moves the balance and version. Exact by
 * construction: filled from reads and writes inside the transaction; clear
 * it when a savepoint is rolled back.
 */
export class StoredPasses {
  readonly #rows = new Map<string, PassTermsRow>();

  remember(row: PassTermsRow): void {
    this.#rows.set(row.id, row);
  }

  unchanged(row: PassTermsRow): boolean {
    const stored = this.#rows.get(row.id);
    return stored !== undefined && passTermColumns.every((c) => stored[c] === row[c]);
  }

  clear(): void {
    this.#rows.clear();
  }
}

/** The last upsert built per table: rows of a table almost always have the same columns. */
const upserts = new Map<string, { columns: string[]; sql: string }>();

/**
 * INSERT … ON CONFLICT DO UPDATE of every column but the fixed ones. Columns
 * whose value is undefined are left out (as Kysely did), so the column's
 * default applies to a new row. The SQL is built once per column set.
 */
function upsert(table: string, row: object, conflict: Conflict): Query {
  let columns = Object.keys(row);
  let params: unknown[] = Object.values(row);
  if (params.includes(undefined)) {
    columns = columns.filter((_, i) => params[i] !== undefined);
    params = params.filter((v) => v !== undefined);
  }
  const last = upserts.get(table);
  if (last && sameColumns(last.columns, columns)) return { sql: last.sql, params };
  const sql = buildUpsert(table, columns, conflict);
  upserts.set(table, { columns, sql });
  return { sql, params };
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

function buildUpsert(table: string, columns: readonly string[], conflict: Conflict): string {
  const quote = (c: string) => `"${c}"`;
  const updated = columns.filter((c) => !conflict.fixed.includes(c));
  const set = updated.map((c) => `${quote(c)} = excluded.${quote(c)}`).join(', ');
  const changed = updated
    .filter((c) => c !== 'version')
    // Qualified, and IS DISTINCT FROM rather than SQLite's IS NOT: both stores read it.
    .map((c) => `${quote(table)}.${quote(c)} IS DISTINCT FROM excluded.${quote(c)}`)
    .join(' OR ');
  const where = conflict.onlyIfChanged && changed ? ` WHERE ${changed}` : '';
  return (
    `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')})` +
    ` VALUES (${columns.map(() => '?').join(', ')})` +
    ` ON CONFLICT (${conflict.target.map(quote).join(', ')}) DO UPDATE SET ${set}${where}`
  );
}
