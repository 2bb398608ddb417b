import type { Mutation, PushResult } from '@turnout/shared';
import type { Selectable } from 'kysely';
import type { Db } from '../db/connection.js';
import { inList, type Statements } from '../db/statements.js';
import type { MutationLogTable } from '../db/tables/domain.tables.js';
import { countRefusalInGroup } from './attention.repository.js';

export interface LoggedMutation {
  userId: string;
  result: PushResult;
}

/** The stored outcomes of those mutation ids that were processed before. */
export function findLoggedMutations(
  st: Statements,
  ids: readonly string[],
): Map<string, LoggedMutation> {
  const found = new Map<string, LoggedMutation>();
  // In chunks: SQLite limits the number of bound parameters.
  for (let i = 0; i < ids.length; i += 500) {
    const { list, values } = inList(ids.slice(i, i + 500));
    const rows = st.all<
      Pick<
        Selectable<MutationLogTable>,
        'id' | 'user_id' | 'status' | 'code' | 'message' | 'flags' | 'explanation'
      >
    >(
      `SELECT id, user_id, status, code, message, flags, explanation FROM mutation_log WHERE id IN ${list}`,
      values,
    );
    for (const row of rows) {
      const flags = JSON.parse(row.flags) as PushResult['flags'];
      const result: PushResult = { id: row.id, status: row.status };
      if (row.code) result.code = row.code as PushResult['code'];
      if (row.message) result.message = row.message;
      if (row.explanation) {
        result.explanation = JSON.parse(row.explanation) as NonNullable<PushResult['explanation']>;
      }
      if (flags && flags.length > 0) result.flags = flags;
      found.set(row.id, { userId: row.user_id, result });
    }
  }
  return found;
}

/** Appends one attempt to the audit trail (the table refuses updates of results and deletes). */
export function logMutation(
  st: Statements,
  entry: {
    clubId: string;
    clientId: string;
    userId: string;
    memberId: string | null;
    mutation: Mutation;
    judgedAt: string;
    receivedAt: string;
    result: PushResult;
    serverVersion: number;
    /** The label the device sent with the push, kept for needs-attention. */
    deviceLabel?: string | null;
    /** The args as stored, when the caller has already serialized (or replaced) them. */
    argsJson?: string;
  },
): void {
  st.write(insertLogSql, [
    entry.mutation.id,
    entry.clubId,
    entry.clientId,
    entry.mutation.seq,
    entry.userId,
    entry.memberId,
    entry.mutation.name,
    entry.argsJson ?? JSON.stringify(entry.mutation.args),
    entry.mutation.occurredAt,
    entry.judgedAt,
    entry.receivedAt,
    entry.result.status,
    entry.result.code ?? null,
    entry.result.message ?? null,
    JSON.stringify(entry.result.flags ?? []),
    entry.serverVersion,
    entry.deviceLabel ?? null,
    entry.result.explanation ? JSON.stringify(entry.result.explanation) : null,
  ]);
  if (entry.result.status === 'rejected' && entry.result.code) {
    countRefusalInGroup(st, {
      clubId: entry.clubId,
      clientId: entry.clientId,
      name: entry.mutation.name,
      code: entry.result.code,
    });
  }
}

const insertLogSql = `INSERT INTO mutation_log (id, club_id, client_id, seq, user_id, member_id,
  name, args, occurred_at, judged_at, received_at, status, code, message, flags, server_version,
  device_label, explanation, resolved_at, resolved_by)
  VALUES (${Array.from({ length: 18 }, () => '?').join(', ')}, NULL, NULL)`;

/** Refused attempts are kept this long (docs/decisions.md, "Retention of the mutation log"). */
export const refusalRetentionDays = 180;

/**
 * Deletes refused attempts received before `before`, at most `limit` at a
 * time (a sweep never holds the database for long). Applied mutations are
 * never deleted: they are the audit trail of every place and credit, and
 * what makes a retry a replay; resolved items stay with their resolution.
 * The database enforces both (trigger `mutation_log_keeps_applied`).
 */
export async function deleteOldRefusals(db: Db, before: string, limit = 2000): Promise<number> {
  const result = await db
    .deleteFrom('mutation_log')
    .where(
      'id',
      'in',
      db
        .selectFrom('mutation_log')
        .select('id')
        .where('status', '=', 'rejected')
        .where('received_at', '<', before)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('attention_resolutions')
                .select('item_id')
                .whereRef('attention_resolutions.item_id', '=', 'mutation_log.id'),
            ),
          ),
        )
        .limit(limit),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
