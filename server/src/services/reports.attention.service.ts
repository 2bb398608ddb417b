import {
  attentionKind,
  explanationSchema,
  type AttentionKind,
  type ErrorCode,
  type Explanation,
  type Flag,
  type StoredResolutionKind,
  type attentionListInput,
} from '@turnout/shared';
import type { z } from 'zod';
import {
  attentionItemsByIds,
  countAttentionEntries,
  dismissalsByIds,
  openGroupFirst,
  pageAttentionEntries,
  type AttentionEntryRef,
  type AttentionItemRow,
} from '../repositories/attention-list.repository.js';
import { deviceNames } from '../repositories/devices.repository.js';
import { attendanceOf, memberNames, sessionsByIds } from '../repositories/reports.repository.js';
import type { AttentionGroupDismissalRow } from '../db/tables/attention.table.js';
import type { ServiceDeps } from './deps.js';
import type { ClubActor } from './invites.service.js';
import { reportClub } from './reports.common.js';

/**
 * The needs-attention list (spec §4, §7): check-ins the server accepted with
 * a flag (`over_capacity`, `unpaid`) and actions it refused, each from the
 * mutation log, with who did it, when, on which device and the message they
 * were given, plus the record's state now. Refusals of one device, mutation
 * and code are one entry (a group, shown by its latest refusal); flagged
 * items are one entry each. Resolving is a mutation through `sync.push`
 * (`attention.resolve` for an item, `attention.dismissGroup` for a group);
 * resolved entries stay listed.
 */

/** What a refused entry stands for: refusals of one device, mutation and code. */
interface AttentionGroupInfo {
  /** How many refusals (1 or more); the entry's other fields are the latest one's. */
  count: number;
  /** When the first and the latest of them reached the server. */
  firstReceivedAt: string;
  lastReceivedAt: string;
  /** The dismissal that closed the whole group (`resolution` says who, when, the note); null while open. */
  dismissalId: string | null;
}

interface AttentionListItem {
  /**
   * The mutation's id (for a group: its latest refusal); pass it as `itemId`
   * to `attention.resolve` (flagged) or `attention.dismissGroup` (refused).
   */
  id: string;
  kind: AttentionKind;
  /** The mutation name, e.g. `checkin.create`. */
  mutation: string;
  /** The mutation's arguments as sent. */
  args: Record<string, unknown>;
  /** Refusal code (refused items). */
  code: ErrorCode | null;
  /** The human message the person was given (refused items), in English. */
  message: string | null;
  /** What explains the refusal, as data for the device to word in its reader's language. */
  explanation: Explanation | null;
  /** Flags of the applied result (flagged items). */
  flags: Flag[];
  /** When it happened on the device, and when the server received it. */
  occurredAt: string;
  receivedAt: string;
  /** Who did it: their member id (null if they were not a member then) and name. */
  by: { memberId: string | null; name: string | null };
  /** The device: its name now (people may rename it), else the label it sent then. */
  device: { clientId: string; label: string | null };
  /** The session it was about, when it names one that exists. */
  session: { sessionId: string; title: string; startsAt: string; status: string } | null;
  /** The member it was for (a check-in's member, or the person themselves). */
  member: { memberId: string; name: string | null } | null;
  /** A flagged check-in as it is now (it may have been voided, adjusted or settled since). */
  attendance: {
    credits: number;
    unpaidCredits: number;
    flags: Flag[];
    voided: boolean;
    voidReason: string | null;
  } | null;
  /** How it was closed: the item's own resolution, or the dismissal of its group. */
  resolution: {
    resolution: StoredResolutionKind;
    note: string | null;
    resolvedAt: string;
    resolvedBy: { memberId: string; name: string | null };
  } | null;
  /** Refused entries: the group it stands for; null for a flagged item. */
  group: AttentionGroupInfo | null;
}

interface AttentionList {
  /** Entries matching the filter (a group counts once). */
  total: number;
  /** Open entries of any kind (for a badge; a group counts once). */
  open: number;
  items: AttentionListItem[];
}

const text = (v: unknown) => (typeof v === 'string' ? v : null);

