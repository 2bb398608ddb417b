import type { Mutation, PushResult } from '@turnout/shared';
import type { Db } from '../db/connection.js';

export interface LoggedMutation {
  userId: string;
  result: PushResult;
}

/** The stored outcome of a mutation id, if it was processed before. */
export async function findLoggedMutation(db: Db, id: string): Promise<LoggedMutation | undefined> {
  const row = await db
    .selectFrom('mutation_log')
    .select(['id', 'user_id', 'status', 'code', 'message', 'flags'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const flags = JSON.parse(row.flags) as PushResult['flags'];
  const result: PushResult = { id: row.id, status: row.status };
  if (row.code) result.code = row.code as PushResult['code'];
  if (row.message) result.message = row.message;
  if (flags && flags.length > 0) result.flags = flags;
  return { userId: row.user_id, result };
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
    })
    .execute();
}
