import type { AttentionResolution, RefusedCheckIn } from '@turnout/shared';
import type { Statements } from '../db/statements.js';
import type { AttentionResolutionsTable } from '../db/tables/attention.table.js';

/**
 * A refused `checkin.create` of a club, from the mutation log, as
 * `checkin.reinstate` judges it (inside the push transaction). Only the
 * item's own resolution counts as resolved: a refusal dismissed with its
 * group can still be put right (docs/decisions.md).
 */
export function getRefusedCheckIn(
  st: Statements,
  clubId: string,
  itemId: string,
): RefusedCheckIn | null {
  const row = st.one<{
    id: string;
    code: string | null;
    args: string;
    member_id: string | null;
    judged_at: string;
  }>(
    `SELECT id, code, args, member_id, judged_at FROM mutation_log
     WHERE id = ? AND club_id = ? AND status = 'rejected' AND name = 'checkin.create'`,
    [itemId, clubId],
  );
  if (!row) return null;
  const args = parseArgs(row.args);
  const own = st.one<AttentionResolutionsTable>(
    'SELECT * FROM attention_resolutions WHERE item_id = ? AND club_id = ?',
    [itemId, clubId],
  );
  const resolution: AttentionResolution | null = own
    ? {
        itemId: own.item_id,
        resolution: own.resolution,
        note: own.note,
        resolvedBy: own.resolved_by,
        resolvedAt: own.resolved_at,
      }
    : null;
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    id: row.id,
    code: row.code,
    sessionId: text(args.sessionId),
    // A check-in naming no member was the sender's own.
    memberId: text(args.memberId) ?? row.member_id,
    credits: typeof args.credits === 'number' ? args.credits : undefined,
    at: row.judged_at,
    resolution,
  };
}

/** Args as logged; a refusal too large to keep has only its size (`omitted`). */
function parseArgs(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
