import {
  attentionKind,
  type AttentionItem,
  type AttentionResolution,
  type Flag,
} from '@turnout/shared';
import type { Db } from '../db/connection.js';

/**
 * Needs-attention items are mutation-log entries (see `attentionKind`);
 * their resolutions live in `attention_resolutions`. The reports read them
 * in reports.repository.ts; this is what the push handlers need.
 */

/** The item a mutation-log entry is, or null when it is not one (or not in this club). */
export async function getAttentionItem(
  db: Db,
  clubId: string,
  itemId: string,
): Promise<AttentionItem | null> {
  const row = await db
    .selectFrom('mutation_log')
    .select(['id', 'name', 'status', 'code', 'flags', 'args', 'member_id'])
    .where('id', '=', itemId)
    .where('club_id', '=', clubId)
    .executeTakeFirst();
  if (!row) return null;
  const flags = JSON.parse(row.flags) as Flag[];
  const kind = attentionKind({ name: row.name, status: row.status, code: row.code, flags });
  if (!kind) return null;
  const args = JSON.parse(row.args) as { sessionId?: unknown; memberId?: unknown };
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    id: row.id,
    kind,
    flags: kind === 'flagged' ? flags : [],
    sessionId: kind === 'flagged' ? text(args.sessionId) : null,
    // A check-in without memberId was the pusher's own.
    memberId: kind === 'flagged' ? (text(args.memberId) ?? row.member_id) : null,
  };
}

export async function getAttentionResolution(
  db: Db,
  itemId: string,
): Promise<AttentionResolution | null> {
  const row = await db
    .selectFrom('attention_resolutions')
    .selectAll()
    .where('item_id', '=', itemId)
    .executeTakeFirst();
  return row
    ? {
        itemId: row.item_id,
        resolution: row.resolution,
        note: row.note,
        resolvedBy: row.resolved_by,
        resolvedAt: row.resolved_at,
      }
    : null;
}

/** Appends resolutions (the primary key refuses a second one for the same item). */
export async function insertAttentionResolutions(
  db: Db,
  clubId: string,
  resolutions: readonly AttentionResolution[],
  version: number,
  mutationId: string | null,
): Promise<void> {
  for (const r of resolutions) {
    await db
      .insertInto('attention_resolutions')
      .values({
        item_id: r.itemId,
        club_id: clubId,
        resolution: r.resolution,
        note: r.note,
        resolved_by: r.resolvedBy,
        resolved_at: r.resolvedAt,
        mutation_id: mutationId,
        version,
      })
      .execute();
  }
}
