import type { Mutation, PushResult } from '@turnout/shared';
import type { Db } from '../db/connection.js';

export interface LoggedMutation {
  userId: string;
  result: PushResult;
}

/** The stored outcomes of those mutation ids that were processed before. */
export async function findLoggedMutations(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, LoggedMutation>> {
  const found = new Map<string, LoggedMutation>();
  // In chunks: SQLite limits the number of bound parameters.
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('mutation_log')
      .select(['id', 'user_id', 'status', 'code', 'message', 'flags'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const row of rows) {
      const flags = JSON.parse(row.flags) as PushResult['flags'];
      const result: PushResult = { id: row.id, status: row.status };
      if (row.code) result.code = row.code as PushResult['code'];
      if (row.message) result.message = row.message;
      if (flags && flags.length > 0) result.flags = flags;
      found.set(row.id, { userId: row.user_id, result });
    }
  }
  return found;
}

/** Appends one attempt to the audit trail (the table refuses updates of results and deletes). */
export async function logMutation(
  db: Db,
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
  },
): Promise<void> {
  await db
    .insertInto('mutation_log')
    .values({
      id: entry.mutation.id,
      club_id: entry.clubId,
      client_id: entry.clientId,
      seq: entry.mutation.seq,
      user_id: entry.userId,
      member_id: entry.memberId,
      name: entry.mutation.name,
      args: JSON.stringify(entry.mutation.args),
      occurred_at: entry.mutation.occurredAt,
      judged_at: entry.judgedAt,
      received_at: entry.receivedAt,
      status: entry.result.status,
      code: entry.result.code ?? null,
      message: entry.result.message ?? null,
      flags: JSON.stringify(entry.result.flags ?? []),
      server_version: entry.serverVersion,
      resolved_at: null,
      resolved_by: null,
      device_label: entry.deviceLabel ?? null,
    })
    .execute();
}
