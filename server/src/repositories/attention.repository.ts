import {
  attentionKind,
  type AttentionItem,
  type AttentionResolution,
  type Flag,
} from '@turnout/shared';
import type { Query, Statements } from '../db/statements.js';
import type { AttentionResolutionsTable } from '../db/tables/attention.table.js';

/**
 * Needs-attention items are mutation-log entries (see `attentionKind`);
 * their resolutions live in `attention_resolutions`. The reports read them
 * in reports.repository.ts; this is what the push handlers need (inside the
 * push transaction, on its prepared statements).
 */

/** The item a mutation-log entry is, or null when it is not one (or not in this club). */
export function getAttentionItem(
  st: Statements,
  clubId: string,
  itemId: string,
): AttentionItem | null {
  const row = st.one<{
    id: string;
    name: string;
    status: 'applied' | 'rejected';
    code: string | null;
    flags: string;
    args: string;
    member_id: string | null;
  }>(
    'SELECT id, name, status, code, flags, args, member_id FROM mutation_log WHERE id = ? AND club_id = ?',
    [itemId, clubId],
  );
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

export function getAttentionResolution(st: Statements, itemId: string): AttentionResolution | null {
  const row = st.one<AttentionResolutionsTable>(
    'SELECT * FROM attention_resolutions WHERE item_id = ?',
    [itemId],
  );
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
export function attentionResolutionWrites(
  clubId: string,
  resolutions: readonly AttentionResolution[],
  version: number,
  mutationId: string | null,
): Query[] {
  return resolutions.map((r) => ({
    sql: `INSERT INTO attention_resolutions (item_id, club_id, resolution, note, resolved_by,
      resolved_at, mutation_id, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    params: [
      r.itemId,
      clubId,
      r.resolution,
      r.note,
      r.resolvedBy,
      r.resolvedAt,
      mutationId,
      version,
    ],
  }));
}
