import type { Db } from '../db/connection.js';
import type { SecurityLogTable } from '../db/tables/security-log.table.js';

/** Rows kept in the security log; older ones are deleted as new ones come. */
const securityLogLimit = 10_000;

/** A repeat of the same refusal within this time adds to the last row's count. */
const burstMs = 60_000;

export interface SecurityEvent {
  kind: SecurityLogTable['kind'];
  userId: string | null;
  clubId: string | null;
  clientId: string | null;
  address: string | null;
  detail?: string | null;
}

/**
 * Records a refused request in the server-level security log, never in a
 * club's mutation log: an outsider must leave no trace in the club it named.
 * A burst of the same refusal (same kind, account, club and device) is one
 * row whose count grows, so a flood costs one row a minute, and the table is
 * trimmed to the newest `securityLogLimit` rows.
 */
export async function recordSecurityEvent(db: Db, event: SecurityEvent, now: Date): Promise<void> {
  const at = now.toISOString();
  const since = new Date(now.getTime() - burstMs).toISOString();
  await db.transaction().execute(async (trx) => {
    const same = await trx
      .selectFrom('security_log')
      .select('id')
      .where('kind', '=', event.kind)
      .where('user_id', 'is not distinct from', event.userId)
      .where('club_id', 'is not distinct from', event.clubId)
      .where('client_id', 'is not distinct from', event.clientId)
      .where('at', '>=', since)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (same) {
      await trx
        .updateTable('security_log')
        .set((eb) => ({ count: eb('count', '+', 1), at }))
        .where('id', '=', same.id)
        .execute();
      return;
    }
    const { id } = await trx
      .insertInto('security_log')
      .values({
        at,
        kind: event.kind,
        user_id: event.userId,
        club_id: event.clubId,
        client_id: event.clientId,
        address: event.address,
        count: 1,
        detail: event.detail ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (id % 100 === 0) {
      await trx
        .deleteFrom('security_log')
        .where('id', '<=', id - securityLogLimit)
        .execute();
    }
  });
}

/**
 * Records an act to audit (a host or owner making a password reset for a
 * member): one row each, never merged into a burst, so every act is seen.
 */
export async function recordAuditEvent(db: Db, event: SecurityEvent, now: Date): Promise<void> {
  await db
    .insertInto('security_log')
    .values({
      at: now.toISOString(),
      kind: event.kind,
      user_id: event.userId,
      club_id: event.clubId,
      client_id: event.clientId,
      address: event.address,
      count: 1,
      detail: event.detail ?? null,
    })
    .execute();
}

export function listSecurityEvents(db: Db, limit = 100) {
  return db.selectFrom('security_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
}