/** A stored explanation, if it is one this server knows (older rows may hold none). */
function explanationOf(stored: string | null): Explanation | null {
  if (!stored) return null;
  try {
    const parsed = explanationSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A dismissed group whose latest refusal is gone (retention) is shown from the dismissal. */
function itemOfDismissal(d: AttentionGroupDismissalRow): AttentionItemRow {
  return {
    id: d.last_item_id,
    name: d.name,
    args: '{}',
    status: 'rejected',
    code: d.code,
    message: null,
    explanation: null,
    flags: '[]',
    byMemberId: null,
    byName: null,
    clientId: d.client_id,
    deviceLabel: null,
    occurredAt: d.up_to,
    receivedAt: d.up_to,
    resolution: null,
    resolutionNote: null,
    resolvedBy: null,
    resolvedAt: null,
  };
}

interface Entry {
  ref: AttentionEntryRef;
  row: AttentionItemRow;
  dismissal: AttentionGroupDismissalRow | null;
  group: AttentionGroupInfo | null;
}

/** A page of entries with their logged attempts, dismissals and group sizes. */
async function loadEntries(
  deps: ServiceDeps,
  clubId: string,
  refs: readonly AttentionEntryRef[],
): Promise<Entry[]> {
  const dismissalIds = refs.flatMap((r) => (r.dismissalId ? [r.dismissalId] : []));
  const dismissals = new Map(
    (await dismissalsByIds(deps.db, clubId, dismissalIds)).map((d) => [d.id, d]),
  );
  const rows = new Map(
    (
      await attentionItemsByIds(
        deps.db,
        clubId,
        refs.map((r) => r.itemId),
      )
    ).map((r) => [r.id, r]),
  );
  const entries: Entry[] = [];
  for (const ref of refs) {
    const dismissal = ref.dismissalId ? (dismissals.get(ref.dismissalId) ?? null) : null;
    const row = rows.get(ref.itemId) ?? (dismissal ? itemOfDismissal(dismissal) : undefined);
    if (!row) continue;
    let group: AttentionGroupInfo | null = null;
    if (dismissal) {
      group = {
        count: dismissal.item_count,
        firstReceivedAt: dismissal.first_received_at,
        lastReceivedAt: dismissal.up_to,
        dismissalId: dismissal.id,
      };
    } else if (ref.entry === 'group' && row.code) {
      const first = await openGroupFirst(deps.db, clubId, {
        clientId: row.clientId,
        name: row.name,
        code: row.code,
        cut: ref.cut,
      });
      group = {
        count: ref.size,
        firstReceivedAt: first ?? row.receivedAt,
        lastReceivedAt: row.receivedAt,
        dismissalId: null,
      };
    }
    entries.push({ ref, row, dismissal, group });
  }
  return entries;
}

export async function attentionList(
  deps: ServiceDeps,
  actor: ClubActor,
  input: z.output<typeof attentionListInput>,
): Promise<AttentionList> {
  await reportClub(deps, actor.clubId);
  const filter = { status: input.status, kind: input.kind };
  const { total, open } = await countAttentionEntries(deps.db, actor.clubId, filter);
  const refs = await pageAttentionEntries(deps.db, actor.clubId, filter, input);
  const entries = await loadEntries(deps, actor.clubId, refs);

  const parsed = entries.map((entry) => {
    const { row } = entry;
    const flags = JSON.parse(row.flags) as Flag[];
    const args = JSON.parse(row.args) as Record<string, unknown>;
    // The SQL mirrors the rule; the rule has the last word on the kind.
    const kind = attentionKind({ name: row.name, status: row.status, code: row.code, flags });
    const memberId = text(args.memberId) ?? row.byMemberId;
    return {
      ...entry,
      flags,
      args,
      kind: kind ?? (row.status === 'rejected' ? 'refused' : 'flagged'),
      sessionId: text(args.sessionId),
      memberId,
    };
  });
  const sessions = new Map(
    (
      await sessionsByIds(
        deps.db,
        actor.clubId,
        parsed.flatMap((p) => (p.sessionId ? [p.sessionId] : [])),
      )
    ).map((s) => [s.id, s]),
  );
  const names = await memberNames(deps.db, actor.clubId, [
    ...parsed.flatMap((p) => (p.memberId ? [p.memberId] : [])),
    ...parsed.flatMap((p) => (p.row.resolvedBy ? [p.row.resolvedBy] : [])),
    ...parsed.flatMap((p) => (p.dismissal ? [p.dismissal.dismissed_by] : [])),
  ]);
  const flaggedPairs = parsed.flatMap((p) =>
    p.kind === 'flagged' && p.sessionId && p.memberId
      ? [{ sessionId: p.sessionId, memberId: p.memberId }]
      : [],
  );
  const records = await attendanceOf(deps.db, actor.clubId, flaggedPairs);
  const devices = await deviceNames(
    deps.db,
    actor.clubId,
    parsed.map((p) => p.row.clientId),
  );

  const items = parsed.map(
    ({ row, dismissal, group, flags, args, kind, sessionId, memberId }): AttentionListItem => {
      const session = sessionId ? sessions.get(sessionId) : undefined;
      const record =
        kind === 'flagged'
          ? records.find((a) => a.session_id === sessionId && a.member_id === memberId)
          : undefined;
      return {
        id: row.id,
        kind,
        mutation: row.name,
        args,
        code: (row.code as ErrorCode | null) ?? null,
        message: row.message,
        explanation: explanationOf(row.explanation),
        flags,
        occurredAt: row.occurredAt,
        receivedAt: row.receivedAt,
        by: { memberId: row.byMemberId, name: row.byName ?? null },
        device: { clientId: row.clientId, label: devices.get(row.clientId) ?? row.deviceLabel },
        session: session
          ? {
              sessionId: session.id,
              title: session.title,
              startsAt: session.starts_at,
              status: session.status,
            }
          : null,
        member: memberId ? { memberId, name: names.get(memberId) ?? null } : null,
        attendance: record
          ? {
              credits: record.credits,
              unpaidCredits: record.unpaid_credits,
              flags: JSON.parse(record.flags) as Flag[],
              voided: record.voided === 1,
              voidReason: record.void_reason,
            }
          : null,
        resolution: dismissal
          ? {
              resolution: 'dismissed',
              note: dismissal.note,
              resolvedAt: dismissal.dismissed_at,
              resolvedBy: {
                memberId: dismissal.dismissed_by,
                name: names.get(dismissal.dismissed_by) ?? null,
              },
            }
          : row.resolution && row.resolvedAt && row.resolvedBy
            ? {
                resolution: row.resolution,
                note: row.resolutionNote,
                resolvedAt: row.resolvedAt,
                resolvedBy: { memberId: row.resolvedBy, name: names.get(row.resolvedBy) ?? null },
              }
            : null,
        group,
      };
    },
  );
  return { total, open, items };
}
