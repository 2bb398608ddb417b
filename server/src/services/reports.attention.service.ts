import {
  attentionKind,
  type AttentionKind,
  type AttentionResolutionKind,
  type ErrorCode,
  type Flag,
  type attentionListInput,
} from '@turnout/shared';
import type { z } from 'zod';
import {
  attendanceOf,
  countAttentionItems,
  listAttentionItems,
  memberNames,
  sessionsByIds,
} from '../repositories/reports.repository.js';
import type { ServiceDeps } from './deps.js';
import type { ClubActor } from './invites.service.js';
import { reportClub } from './reports.common.js';

/**
 * The needs-attention list (spec §4, §7): check-ins the server accepted with
 * a flag (`over_capacity`, `unpaid`) and actions it refused, each from the
 * mutation log, with who did it, when, on which device and the message they
 * were given, plus the record's state now. Resolving is a mutation
 * (`attention.resolve` through `sync.push`); resolved items stay listed.
 */

export interface AttentionListItem {
  /** The mutation's id; pass it to `attention.resolve` as `itemId`. */
  id: string;
  kind: AttentionKind;
  /** The mutation name, e.g. `checkin.create`. */
  mutation: string;
  /** The mutation's arguments as sent. */
  args: Record<string, unknown>;
  /** Refusal code (refused items). */
  code: ErrorCode | null;
  /** The human message the person was given (refused items). */
  message: string | null;
  /** Flags of the applied result (flagged items). */
  flags: Flag[];
  /** When it happened on the device, and when the server received it. */
  occurredAt: string;
  receivedAt: string;
  /** Who did it: their member id (null if they were not a member then) and name. */
  by: { memberId: string | null; name: string | null };
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
  resolution: {
    resolution: AttentionResolutionKind;
    note: string | null;
    resolvedAt: string;
    resolvedBy: { memberId: string; name: string | null };
  } | null;
}

export interface AttentionList {
  /** Items matching the filter. */
  total: number;
  /** Open items of any kind (for a badge). */
  open: number;
  items: AttentionListItem[];
}

const text = (v: unknown) => (typeof v === 'string' ? v : null);

export async function attentionList(
  deps: ServiceDeps,
  actor: ClubActor,
  input: z.output<typeof attentionListInput>,
): Promise<AttentionList> {
  await reportClub(deps, actor.clubId);
  const filter = { status: input.status, kind: input.kind };
  const total = await countAttentionItems(deps.db, actor.clubId, filter);
  const open = await countAttentionItems(deps.db, actor.clubId, {
    status: 'open',
    kind: undefined,
  });
  const rows = await listAttentionItems(deps.db, actor.clubId, filter, input);

  const parsed = rows.map((r) => {
    const flags = JSON.parse(r.flags) as Flag[];
    const args = JSON.parse(r.args) as Record<string, unknown>;
    // The SQL mirrors the rule; the rule has the last word on the kind.
    const kind = attentionKind({ name: r.name, status: r.status, code: r.code, flags });
    const memberId = text(args.memberId) ?? r.byMemberId;
    return {
      row: r,
      flags,
      args,
      kind: kind ?? (r.status === 'rejected' ? 'refused' : 'flagged'),
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
    ...rows.flatMap((r) => (r.resolvedBy ? [r.resolvedBy] : [])),
  ]);
  const flaggedPairs = parsed.flatMap((p) =>
    p.kind === 'flagged' && p.sessionId && p.memberId
      ? [{ sessionId: p.sessionId, memberId: p.memberId }]
      : [],
  );
  const records = await attendanceOf(deps.db, actor.clubId, flaggedPairs);

  const items = parsed.map(({ row, flags, args, kind, sessionId, memberId }): AttentionListItem => {
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
      flags,
      occurredAt: row.occurredAt,
      receivedAt: row.receivedAt,
      by: { memberId: row.byMemberId, name: row.byName ?? null },
      device: { clientId: row.clientId, label: row.deviceLabel },
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
      resolution:
        row.resolution && row.resolvedAt && row.resolvedBy
          ? {
              resolution: row.resolution,
              note: row.resolutionNote,
              resolvedAt: row.resolvedAt,
              resolvedBy: { memberId: row.resolvedBy, name: names.get(row.resolvedBy) ?? null },
            }
          : null,
    };
  });
  return { total, open, items };
}
