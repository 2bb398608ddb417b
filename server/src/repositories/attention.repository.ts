import {
  attentionKind,
  type AttentionGroupDismissal,
  type AttentionGroupFacts,
  type AttentionItem,
  type AttentionResolution,
  type Flag,
} from '@turnout/shared';
import type { Query, Statements } from '../db/statements.js';
import type {
  AttentionGroupDismissalRow,
  AttentionResolutionsTable,
} from '../db/tables/attention.table.js';

/**
 * Needs-attention items are mutation-log entries (see `attentionKind`);
 * their resolutions live in `attention_resolutions`, and dismissals of whole
 * groups of refusals in `attention_group_dismissals`. The list reads them in
 * attention-list.repository.ts; this is what the push needs (inside the push
 * transaction, on its prepared statements).
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

/** How an item was closed: on its own, or (a refusal) with its group. */
export function getAttentionResolution(st: Statements, itemId: string): AttentionResolution | null {
  const row = st.one<AttentionResolutionsTable>(
    'SELECT * FROM attention_resolutions WHERE item_id = ?',
    [itemId],
  );
  if (row) {
    return {
      itemId: row.item_id,
      resolution: row.resolution,
      note: row.note,
      resolvedBy: row.resolved_by,
      resolvedAt: row.resolved_at,
    };
  }
  const dismissal = st.one<AttentionGroupDismissalRow>(coveringDismissalSql, [itemId]);
  return dismissal
    ? {
        itemId,
        resolution: 'dismissed',
        note: dismissal.note,
        resolvedBy: dismissal.dismissed_by,
        resolvedAt: dismissal.dismissed_at,
      }
    : null;
}

/** The first dismissal of a refusal's group that reaches as far as the refusal. */
const coveringDismissalSql = `SELECT d.* FROM mutation_log m
  JOIN attention_group_dismissals d ON d.club_id = m.club_id AND d.client_id = m.client_id
    AND d.name = m.name AND d.code = m.code AND d.up_to >= m.received_at
  WHERE m.id = ? AND m.status = 'rejected'
  ORDER BY d.up_to LIMIT 1`;

/**
 * The group of a refused item of this club: its key, arrival, latest
 * dismissal and what dismissing up to the item would close. Sizes come from
 * the group's running count (`attention_groups.refusals`) minus what arrived
 * after the item (usually nothing, or the few since the organizer looked),
 * so a group of 45,000 is not counted row by row.
 */
export function getAttentionGroup(
  st: Statements,
  clubId: string,
  itemId: string,
): AttentionGroupFacts | null {
  const item = st.one<{ client_id: string; name: string; code: string; received_at: string }>(
    `SELECT client_id, name, code, received_at FROM mutation_log
     WHERE id = ? AND club_id = ? AND status = 'rejected' AND code IS NOT NULL`,
    [itemId, clubId],
  );
  if (!item) return null;
  const key = [clubId, item.client_id, item.name, item.code];
  const inGroup = 'club_id = ? AND client_id = ? AND name = ? AND code = ?';
  const last = st.one<AttentionGroupDismissalRow>(
    `SELECT * FROM attention_group_dismissals WHERE ${inGroup} ORDER BY up_to DESC LIMIT 1`,
    key,
  );
  const refusals =
    st.values<number>(`SELECT refusals FROM attention_groups WHERE ${inGroup}`, key)[0] ?? 0;
  const later =
    st.values<number>(
      `SELECT COUNT(*) FROM mutation_log WHERE ${inGroup} AND status = 'rejected' AND received_at > ?`,
      [...key, item.received_at],
    )[0] ?? 0;
  const first = st.values<string>(
    `SELECT received_at FROM mutation_log WHERE ${inGroup} AND status = 'rejected'
     AND received_at > ? ORDER BY received_at LIMIT 1`,
    [...key, last?.up_to ?? ''],
  )[0];
  const covered = refusals - later;
  return {
    key: { clientId: item.client_id, mutation: item.name, code: item.code },
    receivedAt: item.received_at,
    lastDismissal: last ? dismissalFromRow(last) : null,
    pending: { count: covered - (last?.covered ?? 0), firstReceivedAt: first ?? null },
    covered,
  };
}

function dismissalFromRow(row: AttentionGroupDismissalRow): AttentionGroupDismissal {
  return {
    id: row.id,
    clientId: row.client_id,
    mutation: row.name,
    code: row.code,
    upTo: row.up_to,
    lastItemId: row.last_item_id,
    itemCount: row.item_count,
    firstReceivedAt: row.first_received_at,
    covered: row.covered,
    note: row.note,
    dismissedBy: row.dismissed_by,
    dismissedAt: row.dismissed_at,
  };
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

/** Appends group dismissals: one row each, whatever the number of refusals it closes. */
export function attentionDismissalWrites(
  clubId: string,
  dismissals: readonly AttentionGroupDismissal[],
  version: number,
): Query[] {
  return dismissals.map((d) => ({
    sql: `INSERT INTO attention_group_dismissals (id, club_id, client_id, name, code, up_to,
      last_item_id, item_count, covered, first_received_at, note, dismissed_by, dismissed_at,
      version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    params: [
      d.id,
      clubId,
      d.clientId,
      d.mutation,
      d.code,
      d.upTo,
      d.lastItemId,
      d.itemCount,
      d.covered,
      d.firstReceivedAt,
      d.note,
      d.dismissedBy,
      d.dismissedAt,
      version,
    ],
  }));
}

/**
 * Counts a refusal being logged in its group (device, mutation, code), so the
 * list can walk a club's groups and size them without grouping or counting
 * its mutation log (a device can push tens of thousands of refusals). Every
 * refusal carries a code.
 */
export function countRefusalInGroup(
  st: Statements,
  group: { clubId: string; clientId: string; name: string; code: string },
): void {
  st.run(
    `INSERT INTO attention_groups (club_id, client_id, name, code, refusals) VALUES (?, ?, ?, ?, 1)
     ON CONFLICT (club_id, client_id, name, code) DO UPDATE SET refusals = attention_groups.refusals + 1`,
    [group.clubId, group.clientId, group.name, group.code],
  );
}
